#include "portreg/history_store.hpp"

#include "portreg/canonical.hpp"
#include "portreg/change_counts.hpp"
#include "portreg/database.hpp"
#include "portreg/digest.hpp"
#include "portreg/embedded_sql.hpp"
#include "portreg/index_keeper.hpp"
#include "portreg/membership.hpp"
#include "portreg/placed_versions.hpp"
#include "portreg/record_identity.hpp"
#include "portreg/release_order.hpp"
#include "portreg/rendering_match.hpp"
#include "portreg/statement.hpp"
#include "portreg/version_catalogue.hpp"
#include "portreg/warm_state.hpp"

#include <SQLiteCpp/Transaction.h>

#include <algorithm>
#include <stdexcept>
#include <unordered_map>
#include <variant>

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

    Impl(SQLite::Database& d, FastPath fast)
        : db(d), fast_path(fast), order(d),
          warm(fast == FastPath::on ? std::make_unique<WarmState>(d) : nullptr),
          index_keeper(warm ? std::make_unique<IndexKeeper>(d, *warm, placed) : nullptr),
          catalogue(d, warm.get()), csv_match(d, placed), record_members(d, ItemKind::record),
          person_members(d, ItemKind::person), identity_of(d, sql::statement("record.identity")) {
        catalogue.on_new_record = [this](const std::string& render_digest, std::int64_t id) {
            csv_match.stored(render_digest, id);
        };
    }

    // Nothing stored yet. Once a release is in, no release is ever removed.
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
    void prepare();
    std::shared_ptr<const NewestIndex> load_index(const std::string& format);
    void save_index();
};

namespace {

// The version of the element the index handed out.
std::int64_t handed_out_version(const ReadRelease& release, ItemKind kind, HandedOut element) {
    const auto& entries = kind == ItemKind::record ? release.index->records : release.index->people;
    return entries[element.entry].version;
}

ReadRelease as_read(const Release& release) {
    ReadRelease out;
    static_cast<ReleaseHead&>(out) = release;
    out.records.assign(release.records.begin(), release.records.end());
    out.people.assign(release.people.begin(), release.people.end());
    return out;
}

} // namespace

std::optional<ImportResult> HistoryStore::Impl::add(const ReadRelease& release, bool keep_index) {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    // Checked inside the transaction: another importer may have added it.
    if (auto known = order.find(release.sha256)) return known;
    const Place at = locate(release);
    if (!index_applies(release, at)) return std::nullopt;
    begin(at);

    catalogue.begin_release();
    std::optional<std::int64_t> meta_id;
    if (release.meta) meta_id = catalogue.meta(*release.meta);
    auto records = store_records(release);
    if (!records) return std::nullopt;
    auto person_ids = store_people(release);
    const std::int64_t new_versions = catalogue.new_records();
    catalogue.end_release();

    auto previous = [this](ItemKind kind) { return warm ? warm->previous_spans(kind) : nullptr; };
    auto record_change =
        record_members.insert(at.position, at.last, records->ids, previous(ItemKind::record));
    person_members.insert(at.position, at.last, person_ids, previous(ItemKind::person));
    order.insert(release, at.position, meta_id, release.records.size(), release.people.size());

    ImportResult result;
    result.registry_date = release.registry_date;
    result.sha256 = release.sha256;
    result.records = static_cast<std::int64_t>(release.records.size());
    result.people = static_cast<std::int64_t>(release.people.size());
    result.new_record_versions = new_versions;
    count_changes(release, at, *records, record_change, result);

    order.set_generation(at.generation + 1);
    keep_newest(release, at, std::move(*records), std::move(person_ids), keep_index);
    tx.commit();
    if (warm) warm->committed();
    return result;
}

HistoryStore::Impl::Place HistoryStore::Impl::locate(const ReadRelease& release) {
    Place at;
    at.generation = order.generation();
    at.count = order.count();
    at.position = order.position_for(release);
    at.last = at.count + 1;
    return at;
}

// A CSV's record is the version of its neighbours that renders the same:
// the index hands out the right one only when its release is the one right
// before this release.
bool HistoryStore::Impl::index_applies(const ReadRelease& release, const Place& at) const {
    return release.format != "csv" || !release.any_handed_out() ||
           (at.newest() && release.index->generation == at.generation &&
            release.index->position == at.count);
}

