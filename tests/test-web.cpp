// portreg-serve's routes and the paging of lists, without HTTP.

#include "answer_cache.hpp"
#include "paging.hpp"
#include "web_pages.hpp"
#include "web_routes.hpp"

#include "portreg/error.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace portreg;
using namespace portreg::query;

namespace {

std::optional<WebRoute> route(const std::string& path, WebParams params = {}, bool sql = false) {
    return route_of(path, params, {"db", sql});
}

} // namespace

TEST_CASE("pages of 100 rows: bounds, the last page short, none past it") {
    const auto second = page_of(2, 250);
    CHECK(second.count == 3);
    CHECK(second.first == 100);
    CHECK(second.end == 200);
    CHECK(page_of(3, 250).end == 250);
    CHECK(page_of(1, 0).count == 1); // an empty list has one, empty, page
    CHECK(page_of(1, 0).end == 0);
    CHECK_THROWS_AS(page_of(4, 250), NotFound);
    CHECK_THROWS_AS(page_of(2, 100), NotFound);
    const auto json = paged_json(page_of(3, 250), nlohmann::json::array());
    CHECK(json["next"].is_null());
    CHECK(paged_json(second, nlohmann::json::array())["next"] == 3);
    CHECK(parse_page_number("7") == 7);
    for (const char* bad : {"", "0", "-1", "1x", "99999999", " 1"})
        CHECK_THROWS_AS(parse_page_number(bad), UsageError);
}

TEST_CASE("routes: format by suffix, lists paged by default but in CSV, twins of pages") {
    auto port = route("/port/443.json");
    REQUIRE(port);
    CHECK(port->format == Format::json);
    CHECK(port->options.page == 1);
    CHECK(port->json_twin.empty()); // a twin has none
    CHECK(route("/port/443.csv")->options.page == 0);
    CHECK(route("/port/443.csv", {{"page", "2"}})->options.page == 2);
    auto page = route("/", {{"search", "ftps"}, {"as_of", "2025-09-29"}, {"page", "2"}});
    REQUIRE(page);
    CHECK(page->format == Format::html);
    CHECK(page->options.as_of == "2025-09-29");
    CHECK(page->json_twin == "/search.json?as_of=2025-09-29&page=2&search=ftps");
    CHECK(page->csv_twin == "/search.csv?as_of=2025-09-29&page=2&search=ftps");
    CHECK(route("/service/z39.50")->format == Format::html); // a dot in a name is no suffix
    CHECK(route("/diff.json", {{"page", "3"}})->options.page == 0);
}

TEST_CASE("routes: nothing there, and parameters no question takes") {
    for (const char* path : {"/nothing", "/port/", "/port", "/sql.json", "/healthz.json", "//",
                             "/search/x", "/sql"})
        CHECK_FALSE(route(path));
    CHECK(route("/sql.json", {{"q", "SELECT 1"}}, true));
    CHECK_FALSE(route("/sql", {{"q", "SELECT 1"}}, true)); // no page for SQL
    CHECK_THROWS_AS(route("/search.json"), UsageError);    // a twin needs a term
    CHECK_THROWS_AS(route("/", {{"page", "0"}}), UsageError);
    CHECK_THROWS_AS(route("/free.json"), UsageError);
    CHECK(route("/free")); // the page: a form alone
    CHECK_FALSE(route("/port/" + std::string(201, '1')));
}

TEST_CASE("links of pages are percent-encoded") {
    CHECK(url_encode("a b/<c>&") == "a%20b%2F%3Cc%3E%26");
    CHECK(page_link(LinkTo::service, "whois++") == "/service/whois%2B%2B");
    CHECK(page_link(LinkTo::diff, "abc") == "/diff?to=abc");
    CHECK(query_string({{"search", "a&b"}, {"as_of", "x y"}}) == "as_of=x%20y&search=a%26b");
}

TEST_CASE("the answer cache: found again, bounded, the least recently used going first") {
    const WebAnswer answer{200, "application/json", std::string(4000, 'x'), "\"t\""};
    AnswerCache cache(50000); // about ten such answers; one may take a tenth
    cache.keep("g1\na", answer);
    REQUIRE(cache.find("g1\na"));
    CHECK(cache.find("g1\na")->body == answer.body);
    CHECK_FALSE(cache.find("g2\na")); // another generation: nothing kept
    for (int i = 0; i < 30; ++i) {
        cache.keep("g1\n" + std::to_string(i), answer);
        CHECK(cache.find("g1\na")); // used again and again: stays
    }
    CHECK(cache.bytes() <= 50000);
    CHECK_FALSE(cache.find("g1\n0")); // the oldest unused went first
    CHECK(cache.find("g1\n29"));
    cache.keep("big", {200, "text/csv", std::string(6000, 'y'), ""});
    CHECK_FALSE(cache.find("big")); // larger than a tenth: never kept
    AnswerCache none(0);
    none.keep("g1\na", answer);
    CHECK_FALSE(none.find("g1\na"));
}
