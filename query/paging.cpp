#include "paging.hpp"

#include "portreg/error.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace portreg::query {

Page page_of(std::size_t number, std::size_t total) {
    Page page;
    page.number = number;
    page.total = total;
    page.count = std::max<std::size_t>(1, (total + rows_per_page - 1) / rows_per_page);
    if (number < 1 || number > page.count)
        throw NotFound("no page " + std::to_string(number) + ": " + std::to_string(total) +
                       " rows make " + std::to_string(page.count) + " page" +
                       (page.count == 1 ? "" : "s") + " of " + std::to_string(rows_per_page));
    page.first = (number - 1) * rows_per_page;
    page.end = std::min(total, page.first + rows_per_page);
    return page;
}

std::size_t parse_page_number(const std::string& text) {
    // Seven digits at most: no overflow, and more pages than any list has.
    const bool digits =
        !text.empty() && text.size() <= 7 &&
        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || std::stoul(text) == 0)
        throw UsageError("page " + text + " is not a page number (1, 2, ...)");
    return std::stoul(text);
}

nlohmann::json paged_json(const Page& page, nlohmann::json results) {
    nlohmann::json out = nlohmann::json::object();
    out["page"] = page.number;
    out["pages"] = page.count;
    out["total"] = page.total;
    out["next"] = page.number < page.count ? nlohmann::json(page.number + 1) : nlohmann::json();
    out["results"] = std::move(results);
    return out;
}

} // namespace portreg::query
