// The records and people of a release as versions: read ones matched or
// stored, handed-out ones taken from the index; and the change counts
// against the release before (history_store_impl.hpp).

#include "portreg/canonical.hpp"
#include "portreg/change_counts.hpp"
#include "portreg/digest.hpp"
#include "portreg/history_store_impl.hpp"
#include "portreg/record_identity.hpp"

#include <algorithm>
#include <variant>

namespace portreg {

namespace {

// The version of the element the index handed out.
std::int64_t handed_out_version(const ReadRelease& release, ItemKind kind, HandedOut element) {
    const auto& entries = kind == ItemKind::record ? release.index->records : release.index->people;
    return entries[element.entry].version;
}

} // namespace

// Nothing where the index handed out an element as a version the release
// holds already (the same content, other bytes, read before it).
std::optional<HistoryStore::Impl::StoredRecords>
HistoryStore::Impl::store_records(const ReadRelease& release) {
    StoredRecords out;
    out.ids.reserve(release.records.size());
    const bool csv = release.format == "csv";
    for (std::size_t i = 0; i < release.records.size(); ++i) {
        std::int64_t id = 0;
        if (const auto* r = std::get_if<RecordPtr>(&release.records[i])) {
            if (warm) id = warm->version_of(*r);
            if (id && placed.placed(id)) id = 0;
            if (!id) {
                id = csv ? csv_record(**r) : record_in_release(**r);
                out.fresh.emplace(id, i);
            }
            if (warm) warm->saw(*r, id);
        } else {
            id = handed_out_version(release, ItemKind::record,
                                    std::get<HandedOut>(release.records[i]));
            if (placed.placed(id)) return std::nullopt;
        }
        placed.place(id);
        out.ids.push_back(id);
    }
    return out;
}

// The version of a record new to the release being added. A record
// repeated whole within one release is stored as a version of its own per
// repeat, so membership stays a set.
std::int64_t HistoryStore::Impl::record_in_release(const Record& r, const Rendering* rendering) {
    auto key = canonical_record(r);
    auto id = catalogue.record(r, content_digest(key), rendering);
    for (int repeat = 1; placed.placed(id); ++repeat) {
        placed.mark_repeated(id);
        id = catalogue.record(r, content_digest(key + "\x1c" + std::to_string(repeat)), rendering);
        placed.mark_repeated(id);
    }
    return id;
}

// A CSV record: the stored version that renders the same, if there is one
// not yet placed in this release (rendering_match.hpp).
std::int64_t HistoryStore::Impl::csv_record(const Record& r) {
    auto rendering = Rendering::of(r);
    // Its own key space: a digest of columns, not of a whole record.
    auto key = content_digest("csv\x1e" + canonical_columns(rendering.columns));
    if (warm)
        if (auto id = warm->version_with(ItemKind::record, key); id && !placed.placed(*id))
            return *id;
    std::int64_t id = csv_match.version_rendering(rendering.digest);
    if (!id) id = record_in_release(r, &rendering);
    if (warm) warm->remember(ItemKind::record, key, id);
    return id;
}

std::vector<std::int64_t> HistoryStore::Impl::store_people(const ReadRelease& release) {
    std::vector<std::int64_t> ids;
    ids.reserve(release.people.size());
    for (const auto& element : release.people) {
        const auto* person = std::get_if<PersonPtr>(&element);
        if (!person) {
            ids.push_back(
                handed_out_version(release, ItemKind::person, std::get<HandedOut>(element)));
            continue;
        }
        std::int64_t id = warm ? warm->version_of(*person) : 0;
        if (!id) id = catalogue.person(**person);
        if (warm) warm->saw(*person, id);
        ids.push_back(id);
    }
    return ids;
}

// Against the release before it (change_counts.hpp).
void HistoryStore::Impl::count_changes(const ReadRelease& release, const Place& at,
                                       const StoredRecords& records, const MembershipChange& change,
                                       ImportResult& result) {
    if (!change.has_previous) return;
    result.previous = order.at(at.position - 1);
    std::vector<std::string> left, entered;
    for (auto id : change.removed)
        left.push_back(stored_identity(id));
    for (auto id : change.added) {
        auto it = records.fresh.find(id);
        auto i =
            it != records.fresh.end()
                ? it->second
                : static_cast<std::size_t>(std::find(records.ids.begin(), records.ids.end(), id) -
                                           records.ids.begin());
        const auto* r =
            i < release.records.size() ? std::get_if<RecordPtr>(&release.records[i]) : nullptr;
        // One the index handed out is read back.
        entered.push_back(r ? record_identity(**r) : stored_identity(id));
    }
    auto counts = portreg::count_changes(entered, left);
    result.records_added = counts.added;
    result.records_removed = counts.removed;
    result.records_changed = counts.changed;
}

} // namespace portreg
