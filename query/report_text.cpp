#include "field_change_text.hpp"
#include "report_writers.hpp"

#include <algorithm>

namespace portreg::query {

std::string release_label(const ReleaseInfo& r) {
    return r.registry_date + ' ' + r.sha256.substr(0, 8);
}

std::string record_summary(const ChangeReport& r) {
    using K = RecordChange::Kind;
    return std::to_string(r.count(K::added)) + " added, " + std::to_string(r.count(K::removed)) +
           " removed, " + std::to_string(r.count(K::modified)) + " modified";
}

std::string people_summary(const ChangeReport& r) {
    if (!r.people_compared) return "not compared (a CSV release has no people details)";
    using K = PersonChange::Kind;
    return std::to_string(r.count(K::added)) + " added, " + std::to_string(r.count(K::removed)) +
           " removed, " + std::to_string(r.count(K::changed)) + " changed";
}

std::string registry_summary(const ChangeReport& r) {
    if (!r.registry_compared) return "not compared (a CSV release has no registry metadata)";
    if (r.registry.empty()) return "unchanged";
    return std::to_string(r.registry.size()) + " changed";
}

namespace {

// Changed fields go one a line under what they belong to.
const std::string field_indent = "      ";

void write_fields(std::ostream& out, const std::vector<FieldChange>& fields, int width) {
    // A narrow terminal still gets values it can read, wrapped by it.
    const auto room = width > 0 ? std::size_t(std::max(width - int(field_indent.size()), 30)) : 0;
    for (const auto& f : fields)
        out << field_indent << field_change_text(f, " -> ", room) << '\n';
}

} // namespace

void write_report_text(std::ostream& out, const ChangeReport& r, int width) {
    out << release_label(r.from) << " -> " << release_label(r.to) << ": records "
        << record_summary(r) << "; people " << people_summary(r) << "; registry "
        << registry_summary(r) << '\n';
    std::size_t where = 0, kind = 0;
    for (const auto& e : r.events) {
        where = std::max(where, where_text(e).size());
        kind = std::max(kind, std::string(kind_name(e.kind)).size());
    }
    for (const auto& e : r.events) {
        auto w = where_text(e);
        std::string k = kind_name(e.kind);
        std::string line = "  " + w + std::string(where - w.size() + 2, ' ') + k +
                           std::string(kind - k.size() + 2, ' ') + event_subject(e);
        if (line.back() == ' ') line.erase(line.find_last_not_of(' ') + 1);
        // A modification's columns follow, one a line, with their values;
        // other events say what held the ports before or after.
        if (e.fields.empty() && !event_detail(e).empty()) line += "  (" + event_detail(e) + ")";
        out << line << '\n';
        write_fields(out, e.fields, width);
    }
    for (const auto& p : r.people) {
        const auto& person = p.new_person ? *p.new_person : *p.old_person;
        out << "  person " << kind_name(p.kind) << "  " << person.id << '\n';
        write_fields(out, p.fields, width);
    }
    if (!r.registry.empty()) {
        out << "  registry changed\n";
        std::vector<FieldChange> pieces;
        for (const auto& g : r.registry)
            pieces.push_back(as_field(g));
        write_fields(out, pieces, width);
    }
}

} // namespace portreg::query
