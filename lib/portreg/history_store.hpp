#pragma once
// The history store: adds releases to a portreg database, one transaction
// each, storing every distinct record, person and metadata version once.

#include "portreg/membership.hpp"
#include "portreg/release.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

namespace portreg {

struct ReleaseRef {
    std::string registry_date;
    std::string sha256;
};

struct ImportResult {
    bool already_present = false;
    std::string registry_date;
    std::string sha256;
    std::int64_t records = 0;
    std::int64_t people = 0;
    // Against the release before it in history order, when there is one.
    std::optional<ReleaseRef> previous;
    std::int64_t records_added = 0;
    std::int64_t records_removed = 0;
    std::int64_t records_changed = 0; // same name, port and transport, other content
    std::int64_t new_record_versions = 0;
};

class HistoryStore {
public:
    explicit HistoryStore(SQLite::Database& db);
    ~HistoryStore();

    // Adds `release` in one transaction; on any error nothing is stored.
    ImportResult add(const Release& release);

    // The stored release with these bytes (sha256 hex), if there is one.
    std::optional<ImportResult> find(const std::string& sha256);

    // Reads ahead what adding a release after the newest one needs (the
    // newest release's versions and spans), so that a caller can have it
    // done while it reads the release. add() uses it if the database has
    // not changed since, and reads afresh otherwise. Nothing else may use
    // the store or its database while this runs.
    void prepare();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    void start_afresh();
};

} // namespace portreg
