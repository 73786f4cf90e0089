#pragma once
// The response headers portreg-import --fetch needs, taken from the header
// lines libcurl hands over as they arrive. Outside bytes: a fuzz target
// reads them (fuzz/fuzz_http_response.cpp).

#include <optional>
#include <string>
#include <string_view>

namespace portreg {

struct ResponseHeaders {
    long status = 0;           // of the status line; 0 before one came
    std::string etag;          // as sent, quotes included
    std::string last_modified; // as sent
    // Retry-After in seconds (only the delay form; an HTTP date is ignored).
    std::optional<long> retry_after;

    // One line as received ("ETag: \"x\"\r\n"). A status line starts the
    // headers of a new response (after a redirect, or a 100 Continue), so
    // what the one before said is forgotten.
    void add_line(std::string_view line);
};

} // namespace portreg
