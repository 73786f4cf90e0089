#include "portreg/history_store.hpp"

#include "portreg/database.hpp"
#include "portreg/history_store_impl.hpp"
#include "portreg/release_removal.hpp"

#include <SQLiteCpp/Transaction.h>

#include <stdexcept>

namespace portreg {

namespace {

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
    // A release removed since (by another process) may have taken
    // versions this store remembers, or that the index handed out.
    const std::int64_t removed_at = order.removed_at();
    if (removed_at != removed_at_known) {
        outdated = true;
        return std::nullopt;
    }
    if (release.any_handed_out() && release.index->generation < removed_at) return std::nullopt;
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

std::optional<RemovalResult> HistoryStore::Impl::remove(const std::string& sha256) {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    const std::int64_t generation = order.generation();
    const std::int64_t count = order.count();
    // Read before: if the newest release stays the newest, its index still
    // holds its versions, in spans that moved.
    auto index = index_keeper ? index_keeper->load(generation, count, {}) : nullptr;
    ReleaseRemoval removal(db);
    auto removed = removal.remove(sha256, count);
    if (!removed) return std::nullopt;
    order.set_generation(generation + 1);
    order.set_removed_at(generation + 1);
    if (index && removed->position < count)
        index_keeper->carry_over(*index, generation + 1, count - 1, record_members.load(count - 1),
                                 person_members.load(count - 1));
    else
        removal.drop_index();
    tx.commit();
    return removed;
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

std::optional<RemovalResult> HistoryStore::remove(const std::string& sha256) {
    auto removed = afresh_after_failure([&] { return impl_->remove(sha256); });
    // What the store remembers may name versions that went.
    start_afresh();
    return removed;
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
        // Another process removed a release since this store began: a
        // fresh store adds it, if it was read whole.
        if (!result && impl_->outdated && !release.any_handed_out()) {
            start_afresh();
            result = impl_->add(release, keep_index);
        }
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
