#pragma once
// The history store's parts and the steps add() takes a release through
// (history_store.cpp: the transaction and the public methods;
// store_elements.cpp: each release's records and people as versions).

#include "portreg/embedded_sql.hpp"
#include "portreg/history_store.hpp"
#include "portreg/index_keeper.hpp"
#include "portreg/membership.hpp"
#include "portreg/placed_versions.hpp"
#include "portreg/release_order.hpp"
#include "portreg/rendering_match.hpp"
#include "portreg/statement.hpp"
#include "portreg/version_catalogue.hpp"
#include "portreg/warm_state.hpp"

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace portreg {

// The parts, each with its own statements; add() takes a release through
// them in one transaction.
struct HistoryStore::Impl {
    SQLite::Database& db;
    const FastPath fast_path;
    ReleaseOrder order;
    PlacedVersions placed;
    // The fast path; null when it is off.
    std::unique_ptr<WarmState> warm;
    std::unique_ptr<IndexKeeper> index_keeper;
    VersionCatalogue catalogue;
    RenderingMatch csv_match;
    Membership record_members, person_members;
    Statement identity_of;
    bool seen_release = false;
    // Versions may be removed (release_removal.hpp): what this store
    // remembers of them counts only while no release was removed since it
    // began. `outdated` is set when add() found one had been.
    const std::int64_t removed_at_known;
    bool outdated = false;

    Impl(SQLite::Database& d, FastPath fast)
        : db(d), fast_path(fast), order(d),
          warm(fast == FastPath::on ? std::make_unique<WarmState>(d) : nullptr),
          index_keeper(warm ? std::make_unique<IndexKeeper>(d, *warm, placed) : nullptr),
          catalogue(d, warm.get()), csv_match(d, placed), record_members(d, ItemKind::record),
          person_members(d, ItemKind::person), identity_of(d, sql::statement("record.identity")),
          removed_at_known(order.removed_at()) {
        catalogue.on_new_record = [this](const std::string& render_digest, std::int64_t id) {
            csv_match.stored(render_digest, id);
        };
    }

    // Nothing stored yet. Once a release is in, it stays until this store
    // removes it (and starts afresh) or another process does (and this
    // store writes in WAL mode, which only costs time).
    bool history_empty() {
        if (!seen_release) seen_release = order.count() > 0;
        return !seen_release;
    }

    // Where a release goes: the database's generation and release count
    // before it, its position, and the newest position after it.
    struct Place {
        std::int64_t generation, count, position, last;
        bool newest() const { return position == last; }
    };
    // The records of a release, stored: each one's version, and the index
    // in the release of those not matched from the release added before.
    struct StoredRecords {
        std::vector<std::int64_t> ids;
        std::unordered_map<std::int64_t, std::size_t> fresh;
    };

    // Nothing (the transaction rolled back) where the index the release
    // was read with does not apply to it.
    std::optional<ImportResult> add(const ReadRelease& release, bool keep_index);
    Place locate(const ReadRelease& release);
    bool index_applies(const ReadRelease& release, const Place& at) const;
    void begin(const Place& at);
    std::optional<StoredRecords> store_records(const ReadRelease& release);
    std::int64_t record_in_release(const Record& record, const Rendering* rendering = nullptr);
    std::int64_t csv_record(const Record& record);
    std::vector<std::int64_t> store_people(const ReadRelease& release);
    void count_changes(const ReadRelease& release, const Place& at, const StoredRecords& records,
                       const MembershipChange& change, ImportResult& result);
    std::string stored_identity(std::int64_t id) {
        auto row = identity_of.query(id);
        return row.next() ? row.text(0) : std::string();
    }
    void keep_newest(const ReadRelease& release, const Place& at, StoredRecords records,
                     std::vector<std::int64_t> person_ids, bool keep_index);
    std::optional<RemovalResult> remove(const std::string& sha256);
    void prepare();
    std::shared_ptr<const NewestIndex> load_index(const std::string& format);
    void save_index();
};

} // namespace portreg
