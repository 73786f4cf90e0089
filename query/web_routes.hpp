#pragma once
// portreg-serve's routes, apart from HTTP: a decoded path and its
// parameters to the question it asks and the format of its answer. No
// regular expressions: each path is taken apart by hand, in bounded time.

#include "query_context.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace portreg::query {

using WebParams = std::multimap<std::string, std::string>;

struct WebRoute {
    Format format = Format::html;
    GlobalOptions options; // as_of, snapshot and page from the parameters
    std::function<int(QueryContext&)> question;
    // A page's twins: the same question in JSON and CSV ("" where none).
    std::string json_twin, csv_twin;
};

struct RouteSettings {
    std::string database;
    bool sql = false; // /sql is served
};

// The route of `path` with `params`; nullopt when nothing is there (404).
// Throws UsageError for a parameter no question can take (400).
std::optional<WebRoute> route_of(const std::string& path, const WebParams& params,
                                 const RouteSettings& settings);

// "/port/443.json" is ("/port/443", json); without a suffix, a page (html).
std::pair<std::string, Format> split_format(const std::string& path);

// The value of a parameter, "" when absent (the first, when repeated).
std::string param(const WebParams& params, const std::string& name);

// "a=1&b=x%20y": parameters as a URL's query, percent-encoded.
std::string query_string(const WebParams& params);

} // namespace portreg::query
