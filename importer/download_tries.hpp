#pragma once
// Downloading with up to three tries: after a network error, a 5xx or a
// 429, wait (1 s, then 2 s, or what Retry-After asks, up to a minute) and
// ask again.

#include "http_download.hpp"

#include <ostream>

namespace portreg {

constexpr int download_tries = 3;

// Returns a 200 or 304 answer. Says each failed try on `err`; throws the
// last DownloadFailed when no try succeeded.
DownloadAnswer download(const DownloadRequest& request, std::ostream& err);

} // namespace portreg
