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

void write_report_text(std::ostream& out, const ChangeReport& r) {
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
        auto detail = event_detail(e);
        if (!detail.empty())
            line += e.kind == Event::Kind::modified ? "  [" + detail + "]" : "  (" + detail + ")";
        out << line << '\n';
    }
    for (const auto& p : r.people) {
        const auto& person = p.new_person ? *p.new_person : *p.old_person;
        out << "  person " << kind_name(p.kind) << "  " << person.id;
        if (!p.fields.empty()) out << "  [" << join(p.fields) << ']';
        out << '\n';
    }
    for (const auto& g : r.registry)
        out << "  registry " << g.what << " changed\n";
}

} // namespace portreg::query
