#include "html_page.hpp"

#include "portreg/xml_text.hpp"

namespace portreg::query {

std::string html_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    append_xml_escaped(out, text, true);
    return out;
}

namespace {
constexpr const char* body_start = "</head>\n<body>\n";
constexpr const char* tail_start = "<p class=\"muted\">Made by portreg";
} // namespace

void write_html_head(std::ostream& out, const std::string& title, const std::string& extra) {
    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<title>" << html_escape(title) << "</title>\n"
        << extra << R"(<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 80em; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; margin-bottom: .2em; }
h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
h3 { font-size: 1em; margin: 1.2em 0 .4em; }
code { font: .92em ui-monospace, monospace; }
table { border-collapse: collapse; width: 100%; margin: .3em 0 1em; }
th, td { text-align: left; vertical-align: top; padding: .25em .6em; border-bottom: 1px solid #e4e4e4; }
th { background: #f4f4f4; font-weight: 600; }
td.port { white-space: nowrap; font-family: ui-monospace, monospace; }
.summary li { margin: .15em 0; }
.kind-assigned, .kind-gained, .kind-name-added, .kind-added { color: #17692a; }
.kind-released, .kind-lost, .kind-name-removed, .kind-removed { color: #a01c1c; }
.kind-renamed, .kind-modified, .kind-reserved, .kind-unreserved { color: #7a4d00; }
del { background: #fde2e2; text-decoration: line-through; }
ins { background: #dff5e1; text-decoration: none; }
.muted { color: #777; }
svg text { font: 11px system-ui, sans-serif; fill: #444; }
td { overflow-wrap: anywhere; }
td.ids { overflow-wrap: break-word; }
table.records { font-size: .9em; }
table.records th, table.records td { padding: .25em .4em; }
nav a { margin-right: 1em; }
form { margin: .8em 0; }
form label { margin-right: 1em; }
.pages a, .pages span { margin-right: .6em; }
dl.registry { overflow: hidden; }
dl.registry dt { font-weight: 600; float: left; clear: left; width: 9em; }
dl.registry dd { margin: 0 0 .4em 10em; }
</style>
)" << body_start;
}

std::string html_body(const std::string& page) {
    const auto start = page.find(body_start);
    const auto end = page.rfind(tail_start);
    if (start == std::string::npos || end == std::string::npos || end < start) return page;
    const auto first = start + std::string(body_start).size();
    return page.substr(first, end - first);
}

void write_html_tail(std::ostream& out) {
    out << tail_start
        << " from IANA's Service Name and Transport Protocol Port Number Registry.</p>\n</body>\n"
           "</html>\n";
}

} // namespace portreg::query
