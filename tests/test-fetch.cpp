// What portreg-import --fetch reads of a server's answer, and what it keeps
// of each URL. The downloads themselves are tried end to end, against a
// local server (tests/e2e/fetch.sh).

#include "http_download.hpp"
#include "http_response.hpp"
#include "support.hpp"

#include "portreg/database.hpp"
#include "portreg/fetch_state.hpp"

#include <catch2/catch.hpp>

using namespace portreg;

namespace {

ResponseHeaders headers_of(std::initializer_list<const char*> lines) {
    ResponseHeaders headers;
    for (const char* line : lines)
        headers.add_line(line);
    return headers;
}

} // namespace

TEST_CASE("the validators and the status are read from the header lines, names in any case") {
    auto h = headers_of({"HTTP/1.1 200 OK\r\n", "etag:  \"6a34-5f1\" \r\n",
                         "LAST-MODIFIED: Tue, 03 Feb 2026 02:48:32 GMT\r\n", "\r\n"});
    CHECK(h.status == 200);
    CHECK(h.etag == "\"6a34-5f1\"");
    CHECK(h.last_modified == "Tue, 03 Feb 2026 02:48:32 GMT");
    CHECK_FALSE(h.retry_after);
    CHECK(headers_of({"HTTP/2 304\r\n"}).status == 304);
}

TEST_CASE("the headers of a redirect are forgotten when the next response starts") {
    auto h = headers_of({"HTTP/1.1 302 Found\r\n", "ETag: \"old\"\r\n", "Location: /x\r\n", "\r\n",
                         "HTTP/1.1 200 OK\r\n", "Content-Length: 3\r\n", "\r\n"});
    CHECK(h.status == 200);
    CHECK(h.etag.empty());
}

TEST_CASE("Retry-After is read in seconds, a date or nonsense as no delay") {
    CHECK(headers_of({"HTTP/1.1 503 x\r\n", "Retry-After: 120\r\n"}).retry_after == 120);
    CHECK_FALSE(
        headers_of({"HTTP/1.1 429 x\r\n", "Retry-After: Wed, 21 Oct 2026 07:28:00 GMT\r\n"})
            .retry_after);
    CHECK_FALSE(headers_of({"HTTP/1.1 429 x\r\n", "Retry-After: -5\r\n"}).retry_after);
}

TEST_CASE("a line that only looks like a status line is not one") {
    for (const char* line : {"HTTP/1.1 20 OK\r\n", "HTTP/1.1 2000\r\n", "HTTP/1.1 099 x\r\n",
                             "HTTP/1.1\r\n", "http/1.1 200 OK\r\n"}) {
        INFO(line);
        CHECK(headers_of({"HTTP/1.1 500 x\r\n", line}).status == 500);
    }
}

TEST_CASE("an HTTP date becomes ISO 8601 UTC, anything else nothing") {
    CHECK(iso_from_http_date("Tue, 03 Feb 2026 02:48:32 GMT") == "2026-02-03T02:48:32Z");
    CHECK(iso_from_http_date("Sunday, 06-Nov-94 08:49:37 GMT") == "1994-11-06T08:49:37Z");
    CHECK(iso_from_http_date("").empty());
    CHECK(iso_from_http_date("yesterday").empty());
}

TEST_CASE("the validators of a URL are kept, and a 304 moves only the time of the check") {
    test::TempDir dir;
    auto db = open_database(dir.file("f.db"), OpenMode::read_write);
    FetchState state(db);
    const std::string url = "https://example.invalid/registry.xml";
    CHECK_FALSE(state.get(url));
    state.received(url, {"\"e1\"", "Tue, 03 Feb 2026 02:48:32 GMT", "ab12", "2026-11-01T00:00:00Z"});
    state.not_modified(url, "2026-11-02T00:00:00Z");
    auto kept = state.get(url);
    REQUIRE(kept);
    CHECK(kept->etag == "\"e1\"");
    CHECK(kept->last_modified == "Tue, 03 Feb 2026 02:48:32 GMT");
    CHECK(kept->sha256 == "ab12");
    CHECK(kept->checked_at == "2026-11-02T00:00:00Z");
    // A server without validators: none kept (NULL), none sent next time.
    state.received(url, {"", "", "cd34", "2026-11-03T00:00:00Z"});
    CHECK(db.execAndGet("SELECT etag IS NULL AND last_modified IS NULL FROM fetch_state")
              .getInt() == 1);
    CHECK(state.get(url)->etag.empty());
}
