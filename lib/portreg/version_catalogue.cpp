#include "portreg/version_catalogue.hpp"

#include "portreg/canonical.hpp"
#include "portreg/database.hpp"
#include "portreg/digest.hpp"
#include "portreg/embedded_sql.hpp"
#include "portreg/warm_state.hpp"

namespace portreg {

namespace {

constexpr int xref_columns = 7;
constexpr std::size_t xref_batch = 64;

} // namespace

Rendering Rendering::of(const Record& record) {
    Rendering out{render_record(record), {}};
    out.digest = content_digest(canonical_columns(out.columns));
    return out;
}

VersionCatalogue::VersionCatalogue(SQLite::Database& db, WarmState* warm)
    : db_(db), warm_(warm), record_insert_(db, sql::statement("record.insert")),
      record_by_digest_(db, sql::statement("record.by_digest")),
      record_last_id_(db, sql::statement("record.last_id")),
      fts_insert_new_(db, sql::statement("record_fts.insert_new")),
      record_xref_insert_(db, sql::statement("record_xref.insert")),
      record_xref_rows_(db, sql::multi_row(sql::statement("record_xref.insert_rows"),
                                           static_cast<int>(xref_batch), xref_columns)),
      person_insert_(db, sql::statement("person.insert")),
      person_by_digest_(db, sql::statement("person.by_digest")),
      person_uri_insert_(db, sql::statement("person_uri.insert")),
      meta_by_digest_(db, sql::statement("meta.by_digest")),
      meta_insert_(db, sql::statement("meta.insert")),
      note_insert_(db, sql::statement("meta_note.insert")),
      footnote_insert_(db, sql::statement("meta_footnote.insert")),
      meta_xref_insert_(db, sql::statement("meta_xref.insert")) {}

void VersionCatalogue::begin_release() {
    // Record versions get increasing ids: those above this one are new.
    last_record_id_ = record_last_id_.int64().value_or(0);
    new_records_ = 0;
    pending_xrefs_.clear();
}

std::int64_t VersionCatalogue::record(const Record& record, const std::string& digest,
                                      const Rendering* rendering) {
    if (warm_)
        if (auto id = warm_->version_with(ItemKind::record, digest)) return *id;
    Rendering rendered_here;
    if (!rendering) {
        rendered_here = Rendering::of(record);
        rendering = &rendered_here;
    }
    auto id = insert_record(record, digest, *rendering);
    if (warm_) warm_->remember(ItemKind::record, digest, id);
    return id;
}

// Inserts the version, or finds the one another release stored before.
std::int64_t VersionCatalogue::insert_record(const Record& r, const std::string& digest,
                                             const Rendering& rendering) {
    std::string rendered;
    for (const auto& column : rendering.columns)
        rendered += column + "\n";
    std::optional<std::int64_t> low, high;
    if (r.port) {
        low = r.port->low;
        high = r.port->high;
    }
    record_insert_.exec(blob(digest), blob(rendering.digest), or_null(r.name), low, high,
                        or_null(r.transport), r.description, or_null(r.reg_date),
                        or_null(r.mod_date), or_null(r.service_code), or_null(r.unauthorized),
                        or_null(r.notes), r.has_assignee ? 1 : 0, rendered, or_null(r.number),
                        or_null(r.layout), or_null(r.description_xml), or_null(r.notes_xml));
    if (db_.getChanges() == 0) return record_by_digest_.int64(blob(digest)).value_or(0);
    const std::int64_t id = db_.getLastInsertRowid();
    queue_xrefs(id, "own", r.own);
    queue_xrefs(id, "assignee", r.assignee);
    queue_xrefs(id, "description", r.description_xrefs);
    queue_xrefs(id, "note", r.note_xrefs);
    if (on_new_record) on_new_record(rendering.digest, id);
    ++new_records_;
    return id;
}

void VersionCatalogue::queue_xrefs(std::int64_t record_id, const char* role,
                                   const std::vector<Xref>& xrefs) {
    for (std::size_t i = 0; i < xrefs.size(); ++i)
        pending_xrefs_.push_back({record_id, role, i, &xrefs[i]});
}

void VersionCatalogue::end_release() {
    auto bind = [](Statement& st, int first, const XrefRow& row) {
        st.bind_from(first, row.record_id, row.role, row.seq, row.xref->type,
                     or_null(row.xref->data), or_null(row.xref->text), or_null(row.xref->section));
    };
    std::size_t i = 0;
    for (; i + xref_batch <= pending_xrefs_.size(); i += xref_batch) {
        for (std::size_t k = 0; k < xref_batch; ++k)
            bind(record_xref_rows_, 1 + static_cast<int>(k) * xref_columns, pending_xrefs_[i + k]);
        record_xref_rows_.run();
    }
    for (; i < pending_xrefs_.size(); ++i) {
        bind(record_xref_insert_, 1, pending_xrefs_[i]);
        record_xref_insert_.run();
    }
    pending_xrefs_.clear();
    // The full-text rows of the new versions, in one statement rather than
    // one per version.
    if (new_records_ > 0) fts_insert_new_.exec(last_record_id_);
}

std::int64_t VersionCatalogue::person(const Person& p) {
    auto digest = content_digest(canonical_person(p));
    if (warm_)
        if (auto id = warm_->version_with(ItemKind::person, digest)) return *id;
    person_insert_.exec(blob(digest), p.id, or_null(p.name), or_null(p.org), or_null(p.updated),
                        or_null(p.layout));
    std::int64_t id = 0;
    if (db_.getChanges() == 0) {
        id = person_by_digest_.int64(blob(digest)).value_or(0);
    } else {
        id = db_.getLastInsertRowid();
        for (std::size_t i = 0; i < p.uris.size(); ++i)
            person_uri_insert_.exec(id, i, p.uris[i]);
    }
    if (warm_) warm_->remember(ItemKind::person, digest, id);
    return id;
}

std::int64_t VersionCatalogue::meta(const RegistryMeta& m) {
    auto digest = content_digest(canonical_meta(m));
    if (auto id = meta_by_digest_.int64(blob(digest))) return *id;
    meta_insert_.exec(blob(digest), m.title, m.category, m.expert);
    const std::int64_t id = db_.getLastInsertRowid();
    insert_meta_xrefs(id, "registry", 0, m.xrefs);
    for (std::size_t i = 0; i < m.notes.size(); ++i) {
        const auto& note = m.notes[i];
        note_insert_.exec(id, i, note.title, note.text, or_null(note.xml));
        insert_meta_xrefs(id, "note", i, note.xrefs);
    }
    for (std::size_t i = 0; i < m.footnotes.size(); ++i) {
        const auto& footnote = m.footnotes[i];
        footnote_insert_.exec(id, i, footnote.anchor, footnote.text, or_null(footnote.xml));
        insert_meta_xrefs(id, "footnote", i, footnote.xrefs);
    }
    return id;
}

void VersionCatalogue::insert_meta_xrefs(std::int64_t meta_id, const char* scope,
                                         std::size_t scope_seq, const std::vector<Xref>& xrefs) {
    for (std::size_t i = 0; i < xrefs.size(); ++i)
        meta_xref_insert_.exec(meta_id, scope, scope_seq, i, xrefs[i].type, or_null(xrefs[i].data),
                               or_null(xrefs[i].text), or_null(xrefs[i].section));
}

} // namespace portreg
