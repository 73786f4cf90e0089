#pragma once
// Removing a release: the reverse of adding one at its position. The spans
// of versions that only it held in their run go, every later position moves
// down one, two spans of a version that it stood between become one, and the
// versions (records, people, registry metadata) that no release holds any
// more go with it: the database holds what it would had the release never
// been added, up to row ids and order keys (and, for a CSV, which of the
// versions that render as its rows it holds: rendering_match.hpp).

#include "portreg/database.hpp"
#include "portreg/import_result.hpp"
#include "portreg/statement.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace portreg {

class ReleaseRemoval {
public:
    explicit ReleaseRemoval(SQLite::Database& db);

    // Removes the release with these bytes (sha256 hex), of a history of
    // `count` releases, in the caller's transaction; nothing when no such
    // release is stored.
    std::optional<RemovalResult> remove(const std::string& sha256, std::int64_t count);
    // Deletes the index of the newest release (newest_index.hpp), for when
    // it cannot be carried over (IndexKeeper::carry_over).
    void drop_index();

private:
    Statement release_, spans_only_at_, release_row_, park_, unpark_, shift_lo_, shift_hi_,
        spans_to_join_, set_hi_, delete_span_, reopen_, version_held_, record_fts_, record_xrefs_,
        record_, person_uris_, person_, meta_used_, meta_xrefs_, meta_notes_, meta_footnotes_,
        meta_, clear_index_;

    void close_up(std::int64_t position, std::int64_t count);
    void join_spans(std::int64_t position);
    // Of `ids`, those no span holds any more.
    std::vector<std::int64_t> unheld(ItemKind kind, const std::vector<std::int64_t>& ids);
    std::int64_t drop_records(const std::vector<std::int64_t>& ids);
    std::int64_t drop_people(const std::vector<std::int64_t>& ids);
    bool drop_meta(std::int64_t id);
};

} // namespace portreg
