#include "connection_pool.hpp"

#include "query_context.hpp"

namespace portreg::query {

ConnectionPool::ConnectionPool(std::string database, std::size_t most)
    : database_(std::move(database)), most_(most) {}

ConnectionPool::Lease ConnectionPool::borrow() {
    std::unique_lock<std::mutex> lock(mutex_);
    returned_.wait(lock, [&] { return !idle_.empty() || opened_ < most_; });
    if (!idle_.empty()) {
        auto connection = std::move(idle_.back());
        idle_.pop_back();
        return Lease(*this, std::move(connection));
    }
    ++opened_;
    lock.unlock();
    try {
        return Lease(*this, std::make_unique<SQLite::Database>(open_for_query(database_)));
    } catch (...) {
        lock.lock();
        --opened_;
        returned_.notify_one();
        throw;
    }
}

void ConnectionPool::give_back(std::unique_ptr<SQLite::Database> connection) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (connection)
            idle_.push_back(std::move(connection));
        else
            --opened_;
    }
    returned_.notify_one();
}

} // namespace portreg::query
