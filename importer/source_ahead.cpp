// for_each_input_ahead: the reading of inputs on a thread of its own, one
// input ahead of the caller.

#include "source.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

namespace portreg {

namespace {

// What the reading thread hands over, in order: an input, a source error,
// or the end (with what the reading threw, if anything).
struct Handover {
    std::optional<Input> input;
    std::optional<Error> error;
    bool end = false;
    std::exception_ptr failure;
};

// Thrown on the reading thread to unwind it once the caller has stopped.
struct ReadingStopped {};

class HandoverQueue {
public:
    // Returns once the item is taken: the next input is read while the
    // caller works on this one, never while this one still waits.
    void put(Handover item) {
        const bool end = item.end;
        std::unique_lock lock(mutex_);
        if (stopped_ && !end) throw ReadingStopped{};
        queue_.push_back(std::move(item));
        changed_.notify_all();
        changed_.wait(lock, [&] { return queue_.empty() || stopped_; });
        if (stopped_ && !end) throw ReadingStopped{};
    }
    Handover take() {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !queue_.empty(); });
        Handover item = std::move(queue_.front());
        queue_.pop_front();
        changed_.notify_all();
        return item;
    }
    void stop() {
        std::lock_guard lock(mutex_);
        stopped_ = true;
        queue_.clear();
        changed_.notify_all();
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Handover> queue_;
    bool stopped_ = false;
};

} // namespace

void for_each_input_ahead(const std::string& path, const std::function<void(Input&)>& prepare,
                          const std::function<void(Input&)>& visit,
                          const std::function<void(const Error&)>& on_error, std::size_t& skipped) {
    // One release file has nothing after it to read ahead, and a second
    // thread would only make every allocation of the first pay for locking.
    if (read_on_calling_thread(path)) {
        for_each_input(
            path,
            [&](Input& in) {
                prepare(in);
                visit(in);
            },
            on_error, skipped);
        return;
    }
    HandoverQueue queue;
    std::size_t skipped_here = 0;
    std::thread reading([&] {
        Handover last;
        last.end = true;
        try {
            for_each_input(
                path,
                [&](Input& in) {
                    prepare(in);
                    Handover item;
                    item.input = std::move(in);
                    queue.put(std::move(item));
                },
                [&](const Error& e) {
                    Handover item;
                    item.error = e;
                    queue.put(std::move(item));
                },
                skipped_here);
        } catch (const ReadingStopped&) {
        } catch (...) {
            last.failure = std::current_exception();
        }
        queue.put(std::move(last));
    });
    try {
        for (;;) {
            Handover item = queue.take();
            if (item.input)
                visit(*item.input);
            else if (item.error)
                on_error(*item.error);
            else {
                reading.join();
                skipped += skipped_here;
                if (item.failure) std::rethrow_exception(item.failure);
                return;
            }
        }
    } catch (...) {
        queue.stop();
        if (reading.joinable()) reading.join();
        throw;
    }
}

} // namespace portreg
