#include "html_page.hpp"
#include "report_writers.hpp"

#include "portreg/render.hpp"

namespace portreg::query {

namespace {

std::string td(const std::string& text, const char* cls = nullptr) {
    return std::string("<td") + (cls ? std::string(" class=\"") + cls + "\"" : "") + ">" +
           html_escape(text) + "</td>";
}

// Each changed field: its name, the old value struck out, the new inserted.
std::string fields_html(const std::vector<FieldChange>& fields) {
    std::string out;
    for (const auto& f : fields)
        out += "<div><b>" + html_escape(f.field) + ":</b> <del>" + html_escape(f.old_value) +
               "</del> <ins>" + html_escape(f.new_value) + "</ins></div>";
    return out;
}

void write_events(std::ostream& out, const ChangeReport& r) {
    out << "<h2>Events</h2>\n";
    if (r.events.empty()) out << "<p class=\"muted\">None.</p>\n";
    for (std::size_t i = 0; i < r.events.size(); ++i) {
        const auto& e = r.events[i];
        if (i == 0 || r.events[i - 1].kind != e.kind)
            out << "<h3 class=\"kind-" << kind_name(e.kind) << "\">" << kind_title(e.kind)
                << "</h3>\n<table>\n<tr><th>Port</th><th>Service</th><th>Detail</th></tr>\n";
        out << "<tr>" << td(where_text(e), "port") << td(event_subject(e, " \u2192 "))
            << td(event_detail(e)) << "</tr>\n";
        if (i + 1 == r.events.size() || r.events[i + 1].kind != e.kind) out << "</table>\n";
    }
}

void write_people(std::ostream& out, const ChangeReport& r) {
    out << "<h2>People</h2>\n";
    if (r.people.empty()) {
        out << "<p class=\"muted\">" << html_escape(people_summary(r)) << ".</p>\n";
        return;
    }
    out << "<table>\n<tr><th>Change</th><th>Id</th><th>Name</th><th>Organization</th>"
           "<th>URIs</th><th>Changed</th></tr>\n";
    for (const auto& p : r.people) {
        const auto& who = p.new_person ? *p.new_person : *p.old_person;
        out << "<tr>" << td(kind_name(p.kind)) << td(who.id, "port") << td(who.name) << td(who.org)
            << td(join(who.uris, " ")) << "<td>" << fields_html(p.fields) << "</td></tr>\n";
    }
    out << "</table>\n";
}

void write_registry(std::ostream& out, const ChangeReport& r) {
    out << "<h2>Registry</h2>\n";
    if (r.registry.empty()) {
        out << "<p class=\"muted\">" << html_escape(registry_summary(r)) << ".</p>\n";
        return;
    }
    out << "<table>\n<tr><th>What</th><th>Before</th><th>After</th></tr>\n";
    for (const auto& g : r.registry)
        out << "<tr>" << td(g.what) << "<td><del>" << html_escape(g.old_text)
            << "</del></td><td><ins>" << html_escape(g.new_text) << "</ins></td></tr>\n";
    out << "</table>\n";
}

// Every record change: the record, and for a modification each column
// that changed, old struck out and new inserted.
void write_details(std::ostream& out, const ChangeReport& r) {
    out << "<h2>Record changes</h2>\n";
    if (r.records.empty()) {
        out << "<p class=\"muted\">None.</p>\n";
        return;
    }
    out << "<table>\n<tr><th>Change</th><th>Service</th><th>Port</th><th>Transport</th>"
           "<th>Description and changed columns</th></tr>\n";
    for (const auto& c : r.records) {
        const auto& rec = c.new_record ? *c.new_record : *c.old_record;
        auto cols = render_record(rec);
        out << "<tr class=\"kind-" << kind_name(c.kind) << "\">" << td(kind_name(c.kind))
            << td(cols[0]) << td(cols[1], "port") << td(cols[2]) << "<td>";
        out << (c.kind == RecordChange::Kind::modified ? fields_html(c.fields)
                                                       : html_escape(cols[3]));
        out << "</td></tr>\n";
    }
    out << "</table>\n";
}

} // namespace

void write_report_html(std::ostream& out, const ChangeReport& r) {
    write_html_head(out,
                    "IANA port registry: " + r.from.registry_date + " to " + r.to.registry_date);
    out << "<h1>IANA port registry: " << r.from.registry_date << " \u2192 " << r.to.registry_date
        << "</h1>\n"
        << "<p>From release <code>" << r.from.sha256.substr(0, 8) << "</code> ("
        << r.from.registry_date << ", " << r.from.record_count << " records) to <code>"
        << r.to.sha256.substr(0, 8) << "</code> (" << r.to.registry_date << ", "
        << r.to.record_count << " records).</p>\n"
        << "<ul class=\"summary\">\n<li>Records: " << record_summary(r) << "</li>\n"
        << "<li>Events: " << r.events.size() << "</li>\n"
        << "<li>People: " << html_escape(people_summary(r)) << "</li>\n"
        << "<li>Registry: " << html_escape(registry_summary(r)) << "</li>\n</ul>\n";
    write_events(out, r);
    write_people(out, r);
    write_registry(out, r);
    write_details(out, r);
    write_html_tail(out);
}

} // namespace portreg::query
