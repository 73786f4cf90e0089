#pragma once
// Lists a page at a time (--page, portreg-serve's pages and JSON): 100 rows
// a page, as IANA's own page shows the registry.

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace portreg::query {

constexpr std::size_t rows_per_page = 100;

struct Page {
    std::size_t number = 1; // 1-based
    std::size_t count = 1;  // pages in all; an empty list has one, empty
    std::size_t total = 0;  // rows in all
    std::size_t first = 0;  // the page's rows: [first, end)
    std::size_t end = 0;
};

// Page `number` of a list of `total` rows; NotFound past the last page.
Page page_of(std::size_t number, std::size_t total);

// A --page or page= value: a whole number from 1; UsageError otherwise.
std::size_t parse_page_number(const std::string& text);

// {"page": 2, "pages": 3, "total": 250, "next": 3, "results": [...]}:
// next is null on the last page.
nlohmann::json paged_json(const Page& page, nlohmann::json results);

template <typename T> std::vector<T> rows_on(const Page& page, const std::vector<T>& rows) {
    return {rows.begin() + static_cast<std::ptrdiff_t>(page.first),
            rows.begin() + static_cast<std::ptrdiff_t>(page.end)};
}

} // namespace portreg::query
