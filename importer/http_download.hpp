#pragma once
// One HTTP GET through libcurl, with the limits portreg-import --fetch
// keeps to: TLS verified, at most 5 redirects and none from https to http,
// a connect timeout, a whole-transfer timeout, a minimum speed, a body of
// at most max_input_bytes (decoded). Proxies come from the usual
// environment variables (http_proxy, https_proxy, no_proxy), as libcurl
// reads them.

#include "http_response.hpp"

#include <stdexcept>
#include <string>

namespace portreg {

struct DownloadRequest {
    std::string url;
    std::string if_none_match;     // an ETag, sent as If-None-Match; empty: none
    std::string if_modified_since; // an HTTP date; empty: none
    long timeout_seconds = 120;    // the whole transfer, per try
};

struct DownloadAnswer {
    ResponseHeaders headers; // of the last response, after redirects
    std::string body;        // decoded (gzip, deflate, ...)
};

// A try that brought no answer to use: a transfer error (connection,
// timeout, a body cut short, too large) or a status other than 200/304.
// `again`: another try may go better (network errors, 5xx, 429).
class DownloadFailed : public std::runtime_error {
public:
    DownloadFailed(const std::string& message, bool again, long retry_after = 0)
        : std::runtime_error(message), again(again), retry_after(retry_after) {}
    bool again;
    long retry_after; // seconds the server asked to wait; 0 if it did not
};

// One try; throws DownloadFailed.
DownloadAnswer download_once(const DownloadRequest& request);

// An HTTP date ("Mon, 02 Feb 2026 10:00:00 GMT") as ISO 8601 UTC; empty
// when it is not one.
std::string iso_from_http_date(const std::string& http_date);

} // namespace portreg
