#include "field_change_text.hpp"
#include "report_writers.hpp"

namespace portreg::query {

namespace {

// Backslash before the punctuation Markdown might read as markup.
std::string md(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (std::string_view("\\`*_[]<>|#~").find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

std::string person_line(const Person& p) {
    std::string s = "`" + p.id + "`";
    std::string rest = p.name;
    if (!p.org.empty()) rest += (rest.empty() ? "" : ", ") + p.org;
    return rest.empty() ? s : s + ": " + md(rest);
}

// Changed fields as a list under the item they belong to, whole.
void write_fields(std::ostream& out, const std::vector<FieldChange>& fields) {
    for (const auto& f : fields)
        out << "  - " << md(field_change_text(f, " \u2192 ", 0)) << '\n';
}

} // namespace

void write_report_markdown(std::ostream& out, const ChangeReport& r) {
    out << "## IANA port registry: " << r.from.registry_date << " \u2192 " << r.to.registry_date
        << "\n\n"
        << "From release `" << r.from.sha256.substr(0, 8) << "` (" << r.from.registry_date
        << ") to `" << r.to.sha256.substr(0, 8) << "` (" << r.to.registry_date << ").\n\n"
        << "- Records: " << record_summary(r) << '\n'
        << "- People: " << people_summary(r) << '\n'
        << "- Registry: " << registry_summary(r) << '\n';
    for (std::size_t i = 0; i < r.events.size(); ++i) {
        const auto& e = r.events[i];
        if (i == 0 || r.events[i - 1].kind != e.kind) {
            std::size_t n = 0;
            while (i + n < r.events.size() && r.events[i + n].kind == e.kind)
                ++n;
            out << "\n### " << kind_title(e.kind) << " (" << n << ")\n\n";
        }
        out << "- `" << where_text(e) << "`";
        auto subject = event_subject(e, " \u2192 ");
        if (!subject.empty()) out << " **" << md(subject) << "**";
        if (e.fields.empty() && !event_detail(e).empty()) out << " (" << md(event_detail(e)) << ")";
        out << '\n';
        write_fields(out, e.fields);
    }
    if (!r.people.empty()) {
        out << "\n### People (" << r.people.size() << ")\n\n";
        for (const auto& p : r.people) {
            out << "- " << kind_name(p.kind) << ' '
                << person_line(p.new_person ? *p.new_person : *p.old_person) << '\n';
            write_fields(out, p.fields);
        }
    }
    if (!r.registry.empty()) {
        out << "\n### Registry (" << r.registry.size() << ")\n\n";
        for (const auto& g : r.registry)
            out << "- **" << g.what << "**: " << (g.old_text.empty() ? "(none)" : md(g.old_text))
                << " \u2192 " << (g.new_text.empty() ? "(none)" : md(g.new_text)) << '\n';
    }
}

} // namespace portreg::query
