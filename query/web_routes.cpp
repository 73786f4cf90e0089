#include "web_routes.hpp"

#include "commands.hpp"
#include "paging.hpp"
#include "web_pages.hpp"

#include "portreg/error.hpp"

namespace portreg::query {

std::string param(const WebParams& params, const std::string& name) {
    const auto it = params.find(name);
    return it == params.end() ? "" : it->second;
}

std::string query_string(const WebParams& params) {
    std::string out;
    for (const auto& [name, value] : params)
        out += (out.empty() ? "" : "&") + url_encode(name) + "=" + url_encode(value);
    return out;
}

namespace {

bool starts_with(const std::string& text, const std::string& start) {
    return text.compare(0, start.size(), start) == 0;
}

// One path and what answers it, as route_of builds them.
struct Request {
    std::string stem; // the path without its format suffix
    Format format;
    const WebParams& params;
    WebParams params_but_page;

    std::string get(const char* name) const { return param(params, name); }
    std::string twin(const std::string& path, const char* suffix) const {
        const auto query = query_string(params);
        return path + suffix + (query.empty() ? "" : "?" + query);
    }
    // A page's twins: "/" is /search's page.
    PageTwins twins() const {
        const auto path = stem == "/" ? std::string("/search") : stem;
        return {twin(path, ".json"), twin(path, ".csv")};
    }
    PageAddress address() const { return {stem, query_string(params_but_page)}; }
};

// A parameter a question cannot go without: UsageError (400) when absent.
std::string required(const Request& r, const char* name) {
    if (r.params.find(name) == r.params.end())
        throw UsageError(std::string("the parameter ") + name + " is needed");
    return r.get(name);
}

// Lists come a page at a time as pages and in JSON; CSV is whole unless a
// page is asked for.
std::size_t page_asked(const Request& r, bool list) {
    const auto page = r.get("page");
    if (!page.empty()) return parse_page_number(page);
    return list && r.format != Format::csv ? 1 : 0;
}

// /port/SPEC, /service/NAME, /person/ID: what the snapshot says; a page
// adds the history.
std::optional<WebRoute> subject_route(const Request& r, WebRoute route, const std::string& what) {
    const auto subject = r.stem.substr(what.size() + 2);
    if (subject.empty() || subject.size() > 200) return std::nullopt;
    const auto path = r.stem;
    if (r.format == Format::html) {
        route.question = [subject, what, twins = r.twins(),
                          address = r.address()](QueryContext& ctx) {
            return subject_page(ctx, what, subject, twins, address);
        };
    } else {
        route.question = [subject, what](QueryContext& ctx) {
            return run_subject(ctx, what, subject);
        };
    }
    return route;
}

// /, /search and /search.json, /search.csv: IANA's search. The page lists
// the whole registry without a term, as IANA's page does; the twins need one.
WebRoute search_route(const Request& r, WebRoute route) {
    if (r.format == Format::html) {
        route.question = [term = r.get("search"), twins = r.twins(),
                          address = PageAddress{"/", r.address().query_but_page}](
                             QueryContext& ctx) { return search_page(ctx, term, twins, address); };
    } else {
        route.question = [term = required(r, "search")](QueryContext& ctx) {
            return run_search(ctx, term);
        };
    }
    return route;
}

std::optional<WebRoute> list_route(const Request& r, WebRoute route) {
    const bool page = r.format == Format::html;
    if (r.stem == "/log") {
        route.question = [since = r.get("since"), until = r.get("until"), page,
                          twins = r.twins()](QueryContext& ctx) {
            return page ? log_page(ctx, since, until, twins) : run_log(ctx, since, until);
        };
    } else if (r.stem == "/snapshots") {
        route.question = [page, twins = r.twins(), address = r.address()](QueryContext& ctx) {
            return page ? snapshots_page(ctx, twins, address) : run_snapshots(ctx);
        };
    } else if (r.stem == "/free") {
        auto range = page ? r.get("range") : required(r, "range");
        route.question = [range, transport = r.get("transport"), page, twins = r.twins(),
                          address = r.address()](QueryContext& ctx) {
            return page ? free_page(ctx, range, transport, twins, address)
                        : run_free(ctx, range, transport);
        };
    } else {
        return std::nullopt;
    }
    return route;
}

std::optional<WebRoute> report_route(const Request& r, WebRoute route, const RouteSettings& s) {
    if (r.stem == "/diff") {
        route.question = [from = r.get("from"), to = r.get("to"), page = r.format == Format::html,
                          twins = r.twins()](QueryContext& ctx) {
            return page ? diff_page(ctx, from, to, twins) : run_diff(ctx, from, to);
        };
    } else if (r.stem == "/sql" && s.sql && r.format != Format::html) {
        route.question = [statement = required(r, "q")](QueryContext& ctx) {
            return run_sql(ctx, statement, 1000);
        };
    } else if (r.stem == "/healthz" && r.format == Format::html) {
        route.format = Format::json;
        route.question = [](QueryContext& ctx) {
            const auto& newest = ctx.snapshot();
            ctx.out << "{\"registry_date\":\"" << newest.registry_date << "\",\"sha256\":\""
                    << newest.sha256 << "\"}\n";
            return 0;
        };
    } else {
        return std::nullopt;
    }
    return route;
}

std::optional<WebRoute> routed(const Request& r, const WebRoute& route,
                               const RouteSettings& settings) {
    if ((r.stem == "/" && r.format == Format::html) || r.stem == "/search")
        return search_route(r, route);
    for (const auto& [start, what] : {std::pair<std::string, std::string>{"/port/", "port"},
                                      {"/service/", "service"},
                                      {"/person/", "person"}})
        if (starts_with(r.stem, start)) return subject_route(r, route, what);
    if (auto listed = list_route(r, route)) return listed;
    return report_route(r, route, settings);
}

} // namespace

std::pair<std::string, Format> split_format(const std::string& path) {
    for (const auto& [suffix, format] :
         {std::pair<std::string, Format>{".json", Format::json}, {".csv", Format::csv}})
        if (path.size() > suffix.size() &&
            path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0)
            return {path.substr(0, path.size() - suffix.size()), format};
    return {path, Format::html};
}

std::optional<WebRoute> route_of(const std::string& path, const WebParams& params,
                                 const RouteSettings& settings) {
    const auto [stem, format] = split_format(path);
    Request r{stem, format, params, params};
    r.params_but_page.erase("page");
    const bool list = stem == "/" || stem == "/search" || starts_with(stem, "/port/") ||
                      starts_with(stem, "/service/") || stem == "/log" || stem == "/snapshots" ||
                      stem == "/free";
    WebRoute route;
    route.format = format;
    route.options.database = settings.database;
    route.options.as_of = r.get("as_of");
    route.options.snapshot = r.get("snapshot");
    route.options.page = stem == "/sql" || stem == "/diff" ? 0 : page_asked(r, list);
    auto found = routed(r, route, settings);
    if (found && found->format == Format::html) {
        const auto twins = r.twins();
        found->json_twin = twins.json;
        found->csv_twin = twins.csv;
    }
    return found;
}

} // namespace portreg::query
