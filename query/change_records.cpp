#include "change_engine.hpp"

#include "portreg/record_identity.hpp"
#include "portreg/render.hpp"
#include "portreg/text.hpp"

#include <map>

namespace portreg::query {

std::vector<RecordChange> record_changes(const std::vector<RecordPtr>& gone_versions,
                                         const std::vector<RecordPtr>& come_versions) {
    // Two versions may differ in what the 12 columns do not show (the
    // sections of references, say): rule 1 compares what is published.
    std::multimap<Columns, std::size_t> unmatched_gone;
    std::vector<Columns> gone_columns;
    for (const auto& r : gone_versions) {
        gone_columns.push_back(render_record(*r));
        unmatched_gone.emplace(gone_columns.back(), gone_columns.size() - 1);
    }
    std::vector<bool> gone_cancelled(gone_versions.size(), false);
    std::vector<std::pair<RecordPtr, Columns>> come;
    for (const auto& r : come_versions) {
        auto columns = render_record(*r);
        auto same = unmatched_gone.find(columns);
        if (same != unmatched_gone.end()) {
            gone_cancelled[same->second] = true;
            unmatched_gone.erase(same);
        } else {
            come.emplace_back(r, std::move(columns));
        }
    }

    std::multimap<std::string, std::size_t> gone_by_key;
    for (std::size_t i = 0; i < gone_versions.size(); ++i)
        if (!gone_cancelled[i]) gone_by_key.emplace(record_identity(*gone_versions[i]), i);
    std::vector<bool> paired(gone_versions.size(), false);
    std::vector<RecordChange> changes;
    for (auto& [r, columns] : come) {
        auto it = gone_by_key.find(record_identity(*r));
        if (it == gone_by_key.end()) {
            changes.push_back({RecordChange::Kind::added, nullptr, r, {}});
            continue;
        }
        RecordChange c{RecordChange::Kind::modified, gone_versions[it->second], r, {}};
        const auto& old_columns = gone_columns[it->second];
        paired[it->second] = true;
        gone_by_key.erase(it);
        for (std::size_t i = 0; i < column_count; ++i)
            if (old_columns[i] != columns[i])
                c.fields.push_back({column_names()[i], old_columns[i], columns[i]});
        changes.push_back(std::move(c));
    }
    for (std::size_t i = 0; i < gone_versions.size(); ++i)
        if (!gone_cancelled[i] && !paired[i])
            changes.push_back({RecordChange::Kind::removed, gone_versions[i], nullptr, {}});
    return changes;
}

} // namespace portreg::query
