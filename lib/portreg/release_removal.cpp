#include "portreg/release_removal.hpp"

#include "portreg/database.hpp"
#include "portreg/embedded_sql.hpp"

namespace portreg {

ReleaseRemoval::ReleaseRemoval(SQLite::Database& db)
    : release_(db, sql::statement("remove.release")),
      spans_only_at_(db, sql::statement("remove.spans_only_at")),
      release_row_(db, sql::statement("remove.release_row")),
      park_(db, sql::statement("remove.shift_park")),
      unpark_(db, sql::statement("release.shift_unpark")),
      shift_lo_(db, sql::statement("remove.span_shift_lo")),
      shift_hi_(db, sql::statement("remove.span_shift_hi")),
      spans_to_join_(db, sql::statement("remove.spans_to_join")),
      set_hi_(db, sql::statement("span.set_hi")), delete_span_(db, sql::statement("span.delete")),
      reopen_(db, sql::statement("remove.reopen_spans")),
      version_held_(db, sql::statement("remove.version_held")),
      record_fts_(db, sql::statement("remove.record_fts")),
      record_xrefs_(db, sql::statement("remove.record_xrefs")),
      record_(db, sql::statement("remove.record")),
      person_uris_(db, sql::statement("remove.person_uris")),
      person_(db, sql::statement("remove.person")),
      meta_used_(db, sql::statement("remove.meta_used")),
      meta_xrefs_(db, sql::statement("remove.meta_xrefs")),
      meta_notes_(db, sql::statement("remove.meta_notes")),
      meta_footnotes_(db, sql::statement("remove.meta_footnotes")),
      meta_(db, sql::statement("remove.meta")),
      clear_index_(db, sql::statement("newest_index.clear")) {}

std::optional<RemovalResult> ReleaseRemoval::remove(const std::string& sha256, std::int64_t count) {
    RemovalResult out;
    std::int64_t id = 0, position = 0;
    std::optional<std::int64_t> meta_id;
    {
        auto row = release_.query(sha256);
        if (!row.next()) return std::nullopt;
        id = row.int64(0);
        position = row.int64(1);
        out.registry_date = row.text(2);
        out.format = row.text(3);
        if (!row.null(4)) meta_id = row.int64(4);
        out.records = row.int64(5);
        out.people = row.int64(6);
    }
    out.sha256 = sha256;
    out.position = position;

    // The versions whose run of releases was this one alone: held by no
    // other release unless another run of theirs is left.
    std::vector<std::int64_t> left[2];
    const std::int64_t only_hi = position == count ? open_span : position;
    for (auto row = spans_only_at_.query(position, only_hi); row.next();)
        left[row.int64(0) == static_cast<int>(ItemKind::record) ? 0 : 1].push_back(row.int64(1));
    release_row_.exec(id);
    close_up(position, count);

    out.record_versions = drop_records(left[0]);
    out.person_versions = drop_people(left[1]);
    if (meta_id) out.meta_version = drop_meta(*meta_id);
    return out;
}

// Every later release and span bound moves down one (the reverse of
// ReleaseOrder::make_room).
void ReleaseRemoval::close_up(std::int64_t position, std::int64_t count) {
    park_.exec(position);
    unpark_.exec();
    // lo before hi, so that no span is ever seen with lo > hi.
    shift_lo_.exec(position);
    shift_hi_.exec(position);
    if (position == count)
        reopen_.exec(position - 1);
    else if (position > 1)
        join_spans(position);
}

// Two spans of one version and order key that the removed release stood
// between are one, as if it had never been added.
void ReleaseRemoval::join_spans(std::int64_t position) {
    struct Join {
        std::int64_t before, after, hi;
    };
    std::vector<Join> joins;
    for (auto row = spans_to_join_.query(position); row.next();)
        joins.push_back({row.int64(0), row.int64(1), row.int64(2)});
    for (const auto& j : joins) {
        delete_span_.exec(j.after);
        set_hi_.exec(j.before, j.hi);
    }
}

std::vector<std::int64_t> ReleaseRemoval::unheld(ItemKind kind,
                                                 const std::vector<std::int64_t>& ids) {
    std::vector<std::int64_t> out;
    for (auto id : ids)
        if (!version_held_.int64(static_cast<int>(kind), id)) out.push_back(id);
    return out;
}

std::int64_t ReleaseRemoval::drop_records(const std::vector<std::int64_t>& ids) {
    const auto gone = unheld(ItemKind::record, ids);
    for (auto id : gone) {
        record_fts_.exec(id);
        record_xrefs_.exec(id);
        record_.exec(id);
    }
    return static_cast<std::int64_t>(gone.size());
}

std::int64_t ReleaseRemoval::drop_people(const std::vector<std::int64_t>& ids) {
    const auto gone = unheld(ItemKind::person, ids);
    for (auto id : gone) {
        person_uris_.exec(id);
        person_.exec(id);
    }
    return static_cast<std::int64_t>(gone.size());
}

void ReleaseRemoval::drop_index() {
    clear_index_.exec();
}

bool ReleaseRemoval::drop_meta(std::int64_t id) {
    if (meta_used_.int64(id)) return false;
    meta_xrefs_.exec(id);
    meta_notes_.exec(id);
    meta_footnotes_.exec(id);
    meta_.exec(id);
    return true;
}

} // namespace portreg
