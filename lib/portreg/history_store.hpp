#pragma once
// The history store: adds releases to a portreg database, one transaction
// each, storing every distinct record, person and metadata version once.

#include "portreg/import_result.hpp"
#include "portreg/newest_index.hpp"
#include "portreg/read_release.hpp"
#include "portreg/release.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace portreg {

// The speed layer (warm_state.hpp, index_keeper.hpp): on, the store
// remembers what it added and keeps the index of the newest release; off,
// it asks the database for everything, and stores the same.
enum class FastPath { on, off };

class HistoryStore {
public:
    explicit HistoryStore(SQLite::Database& db, FastPath fast_path = FastPath::on);
    ~HistoryStore();

    // Adds `release` in one transaction; on any error nothing is stored.
    // `keep_index`: when it is the newest, keep its index (see save_index())
    // in that transaction, as a caller adding no release after it would.
    ImportResult add(const Release& release, bool keep_index = false);
    // The same for a release with elements handed out by the index of the
    // newest release (read_release.hpp). Nothing, and nothing stored, when
    // that index does not apply to it: it holds an element handed out as a
    // version the release holds already (the same content, other bytes,
    // read before it), and only a reading of the whole tells which version
    // each repeat is; or it is a CSV that does not go right after the
    // index's release (its records are versions of its neighbours); or a
    // release was removed after the index was written (versions it names
    // may have gone with it). Then read it whole
    // (ReleaseReader::read_afresh) and add that.
    std::optional<ImportResult> try_add(const ReadRelease& release, bool keep_index = false);

    // Removes the release with these bytes (sha256 hex) in one transaction,
    // with the versions no other release holds (release_removal.hpp);
    // nothing when none is stored. The index of the newest release is
    // carried over when that release stays the newest, and deleted
    // otherwise; every other process's memory of the history is outdated.
    std::optional<RemovalResult> remove(const std::string& sha256);

    // Whether a stored release bears this registry date.
    bool holds_date(const std::string& registry_date);

    // The stored release with these bytes (sha256 hex), if there is one.
    std::optional<ImportResult> find(const std::string& sha256);

    // Reads ahead what adding a release after the newest one needs (the
    // newest release's versions and spans), so that a caller can have it
    // done while it reads the release. add() uses it if the database has
    // not changed since, and reads afresh otherwise. Nothing else may use
    // the store or its database while this runs.
    void prepare();

    // The index of the newest release (newest_index.hpp) kept in the
    // database, if it is up to date; the store then also starts from the
    // spans it holds. For a reader of the next release. `format`, if given:
    // only an index of that format ("xml", "csv") is of use.
    std::shared_ptr<const NewestIndex> newest_index(const std::string& format = {});

    // Keeps the index of the newest release in the database, when the
    // release this store added last is the newest, nothing was added since,
    // and its reader took the keys of its elements. In a transaction of its
    // own: a run of many releases writes it once, at the end.
    void save_index();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    void start_afresh();
    // Runs `work`; after a failure the store starts afresh.
    template <typename Work> auto afresh_after_failure(Work work);
};

} // namespace portreg
