#include "download_tries.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <thread>

namespace portreg {

namespace {

// A server asking for a longer wait than this is asked again by the next
// run (cron, the timer), not by this one.
constexpr long longest_wait_seconds = 60;

long seconds_before_try(int next_try, const DownloadFailed& failure) {
    const long backoff = 1L << (next_try - 2); // 1 s before the second try, 2 s before the third
    return std::max(backoff, failure.retry_after);
}

} // namespace

DownloadAnswer download(const DownloadRequest& request, std::ostream& err) {
    for (int attempt = 1;; ++attempt) {
        try {
            return download_once(request);
        } catch (const DownloadFailed& failure) {
            if (!failure.again || attempt == download_tries) {
                if (attempt == 1) throw;
                throw DownloadFailed(fmt::format("{} (after {} tries)", failure.what(), attempt),
                                     false);
            }
            const long wait = seconds_before_try(attempt + 1, failure);
            if (wait > longest_wait_seconds)
                throw DownloadFailed(fmt::format("{}; the server asks to wait {} s, try later",
                                                 failure.what(), wait),
                                     false);
            err << fmt::format("portreg-import: {}: {}; trying again in {} s\n", request.url,
                               failure.what(), wait)
                << std::flush;
            std::this_thread::sleep_for(std::chrono::seconds(wait));
        }
    }
}

} // namespace portreg