void HistoryStore::Impl::begin(const Place& at) {
    if (!at.newest()) order.make_room(at.position);
    if (warm) warm->begin(at.generation, at.count, at.position);
    csv_match.begin_release(at.position, at.last);
    placed.next_release();
}

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

// What the fast path keeps of the release just added, before the commit.
void HistoryStore::Impl::keep_newest(const ReadRelease& release, const Place& at,
                                     StoredRecords records, std::vector<std::int64_t> person_ids,
                                     bool keep_index) {
    if (!warm) return;
    index_keeper->forget();
    if (!at.newest()) {
        warm->forget_newest();
        return;
    }
    warm->adopt(at.generation + 1, at.last, record_members.take_state(),
                person_members.take_state());
    index_keeper->added_newest(release, std::move(records.ids), std::move(person_ids));
    // In this transaction: one commit fewer, and a first release's index
    // is written once, with it, rather than through the WAL.
    if (keep_index) index_keeper->write(at.generation + 1, at.last);
}

void HistoryStore::Impl::prepare() {
    if (!warm) return;
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::DEFERRED);
    warm->prepare(order.generation(), order.count(), record_members, person_members);
    tx.commit();
}

std::shared_ptr<const NewestIndex> HistoryStore::Impl::load_index(const std::string& format) {
    if (!index_keeper) return nullptr;
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::DEFERRED);
    auto index = index_keeper->load(order.generation(), order.count(), format);
    tx.commit();
    return index;
}

void HistoryStore::Impl::save_index() {
    if (!index_keeper || !index_keeper->holds()) return;
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    const std::int64_t generation = order.generation();
    if (!warm->knows_newest(generation, order.count())) return;
    index_keeper->write(generation, order.count());
    tx.commit();
}

// After a failure: the parts may name versions whose transaction rolled
// back, and statements may be left mid-step.
void HistoryStore::start_afresh() {
    impl_ = std::make_unique<Impl>(impl_->db, impl_->fast_path);
}

template <typename Work> auto HistoryStore::afresh_after_failure(Work work) {
    try {
        return work();
    } catch (...) {
        start_afresh();
        throw;
    }
}

HistoryStore::HistoryStore(SQLite::Database& db, FastPath fast_path)
    : impl_(std::make_unique<Impl>(db, fast_path)) {}
HistoryStore::~HistoryStore() = default;

void HistoryStore::prepare() {
    afresh_after_failure([this] { impl_->prepare(); });
}

std::shared_ptr<const NewestIndex> HistoryStore::newest_index(const std::string& format) {
    return afresh_after_failure([&] { return impl_->load_index(format); });
}

void HistoryStore::save_index() {
    afresh_after_failure([this] { impl_->save_index(); });
}

bool HistoryStore::holds_date(const std::string& registry_date) {
    return impl_->order.holds_date(registry_date);
}

std::optional<ImportResult> HistoryStore::find(const std::string& sha256) {
    return impl_->order.find(sha256);
}

ImportResult HistoryStore::add(const Release& release, bool keep_index) {
    // Only an element handed out makes an index not apply.
    auto result = try_add(as_read(release), keep_index);
    if (!result) throw std::logic_error("history store: a release read whole was not added");
    return *result;
}

std::optional<ImportResult> HistoryStore::try_add(const ReadRelease& release, bool keep_index) {
    auto& db = impl_->db;
    // The first release written to a database adds nothing but new pages. A
    // rollback journal writes those once; WAL writes them twice, into the
    // log and back at the checkpoint. So it is written in rollback mode
    // (unless another connection has the file open: then the switch fails
    // at once and it is written in WAL mode).
    if (impl_->history_empty()) try_journal_mode(db, "delete");
    std::optional<ImportResult> result;
    try {
        result = impl_->add(release, keep_index);
    } catch (...) {
        start_afresh();
        try_journal_mode(db, "wal");
        throw;
    }
    // Nothing stored: the parts may remember versions that rolled back.
    if (!result) start_afresh();
    // WAL again, for readers beside later imports: tried after every
    // release, as another connection that has the file open makes the
    // switch fail.
    try_journal_mode(db, "wal");
    return result;
}

} // namespace portreg
