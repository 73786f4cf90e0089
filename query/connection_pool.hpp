#pragma once
// portreg-serve's read-only connections to the database: a few, each used
// by one request at a time (SQLite connections are not shared between
// threads at once), opened when first needed and kept. The server has
// many more workers than this (idle keep-alive connections hold one
// each), and a connection per worker would hold its page cache and map
// the database hundreds of times.

#include <SQLiteCpp/Database.h>

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace portreg::query {

class ConnectionPool {
public:
    ConnectionPool(std::string database, std::size_t most);

    // A connection for one request, given back when the lease ends.
    class Lease {
    public:
        Lease(ConnectionPool& pool, std::unique_ptr<SQLite::Database> connection)
            : pool_(pool), connection_(std::move(connection)) {}
        ~Lease() { pool_.give_back(std::move(connection_)); }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        SQLite::Database& operator*() { return *connection_; }

    private:
        ConnectionPool& pool_;
        std::unique_ptr<SQLite::Database> connection_;
    };

    // Waits while all `most` connections are in use.
    Lease borrow();

private:
    void give_back(std::unique_ptr<SQLite::Database> connection);

    const std::string database_;
    const std::size_t most_;
    std::mutex mutex_;
    std::condition_variable returned_;
    std::vector<std::unique_ptr<SQLite::Database>> idle_;
    std::size_t opened_ = 0;
};

} // namespace portreg::query
