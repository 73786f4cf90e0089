#include "web_pages.hpp"

#include "commands.hpp"
#include "html_page.hpp"
#include "report_writers.hpp"

#include "portreg/error.hpp"
#include "portreg/render.hpp"

#include <functional>
#include <sstream>

namespace portreg::query {

std::string url_encode(const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                                c == '~';
        if (unreserved) {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    return out;
}

std::string page_link(LinkTo to, const std::string& key) {
    switch (to) {
    case LinkTo::service:
        return "/service/" + url_encode(key);
    case LinkTo::port:
        return "/port/" + url_encode(key);
    case LinkTo::person:
        return "/person/" + url_encode(key);
    case LinkTo::diff:
        return "/diff?to=" + url_encode(key);
    }
    return "/";
}

namespace {

// A command's answer as a piece of the page: its HTML (or the one line
// saying what it did not find), and which page of rows it showed.
struct Answer {
    std::string html;
    int rc = 0;
    std::optional<Page> page;
};

Answer command_html(QueryContext& ctx, const std::function<int(QueryContext&)>& command) {
    std::ostringstream page;
    QueryContext inner(ctx.db, ctx.options(), Format::html, page, 0);
    inner.link_to = page_link;
    Answer answer;
    try {
        answer.rc = command(inner);
        answer.html = html_body(page.str());
    } catch (const NotFound& e) {
        answer.rc = 1;
        answer.html = "<p class=\"none\">" + html_escape(e.what()) + "</p>\n";
    }
    answer.page = inner.page_shown;
    return answer;
}

void open_page(std::ostream& out, const std::string& title, const PageTwins& twins) {
    // No favicon to fetch: a browser would ask for one, and log its 404.
    std::string links = "<link rel=\"icon\" href=\"data:,\">\n";
    if (!twins.json.empty())
        links += "<link rel=\"alternate\" type=\"application/json\" href=\"" +
                 html_escape(twins.json) + "\">\n";
    if (!twins.csv.empty())
        links +=
            "<link rel=\"alternate\" type=\"text/csv\" href=\"" + html_escape(twins.csv) + "\">\n";
    write_html_head(out, title + " \u2014 portreg", links);
    out << "<nav><a href=\"/\">Search</a><a href=\"/log\">Releases</a>"
           "<a href=\"/diff\">Changes</a><a href=\"/free\">Free ports</a>"
           "<a href=\"/snapshots\">Snapshots</a></nav>\n";
}

void close_page(std::ostream& out, const PageTwins& twins) {
    if (!twins.json.empty()) {
        out << "<p class=\"muted\">This answer for programs: <a href=\"" << html_escape(twins.json)
            << "\">JSON</a>";
        if (!twins.csv.empty()) out << ", <a href=\"" << html_escape(twins.csv) << "\">CSV</a>";
        out << ".</p>\n";
    }
    write_html_tail(out);
}

// A form field: <label>Label <input ...></label>
std::string field(const std::string& label, const std::string& name, const std::string& value,
                  const std::string& type = "text", const std::string& extra = "") {
    return "<label>" + label + " <input type=\"" + type + "\" name=\"" + name + "\" value=\"" +
           html_escape(value) + "\"" + extra + "></label>";
}

void write_form(std::ostream& out, const std::string& action, const std::string& fields,
                const std::string& button) {
    out << "<form action=\"" << html_escape(action) << "\" method=\"get\">" << fields << "<button>"
        << button << "</button></form>\n";
}

std::string as_of_field(QueryContext& ctx) {
    return field("As of", "as_of", ctx.options().as_of, "date");
}

void write_release_line(std::ostream& out, QueryContext& ctx) {
    const auto& r = ctx.snapshot();
    out << "<p class=\"release\">The registry as of release <strong>" << r.registry_date
        << "</strong> <code>" << r.sha256.substr(0, 8) << "</code> (" << r.record_count
        << " records; <a href=\"" << page_link(LinkTo::diff, r.sha256)
        << "\">what it changed</a>).</p>\n";
}

std::string page_href(const PageAddress& address, std::size_t number) {
    return address.path + "?" + address.query_but_page +
           (address.query_but_page.empty() ? "" : "&") + "page=" + std::to_string(number);
}

// "Rows 101-200 of 6656. previous 1 2 [3] 4 5 ... 67 next": the pages
// near this one, the first and the last.
void write_page_links(std::ostream& out, const std::optional<Page>& page,
                      const PageAddress& address) {
    if (!page || page->count <= 1) return;
    out << "<p class=\"pages\"><span>Rows " << page->first + 1 << "\u2013" << page->end << " of "
        << page->total << ".</span>";
    auto link = [&](std::size_t n, const std::string& text) {
        if (n == page->number)
            out << "<span><strong>" << text << "</strong></span>";
        else
            out << "<a href=\"" << html_escape(page_href(address, n)) << "\">" << text << "</a>";
    };
    if (page->number > 1) link(page->number - 1, "\u2039 previous");
    std::size_t last_shown = 0;
    for (std::size_t n = 1; n <= page->count; ++n) {
        const bool near = n + 2 >= page->number && n <= page->number + 2;
        if (n != 1 && n != page->count && !near) continue;
        if (last_shown && n > last_shown + 1) out << "<span>\u2026</span>";
        link(n, std::to_string(n));
        last_shown = n;
    }
    if (page->number < page->count) link(page->number + 1, "next \u203a");
    out << "</p>\n";
}

// An answer with the links to the other pages above and below it.
void write_paged(std::ostream& out, const Answer& answer, const PageAddress& address) {
    write_page_links(out, answer.page, address);
    out << answer.html;
    write_page_links(out, answer.page, address);
}

std::string rendered_xrefs(const std::vector<Xref>& xrefs) {
    std::string out;
    for (const auto& x : xrefs)
        append_rendered_xref(out, x);
    return out;
}

// The registry's head as IANA's page shows it above the records.
void write_registry_head(std::ostream& out, QueryContext& ctx) {
    const auto& r = ctx.snapshot();
    out << "<dl class=\"registry\">\n<dt>Last Updated</dt><dd>" << r.registry_date << "</dd>\n";
    if (r.meta_id) { // a release read from CSV has no head
        const auto meta = SnapshotReader(ctx.db).meta(*r.meta_id);
        out << "<dt>Expert(s)</dt><dd>" << html_escape(meta.expert) << "</dd>\n";
        if (!meta.xrefs.empty())
            out << "<dt>Reference</dt><dd>" << html_escape(rendered_xrefs(meta.xrefs)) << "</dd>\n";
        for (const auto& note : meta.notes)
            out << "<dt>" << html_escape(note.title.value_or("Note")) << "</dt><dd>"
                << html_escape(note.text) << "</dd>\n";
    }
    out << "</dl>\n";
}

} // namespace

int search_page(QueryContext& ctx, const std::string& term, const PageTwins& twins,
                const PageAddress& address) {
    const auto found = command_html(ctx, [&](QueryContext& c) { return run_search(c, term); });
    auto& out = ctx.out;
    open_page(out, term.empty() ? "IANA port registry" : "\u201c" + term + "\u201d", twins);
    out << "<h1>Service Name and Transport Protocol Port Number Registry</h1>\n";
    write_form(out, "/",
               field("Search", "search", term, "search", " size=\"30\"") + as_of_field(ctx),
               "Search");
    write_release_line(out, ctx);
    write_registry_head(out, ctx);
    if (found.page)
        out << "<p>" << found.page->total << (found.page->total == 1 ? " record" : " records")
            << (term.empty() ? "" : " hold \u201c" + html_escape(term) + "\u201d") << ".</p>\n";
    write_paged(out, found, address);
    close_page(out, twins);
    return found.rc;
}

int run_subject(QueryContext& ctx, const std::string& what, const std::string& subject) {
    return what == "port"      ? run_port(ctx, subject)
           : what == "service" ? run_service(ctx, subject)
                               : run_person(ctx, subject, "");
}

int subject_page(QueryContext& ctx, const std::string& what, const std::string& subject,
                 const PageTwins& twins, const PageAddress& address) {
    const auto now =
        command_html(ctx, [&](QueryContext& c) { return run_subject(c, what, subject); });
    const auto history =
        command_html(ctx, [&](QueryContext& c) { return run_history(c, what, subject); });
    auto& out = ctx.out;
    const auto title = (what == "port"      ? "Port "
                        : what == "service" ? "Service "
                                            : "Person ") +
                       subject;
    open_page(out, title, twins);
    out << "<h1>" << html_escape(title) << "</h1>\n";
    write_form(out, address.path, as_of_field(ctx), "Show");
    write_release_line(out, ctx);
    write_paged(out, now, address);
    out << "<h2>History</h2>\n<p>Every release that changed it, old \u2192 new, each linking to "
           "its change report.</p>\n"
        << history.html;
    close_page(out, twins);
    return now.rc && history.rc ? 1 : 0;
}

namespace {

// The dates of the releases, offered as the form's fields are filled.
void write_release_dates(std::ostream& out, QueryContext& ctx) {
    out << "<datalist id=\"releases\">";
    for (const auto& r : SnapshotReader(ctx.db).releases())
        out << "<option value=\"" << r.registry_date << "\">";
    out << "</datalist>\n";
}

} // namespace

int diff_page(QueryContext& ctx, const std::string& from, const std::string& to,
              const PageTwins& twins) {
    const auto report = command_html(ctx, [&](QueryContext& c) { return run_diff(c, from, to); });
    auto& out = ctx.out;
    open_page(out, "Changes", twins);
    write_form(out, "/diff",
               field("From", "from", from, "text", " list=\"releases\"") +
                   field("To", "to", to, "text", " list=\"releases\""),
               "Compare");
    write_release_dates(out, ctx);
    out << report.html;
    close_page(out, twins);
    return report.rc;
}

int log_page(QueryContext& ctx, const std::string& since, const std::string& until,
             const PageTwins& twins) {
    const auto log = command_html(ctx, [&](QueryContext& c) { return run_log(c, since, until); });
    auto& out = ctx.out;
    open_page(out, "Releases", twins);
    write_form(out, "/log",
               field("Since", "since", since, "date") + field("Until", "until", until, "date"),
               "Show");
    out << "<p>Each release links to its change report against the one before it.</p>\n"
        << log.html;
    close_page(out, twins);
    return log.rc;
}

int snapshots_page(QueryContext& ctx, const PageTwins& twins, const PageAddress& address) {
    const auto list = command_html(ctx, [](QueryContext& c) { return run_snapshots(c); });
    auto& out = ctx.out;
    open_page(out, "Snapshots", twins);
    out << "<h1>Snapshots</h1>\n";
    write_paged(out, list, address);
    close_page(out, twins);
    return list.rc;
}

int free_page(QueryContext& ctx, const std::string& range, const std::string& transport,
              const PageTwins& twins, const PageAddress& address) {
    auto& out = ctx.out;
    open_page(out, "Free ports", twins);
    out << "<h1>Free ports</h1>\n";
    write_form(out, "/free",
               field("Range", "range", range, "text", " placeholder=\"40000-41000\"") +
                   field("Transport", "transport", transport, "text",
                         " placeholder=\"tcp, udp, sctp, dccp\"") +
                   as_of_field(ctx),
               "Find");
    if (range.empty()) {
        close_page(out, PageTwins{});
        return 0;
    }
    const auto free =
        command_html(ctx, [&](QueryContext& c) { return run_free(c, range, transport); });
    write_release_line(out, ctx);
    write_page_links(out, free.page, address);
    out << free.html;
    close_page(out, twins);
    return free.rc;
}

} // namespace portreg::query
