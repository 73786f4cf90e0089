#include "change_engine.hpp"

#include <map>

namespace portreg::query {

namespace {

// The person columns portreg-query writes that differ, named as its CSV
// names them (URIs as one field, space between them).
std::vector<FieldChange> differing_fields(const Person& a, const Person& b) {
    std::vector<FieldChange> fields;
    auto compare = [&](const char* field, const std::string& before, const std::string& after) {
        if (before != after) fields.push_back({field, before, after});
    };
    compare("name", a.name, b.name);
    compare("organization", a.org, b.org);
    compare("contact_uri", join(a.uris, " "), join(b.uris, " "));
    compare("last_updated", a.updated, b.updated);
    return fields;
}

} // namespace

std::vector<PersonChange> people_changes(const std::vector<PersonPtr>& gone,
                                         const std::vector<PersonPtr>& come) {
    std::multimap<std::string, std::size_t> gone_by_id;
    for (std::size_t i = 0; i < gone.size(); ++i)
        gone_by_id.emplace(gone[i]->id, i);
    std::vector<bool> paired(gone.size(), false);
    std::vector<PersonChange> out;
    for (const auto& p : come) {
        auto it = gone_by_id.find(p->id);
        if (it == gone_by_id.end()) {
            out.push_back({PersonChange::Kind::added, nullptr, p, {}});
            continue;
        }
        paired[it->second] = true;
        auto fields = differing_fields(*gone[it->second], *p);
        // Versions may differ in nothing a person column shows (the order
        // of people, say): no change to report.
        if (!fields.empty())
            out.push_back({PersonChange::Kind::changed, gone[it->second], p, std::move(fields)});
        gone_by_id.erase(it);
    }
    for (std::size_t i = 0; i < gone.size(); ++i)
        if (!paired[i]) out.push_back({PersonChange::Kind::removed, gone[i], nullptr, {}});
    return out;
}

} // namespace portreg::query
