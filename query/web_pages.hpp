#pragma once
// portreg-serve's HTML pages: the commands' HTML set in the site's frame
// (navigation, forms, the release chosen, paging, links to the twins).
// Each writes a whole page to ctx.out and returns 0, or 1 when what it
// shows is that nothing was found (404, with the page).

#include "query_context.hpp"

#include <string>

namespace portreg::query {

// Where a page's answer is also found, for <link rel="alternate">.
struct PageTwins {
    std::string json, csv; // "" where none
};

// The request's path and parameters but `page`, for links to other pages.
struct PageAddress {
    std::string path;
    std::string query_but_page; // "search=ftps&as_of=2025-09-29"
};

// IANA's page: the registry's head, the records holding `term` (all of
// them when empty), 100 a page, and their people.
int search_page(QueryContext& ctx, const std::string& term, const PageTwins& twins,
                const PageAddress& address);
// port, service or person: the command for a subject's twin.
int run_subject(QueryContext& ctx, const std::string& what, const std::string& subject);
// A port ("443", "4200-4299", "443/tcp"), a service name or a person: what
// the chosen snapshot says, then its history over every release.
int subject_page(QueryContext& ctx, const std::string& what, const std::string& subject,
                 const PageTwins& twins, const PageAddress& address);
int diff_page(QueryContext& ctx, const std::string& from, const std::string& to,
              const PageTwins& twins);
int log_page(QueryContext& ctx, const std::string& since, const std::string& until,
             const PageTwins& twins);
int snapshots_page(QueryContext& ctx, const PageTwins& twins, const PageAddress& address);
int free_page(QueryContext& ctx, const std::string& range, const std::string& transport,
              const PageTwins& twins, const PageAddress& address);

// The URL of a page portreg-serve serves (LinkTo).
std::string page_link(LinkTo to, const std::string& key);

// Percent-encoding of a URL's path segment or query value.
std::string url_encode(const std::string& text);

} // namespace portreg::query
