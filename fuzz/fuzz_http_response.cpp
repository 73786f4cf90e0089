// libFuzzer target: the response header lines portreg-import --fetch reads
// from a server (importer/http_response.cpp), given line by line as
// libcurl hands them over. Besides not crashing: a status is three digits
// or none, values hold no white space at their ends and no line break, a
// status line forgets what came before it, and a date read from
// Last-Modified is ISO 8601 or nothing.

#include "http_download.hpp"
#include "http_response.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

void check_value(std::string_view value) {
    if (value.empty()) return;
    const auto edge = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    if (edge(value.front()) || edge(value.back())) std::abort();
    if (value.find('\n') != std::string_view::npos) std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    portreg::ResponseHeaders headers;
    while (!text.empty()) {
        auto end = text.find('\n');
        auto line = text.substr(0, end == std::string_view::npos ? text.size() : end + 1);
        text.remove_prefix(line.size());
        headers.add_line(line);
        portreg::ResponseHeaders alone;
        alone.add_line(line);
        const bool status_line = alone.status != 0;
        if (status_line && (headers.status != alone.status || !headers.etag.empty() ||
                            !headers.last_modified.empty() || headers.retry_after))
            std::abort();
    }
    if (headers.status != 0 && (headers.status < 100 || headers.status > 999)) std::abort();
    if (headers.retry_after && *headers.retry_after < 0) std::abort();
    check_value(headers.etag);
    check_value(headers.last_modified);
    auto iso = portreg::iso_from_http_date(headers.last_modified);
    if (!iso.empty() && (iso.size() != 20 || iso[10] != 'T' || iso.back() != 'Z')) std::abort();
    return 0;
}
