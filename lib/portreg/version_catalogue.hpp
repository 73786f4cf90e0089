#pragma once
// The catalogue of stored versions: every distinct record, person and
// registry metadata once, by the digest of its canonical text
// (canonical.hpp), with its references and, for records, a full-text row.

#include "portreg/release.hpp"
#include "portreg/render.hpp"
#include "portreg/statement.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace portreg {

class WarmState;

// A record's 12 published columns and the digest of them.
struct Rendering {
    Columns columns;
    std::string digest;
    static Rendering of(const Record& record);
};

class VersionCatalogue {
public:
    // `warm`, when given, is asked before the database (warm_state.hpp).
    VersionCatalogue(SQLite::Database& db, WarmState* warm);

    // A release starts: the versions stored from here on are new to it.
    void begin_release();
    // The version of `record` with content digest `digest`: known, or
    // stored. `rendering`, when the caller has it, saves rendering it again.
    std::int64_t record(const Record& record, const std::string& digest,
                        const Rendering* rendering = nullptr);
    std::int64_t person(const Person& person);
    std::int64_t meta(const RegistryMeta& meta);
    // Writes what the release's new record versions left to the end: their
    // references, many rows per statement, and their full-text rows.
    void end_release();

    // Record versions stored since begin_release().
    std::int64_t new_records() const { return new_records_; }
    // Called with each new record version's render digest and id.
    std::function<void(const std::string&, std::int64_t)> on_new_record;

private:
    SQLite::Database& db_;
    WarmState* warm_;
    Statement record_insert_, record_by_digest_, record_last_id_, fts_insert_new_,
        record_xref_insert_, record_xref_rows_, person_insert_, person_by_digest_,
        person_uri_insert_, meta_by_digest_, meta_insert_, note_insert_, footnote_insert_,
        meta_xref_insert_;
    std::int64_t last_record_id_ = 0;
    std::int64_t new_records_ = 0;
    // References of the new record versions; they belong to the release's
    // records, which outlive end_release().
    struct XrefRow {
        std::int64_t record_id;
        const char* role;
        std::size_t seq;
        const Xref* xref;
    };
    std::vector<XrefRow> pending_xrefs_;

    std::int64_t insert_record(const Record& record, const std::string& digest,
                               const Rendering& rendering);
    void queue_xrefs(std::int64_t record_id, const char* role, const std::vector<Xref>& xrefs);
    void insert_meta_xrefs(std::int64_t meta_id, const char* scope, std::size_t scope_seq,
                           const std::vector<Xref>& xrefs);
};

} // namespace portreg
