#include "portreg/history_store.hpp"

#include "portreg/canonical.hpp"
#include "portreg/database.hpp"
#include "portreg/digest.hpp"
#include "portreg/embedded_sql.hpp"
#include "portreg/error.hpp"
#include "portreg/recent_cache.hpp"
#include "portreg/record_identity.hpp"
#include "portreg/render.hpp"
#include "portreg/text.hpp"
#include "portreg/timestamp.hpp"
#include "portreg/walk_beside.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <array>
#include <unordered_set>

namespace portreg {

namespace {

// Binds NULL for an empty optional text column.
void bind_text(SQLite::Statement& st, int index, const std::string& value) {
    if (value.empty())
        st.bind(index);
    else
        st.bind(index, value);
}

void bind_blob(SQLite::Statement& st, int index, const std::string& bytes) {
    st.bind(index, bytes.data(), static_cast<int>(bytes.size()));
}

// Content digest -> version id.
using DigestMap = std::unordered_map<DigestKey, std::int64_t, DigestKeyHash>;

void run(SQLite::Statement& st) {
    st.exec();
    st.reset();
}

// The objects of the release added last with their version ids: a reader
// hands out the same object for an element it has read before.
template <typename T> using PreviousVersions = WalkBeside<std::shared_ptr<const T>, std::int64_t>;

} // namespace

struct HistoryStore::Impl {
    SQLite::Database& db;
    SQLite::Statement get_property, set_property, release_by_sha, release_count, release_position,
        release_park, release_unpark, release_insert, release_at, span_shift_lo, span_shift_hi,
        record_by_digest, record_insert, record_identity_of, record_render_digests,
        record_render_digests_at, record_by_rendering, record_digests_at, person_digests_at,
        record_xref_insert, record_last_id, record_fts_insert_new, person_by_digest, person_insert,
        person_uri_insert, meta_by_digest, meta_insert, meta_note_insert, meta_footnote_insert,
        meta_xref_insert, index_get, index_put, index_hashes, index_delete;
    // References of the versions added, written in statements of many rows
    // (sql::multi_row) once the release's records are interned. The Xrefs belong to the
    // release's records, which outlive add().
    struct XrefRow {
        std::int64_t record_id;
        const char* role;
        std::int64_t seq;
        const Xref* xref;
    };
    static constexpr int xref_columns = 7;
    static constexpr int xref_batch = 64;
    SQLite::Statement record_xref_insert_rows;
    std::vector<XrefRow> pending_xrefs;
    Membership record_members, person_members;
    // Content digest (of the canonical text, see canonical.hpp) -> version id.
    RecentCache<DigestKey, std::int64_t, DigestKeyHash> record_versions, person_versions;
    // Content digest -> version id, of the release before the one being
    // added, when the caches above know nothing of it (a new process).
    DigestMap record_digests, person_digests;
    // Render digest -> version ids (in id order) of the releases beside a
    // CSV being added, where its XML twin most likely is.
    std::unordered_map<DigestKey, std::vector<std::int64_t>, DigestKeyHash> neighbour_renderings;
    std::array<std::int64_t, 2> neighbour_positions{}; // 0: none
    bool neighbours_loaded = false;
    // The first few records of a CSV that need them are looked up one query
    // each (the index leaves few such records); past that, reading all of
    // the neighbours' renderings at once costs less.
    static constexpr int rendering_queries_max = 32;
    int rendering_queries = 0;
    // Render digest -> every stored version id, in id order: read in one
    // pass when a CSV record is not among its neighbours' (one query per
    // record cost more), and kept up to date as versions are added.
    std::unordered_map<DigestKey, std::vector<std::int64_t>, DigestKeyHash> all_renderings;
    bool all_renderings_loaded = false;
    // The records of recent releases by identity: a reader hands out the same
    // object for a record it has read before, byte for byte.
    PreviousVersions<Record> known_records;
    PreviousVersions<Person> known_people;
    // Per record version id: the last release it was placed in (repeats).
    std::vector<std::uint32_t> placed_in;
    std::uint32_t release_stamp = 0;
    // Per record version id: whether a release held its content more than
    // once (as this version and a repeat). Such a version is left out of
    // the index: which repeat an element is takes a reading of the whole.
    std::vector<bool> repeated;

    // What the index of the release added last needs, kept while it is the
    // newest (its elements' keys, versions, and where their references are).
    struct Newest {
        std::string format;
        std::vector<DigestKey> record_keys, person_keys;
        std::vector<std::int64_t> record_ids, person_ids;
        std::vector<RecordPtr> records;
        std::vector<PersonPtr> people;
        std::vector<std::int64_t> record_entries, person_entries;
        std::shared_ptr<const NewestIndex> index;
    };
    std::optional<Newest> newest;

    // The newest release's membership as this store last wrote it; usable
    // while the database's generation is the one we wrote.
    std::int64_t cached_generation = -1;
    std::int64_t cached_last = 0;
    PositionState record_state, person_state;

    explicit Impl(SQLite::Database& d)
        : db(d), get_property(d, sql::statement("property.get")),
          set_property(d, sql::statement("property.set")),
          release_by_sha(d, sql::statement("release.by_sha")),
          release_count(d, sql::statement("release.count")),
          release_position(d, sql::statement("release.position")),
          release_park(d, sql::statement("release.shift_park")),
          release_unpark(d, sql::statement("release.shift_unpark")),
          release_insert(d, sql::statement("release.insert")),
          release_at(d, sql::statement("release.at")),
          span_shift_lo(d, sql::statement("span.shift_lo")),
          span_shift_hi(d, sql::statement("span.shift_hi")),
          record_by_digest(d, sql::statement("record.by_digest")),
          record_insert(d, sql::statement("record.insert")),
          record_identity_of(d, sql::statement("record.identity")),
          record_render_digests(d, sql::statement("record.render_digests")),
          record_render_digests_at(d, sql::statement("record.render_digests_at")),
          record_by_rendering(d, sql::statement("record.by_rendering")),
          record_digests_at(d, sql::statement("record.digests_at")),
          person_digests_at(d, sql::statement("person.digests_at")),
          record_xref_insert(d, sql::statement("record_xref.insert")),
          record_last_id(d, sql::statement("record.last_id")),
          record_fts_insert_new(d, sql::statement("record_fts.insert_new")),
          person_by_digest(d, sql::statement("person.by_digest")),
          person_insert(d, sql::statement("person.insert")),
          person_uri_insert(d, sql::statement("person_uri.insert")),
          meta_by_digest(d, sql::statement("meta.by_digest")),
          meta_insert(d, sql::statement("meta.insert")),
          meta_note_insert(d, sql::statement("meta_note.insert")),
          meta_footnote_insert(d, sql::statement("meta_footnote.insert")),
          meta_xref_insert(d, sql::statement("meta_xref.insert")),
          index_get(d, sql::statement("newest_index.get")),
          index_put(d, sql::statement("newest_index.put")),
          index_hashes(d, sql::statement("newest_index.hashes")),
          index_delete(d, sql::statement("newest_index.delete")),
          record_xref_insert_rows(d, sql::multi_row(sql::statement("record_xref.insert_rows"),
                                                    xref_batch, xref_columns)),
          record_members(d, ItemKind::record), person_members(d, ItemKind::person) {}

    bool already_placed(std::int64_t id) const {
        auto i = static_cast<std::size_t>(id);
        return i < placed_in.size() && placed_in[i] == release_stamp;
    }
    void place(std::int64_t id) {
        auto i = static_cast<std::size_t>(id);
        if (i >= placed_in.size()) placed_in.resize(std::max(i + 1, placed_in.size() * 2));
        placed_in[i] = release_stamp;
    }

    std::int64_t release_total() {
        release_count.executeStep();
        const std::int64_t n = release_count.getColumn(0).getInt64();
        release_count.reset();
        return n;
    }

    // Nothing stored yet. Once a release is in, no release is ever removed.
    bool history_empty() {
        if (!seen_release) {
            seen_release = release_total() > 0;
        }
        return !seen_release;
    }
    bool seen_release = false;

    std::int64_t generation() {
        get_property.bind(1, "generation");
        std::int64_t value = get_property.executeStep() ? get_property.getColumn(0).getInt64() : 0;
        get_property.reset();
        return value;
    }

    std::int64_t lookup(SQLite::Statement& by_digest, const std::string& digest) {
        bind_blob(by_digest, 1, digest);
        std::int64_t id = by_digest.executeStep() ? by_digest.getColumn(0).getInt64() : 0;
        by_digest.reset();
        return id;
    }

    void insert_xrefs(std::int64_t record_id, const char* role, const std::vector<Xref>& xrefs) {
        for (std::size_t i = 0; i < xrefs.size(); ++i)
            pending_xrefs.push_back({record_id, role, static_cast<std::int64_t>(i), &xrefs[i]});
    }

    static void bind_xref(SQLite::Statement& st, int first, const XrefRow& row) {
        st.bind(first, row.record_id);
        st.bind(first + 1, row.role);
        st.bind(first + 2, row.seq);
        st.bind(first + 3, row.xref->type);
        bind_text(st, first + 4, row.xref->data);
        bind_text(st, first + 5, row.xref->text);
        bind_text(st, first + 6, row.xref->section);
    }

    void flush_xrefs() {
        std::size_t i = 0;
        for (; i + xref_batch <= pending_xrefs.size(); i += xref_batch) {
            for (int k = 0; k < xref_batch; ++k)
                bind_xref(record_xref_insert_rows, 1 + k * xref_columns, pending_xrefs[i + k]);
            run(record_xref_insert_rows);
        }
        for (; i < pending_xrefs.size(); ++i) {
            bind_xref(record_xref_insert, 1, pending_xrefs[i]);
            run(record_xref_insert);
        }
        pending_xrefs.clear();
    }

    // A record's 12 published columns and the digest of them.
    struct Rendering {
        Columns columns;
        std::string digest;
    };
    static Rendering rendering_of(const Record& r) {
        Rendering out{render_record(r), {}};
        out.digest = content_digest(canonical_columns(out.columns));
        return out;
    }

    // The version with content digest `digest`: known, or inserted.
    // `rendering`, when the caller has it, saves rendering `r` again.
    std::int64_t intern_record(const Record& r, const std::string& digest,
                               const Rendering* rendering, std::int64_t& created) {
        if (auto id = record_versions.find(digest)) return *id;
        if (auto it = record_digests.find(digest); it != record_digests.end()) {
            record_versions.add(digest, it->second);
            return it->second;
        }
        // Insert, or find the version another release stored before.
        Rendering rendered_here;
        if (!rendering) {
            rendered_here = rendering_of(r);
            rendering = &rendered_here;
        }
        std::string rendered;
        for (const auto& column : rendering->columns)
            rendered += column + "\n";
        auto& st = record_insert;
        bind_blob(st, 1, digest);
        bind_blob(st, 2, rendering->digest);
        bind_text(st, 3, r.name);
        if (r.port) {
            st.bind(4, r.port->low);
            st.bind(5, r.port->high);
        } else {
            st.bind(4);
            st.bind(5);
        }
        bind_text(st, 6, r.transport);
        st.bind(7, r.description);
        bind_text(st, 8, r.reg_date);
        bind_text(st, 9, r.mod_date);
        bind_text(st, 10, r.service_code);
        bind_text(st, 11, r.unauthorized);
        bind_text(st, 12, r.notes);
        st.bind(13, r.has_assignee ? 1 : 0);
        st.bind(14, rendered);
        bind_text(st, 15, r.number);
        bind_text(st, 16, r.layout);
        bind_text(st, 17, r.description_xml);
        bind_text(st, 18, r.notes_xml);
        run(st);
        std::int64_t id = 0;
        if (db.getChanges() == 0) {
            id = lookup(record_by_digest, digest);
        } else {
            id = db.getLastInsertRowid();
            insert_xrefs(id, "own", r.own);
            insert_xrefs(id, "assignee", r.assignee);
            insert_xrefs(id, "description", r.description_xrefs);
            insert_xrefs(id, "note", r.note_xrefs);
            if (all_renderings_loaded) all_renderings[rendering->digest].push_back(id);
            ++created;
        }
        record_versions.add(digest, id);
        return id;
    }

    // The version of a record new to the release being added. A record
    // repeated whole within one release is stored as a version of its own
    // per repeat, so membership stays a set.
    std::int64_t intern_in_release(const Record& r, std::int64_t& created,
                                   const Rendering* rendering = nullptr) {
        auto key = canonical_record(r);
        auto id = intern_record(r, content_digest(key), rendering, created);
        for (int repeat = 1; already_placed(id); ++repeat) {
            mark_repeated(id);
            id = intern_record(r, content_digest(key + "\x1c" + std::to_string(repeat)), rendering,
                               created);
            mark_repeated(id);
        }
        return id;
    }

    void mark_repeated(std::int64_t id) {
        auto i = static_cast<std::size_t>(id);
        if (i >= repeated.size()) repeated.resize(std::max(i + 1, repeated.size() * 2));
        repeated[i] = true;
    }
    bool is_repeated(std::int64_t id) const {
        auto i = static_cast<std::size_t>(id);
        return i < repeated.size() && repeated[i];
    }

    void load_neighbour_renderings() {
        for (auto at : neighbour_positions) {
            if (at < 1) continue;
            for (auto& [digest, id] : load_digests(record_render_digests_at, at))
                neighbour_renderings[digest].push_back(id);
        }
        for (auto& entry : neighbour_renderings)
            std::sort(entry.second.begin(), entry.second.end());
        neighbours_loaded = true;
    }

    // The first of `ids` not placed in this release yet, or 0.
    std::int64_t first_unplaced(const std::vector<std::int64_t>& ids) const {
        for (auto id : ids)
            if (!already_placed(id)) return id;
        return 0;
    }

    // A stored version that renders as `digest` and is not placed in this
    // release yet, or 0: one of the neighbours' first, then any, each by id.
    std::int64_t version_rendering(const std::string& digest) {
        if (!neighbours_loaded && rendering_queries < rendering_queries_max) {
            ++rendering_queries;
            auto& st = record_by_rendering;
            bind_blob(st, 1, digest);
            st.bind(2, neighbour_positions[0]);
            st.bind(3, neighbour_positions[1]);
            std::int64_t id = 0;
            while (!id && st.executeStep())
                if (auto candidate = st.getColumn(0).getInt64(); !already_placed(candidate))
                    id = candidate;
            st.reset();
            return id;
        }
        if (!neighbours_loaded) load_neighbour_renderings();
        if (auto it = neighbour_renderings.find(digest); it != neighbour_renderings.end())
            if (auto id = first_unplaced(it->second)) return id;
        if (!all_renderings_loaded) load_all_renderings();
        if (auto it = all_renderings.find(digest); it != all_renderings.end())
            return first_unplaced(it->second);
        return 0;
    }

    void load_all_renderings() {
        all_renderings.clear();
        while (record_render_digests.executeStep()) {
            const auto& blob = record_render_digests.getColumn(0);
            all_renderings[DigestKey(static_cast<const char*>(blob.getBlob()),
                                     static_cast<std::size_t>(blob.getBytes()))]
                .push_back(record_render_digests.getColumn(1).getInt64());
        }
        record_render_digests.reset();
        all_renderings_loaded = true;
    }

    // A CSV release carries only the 12 published columns: its record is
    // the stored version that renders the same (normally its XML twin's),
    // if there is one not yet placed in this release.
    std::int64_t intern_by_rendering(const Record& r, std::int64_t& created) {
        auto rendering = rendering_of(r);
        // Its own key space: a digest of columns, not of a whole record.
        auto key = content_digest("csv\x1e" + canonical_columns(rendering.columns));
        if (auto id = record_versions.find(key); id && !already_placed(*id)) return *id;
        std::int64_t id = version_rendering(rendering.digest);
        if (!id) id = intern_in_release(r, created, &rendering);
        record_versions.add(key, id);
        return id;
    }

    std::int64_t intern_person(const Person& p) {
        auto digest = content_digest(canonical_person(p));
        if (auto id = person_versions.find(digest)) return *id;
        if (auto it = person_digests.find(digest); it != person_digests.end()) {
            person_versions.add(digest, it->second);
            return it->second;
        }
        bind_blob(person_insert, 1, digest);
        person_insert.bind(2, p.id);
        bind_text(person_insert, 3, p.name);
        bind_text(person_insert, 4, p.org);
        bind_text(person_insert, 5, p.updated);
        bind_text(person_insert, 6, p.layout);
        run(person_insert);
        std::int64_t id = 0;
        if (db.getChanges() == 0) {
            id = lookup(person_by_digest, digest);
        } else {
            id = db.getLastInsertRowid();
            for (std::size_t i = 0; i < p.uris.size(); ++i) {
                person_uri_insert.bind(1, static_cast<std::int64_t>(id));
                person_uri_insert.bind(2, static_cast<std::int64_t>(i));
                person_uri_insert.bind(3, p.uris[i]);
                run(person_uri_insert);
            }
        }
        person_versions.add(digest, id);
        return id;
    }

    void insert_meta_xrefs(std::int64_t meta_id, const char* scope, std::size_t scope_seq,
                           const std::vector<Xref>& xrefs) {
        for (std::size_t i = 0; i < xrefs.size(); ++i) {
            auto& st = meta_xref_insert;
            st.bind(1, static_cast<std::int64_t>(meta_id));
            st.bind(2, scope);
            st.bind(3, static_cast<std::int64_t>(scope_seq));
            st.bind(4, static_cast<std::int64_t>(i));
            st.bind(5, xrefs[i].type);
            bind_text(st, 6, xrefs[i].data);
            bind_text(st, 7, xrefs[i].text);
            bind_text(st, 8, xrefs[i].section);
            run(st);
        }
    }

    std::int64_t intern_meta(const RegistryMeta& m) {
        auto digest = content_digest(canonical_meta(m));
        if (auto id = lookup(meta_by_digest, digest)) return id;
        bind_blob(meta_insert, 1, digest);
        meta_insert.bind(2, m.title);
        meta_insert.bind(3, m.category);
        meta_insert.bind(4, m.expert);
        run(meta_insert);
        std::int64_t id = db.getLastInsertRowid();
        insert_meta_xrefs(id, "registry", 0, m.xrefs);
        for (std::size_t i = 0; i < m.notes.size(); ++i) {
            meta_note_insert.bind(1, static_cast<std::int64_t>(id));
            meta_note_insert.bind(2, static_cast<std::int64_t>(i));
            if (m.notes[i].title)
                meta_note_insert.bind(3, *m.notes[i].title);
            else
                meta_note_insert.bind(3);
            meta_note_insert.bind(4, m.notes[i].text);
            bind_text(meta_note_insert, 5, m.notes[i].xml);
            run(meta_note_insert);
            insert_meta_xrefs(id, "note", i, m.notes[i].xrefs);
        }
        for (std::size_t i = 0; i < m.footnotes.size(); ++i) {
            meta_footnote_insert.bind(1, static_cast<std::int64_t>(id));
            meta_footnote_insert.bind(2, static_cast<std::int64_t>(i));
            meta_footnote_insert.bind(3, m.footnotes[i].anchor);
            meta_footnote_insert.bind(4, m.footnotes[i].text);
            bind_text(meta_footnote_insert, 5, m.footnotes[i].xml);
            run(meta_footnote_insert);
            insert_meta_xrefs(id, "footnote", i, m.footnotes[i].xrefs);
        }
        return id;
    }

    static DigestMap load_digests(SQLite::Statement& st, std::int64_t position) {
        DigestMap out;
        st.bind(1, static_cast<std::int64_t>(position));
        while (st.executeStep()) {
            const auto& blob = st.getColumn(0);
            out.emplace(DigestKey(static_cast<const char*>(blob.getBlob()),
                                  static_cast<std::size_t>(blob.getBytes())),
                        st.getColumn(1).getInt64());
        }
        st.reset();
        return out;
    }

    // Frees position p by moving every later release and span bound up one.
    void make_room(std::int64_t p) {
        release_park.bind(1, static_cast<std::int64_t>(p));
        run(release_park);
        run(release_unpark);
        // hi before lo, so that no span is ever seen with lo > hi.
        span_shift_hi.bind(1, static_cast<std::int64_t>(p));
        run(span_shift_hi);
        span_shift_lo.bind(1, static_cast<std::int64_t>(p));
        run(span_shift_lo);
    }

    std::string stored_identity(std::int64_t id) {
        record_identity_of.bind(1, static_cast<std::int64_t>(id));
        std::string key;
        if (record_identity_of.executeStep()) key = record_identity_of.getColumn(0).getString();
        record_identity_of.reset();
        return key;
    }

    std::optional<ImportResult> find(const std::string& sha256) {
        auto& st = release_by_sha;
        st.bind(1, sha256);
        std::optional<ImportResult> found;
        if (st.executeStep()) {
            found.emplace();
            found->already_present = true;
            found->sha256 = sha256;
            found->registry_date = st.getColumn(1).getString();
            found->records = st.getColumn(3).getInt64();
            found->people = st.getColumn(4).getInt64();
        }
        st.reset();
        return found;
    }

    ImportResult add(const Release& release, bool keep_index);
    std::shared_ptr<const NewestIndex> load_index(const std::string& format);
    void save_index();
    // The index of the release in `newest`, as of generation `gen`.
    void write_index(std::int64_t gen, std::int64_t position);

    static bool handed_out(const Release& release);

    void prepare() {
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::DEFERRED);
        const std::int64_t gen = generation();
        const std::int64_t count = release_total();
        if ((gen == cached_generation && count == cached_last) || count == 0) return;
        record_digests = load_digests(record_digests_at, count);
        person_digests = load_digests(person_digests_at, count);
        record_state = record_members.load(count);
        person_state = person_members.load(count);
        cached_generation = gen;
        cached_last = count;
        tx.commit();
    }
};

ImportResult HistoryStore::Impl::add(const Release& release, bool keep_index) {
    ImportResult result;
    result.registry_date = release.registry_date;
    result.sha256 = release.sha256;
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);

    // Checked inside the transaction: another importer may have added it.
    if (auto known = find(release.sha256)) return *known;

    const std::int64_t gen = generation();
    const std::int64_t count = release_total();
    release_position.bind(1, release.registry_date);
    release_position.bind(2, release.captured);
    release_position.bind(3, release.sha256);
    release_position.bind(4, release.format);
    release_position.executeStep();
    const std::int64_t p = release_position.getColumn(0).getInt64();
    release_position.reset();
    const std::int64_t last = count + 1;
    // A CSV's record is the version of its neighbours that renders the
    // same: the index hands out the right one only when its release is the
    // one right before this release.
    if (release.format == "csv" && handed_out(release) &&
        (p != last || release.index->generation != gen || release.index->position != count))
        throw IndexNotApplicable();
    if (p < last) make_room(p);

    const bool cache_ok = gen == cached_generation && p == last && cached_last == count;
    // Without a warm cache, recognize the versions of the release before
    // by their digests rather than one query each.
    if (!cache_ok) {
        record_digests.clear();
        person_digests.clear();
        if (p > 1) {
            record_digests = load_digests(record_digests_at, p - 1);
            person_digests = load_digests(person_digests_at, p - 1);
        }
    }
    neighbour_renderings.clear();
    neighbours_loaded = false;
    rendering_queries = 0;
    neighbour_positions = {p - 1, p + 1 <= last ? p + 1 : 0};
    all_renderings.clear();
    all_renderings_loaded = false;

    // Record versions get increasing ids: those above this one are new.
    record_last_id.executeStep();
    const std::int64_t last_record_id = record_last_id.getColumn(0).getInt64();
    record_last_id.reset();

    std::optional<std::int64_t> meta_id;
    if (release.meta) meta_id = intern_meta(*release.meta);

    std::vector<std::int64_t> record_ids;
    record_ids.reserve(release.records.size());
    ++release_stamp;
    const bool by_rendering = release.format == "csv";
    // Records not repeated from the release added before, by id: the ones
    // that can be new to this release.
    std::unordered_map<std::int64_t, std::size_t> fresh;
    for (std::size_t i = 0; i < release.records.size(); ++i) {
        const auto& r = release.records[i];
        if (!r) { // handed out from the index: a version stored already
            const auto& entry =
                release.index->records[static_cast<std::size_t>(release.record_entries[i])];
            if (already_placed(entry.version)) throw IndexNotApplicable();
            place(entry.version);
            record_ids.push_back(entry.version);
            continue;
        }
        std::int64_t id = known_records.match(r);
        if (id && already_placed(id)) id = 0;
        if (!id) {
            id = by_rendering ? intern_by_rendering(*r, result.new_record_versions)
                              : intern_in_release(*r, result.new_record_versions);
            fresh.emplace(id, i);
        }
        place(id);
        known_records.add(r, id);
        record_ids.push_back(id);
    }
    std::vector<std::int64_t> person_ids;
    person_ids.reserve(release.people.size());
    for (std::size_t i = 0; i < release.people.size(); ++i) {
        const auto& person = release.people[i];
        if (!person) {
            person_ids.push_back(
                release.index->people[static_cast<std::size_t>(release.person_entries[i])].version);
            continue;
        }
        std::int64_t id = known_people.match(person);
        if (!id) id = intern_person(*person);
        known_people.add(person, id);
        person_ids.push_back(id);
    }

    flush_xrefs();
    // The full-text index of the new versions, in one statement rather
    // than one per version.
    if (result.new_record_versions > 0) {
        record_fts_insert_new.bind(1, last_record_id);
        run(record_fts_insert_new);
    }

    auto record_change =
        record_members.insert(p, last, record_ids, cache_ok ? &record_state : nullptr);
    person_members.insert(p, last, person_ids, cache_ok ? &person_state : nullptr);

    auto& ins = release_insert;
    ins.bind(1, release.sha256);
    ins.bind(2, release.registry_date);
    ins.bind(3, release.captured);
    ins.bind(4, static_cast<std::int64_t>(p));
    ins.bind(5, release.format);
    ins.bind(6, release.source);
    ins.bind(7, utc_now());
    if (meta_id)
        ins.bind(8, static_cast<std::int64_t>(*meta_id));
    else
        ins.bind(8);
    ins.bind(9, static_cast<std::int64_t>(release.records.size()));
    ins.bind(10, static_cast<std::int64_t>(release.people.size()));
    run(ins);

    result.records = static_cast<std::int64_t>(release.records.size());
    result.people = static_cast<std::int64_t>(release.people.size());
    if (record_change.has_previous) {
        release_at.bind(1, static_cast<std::int64_t>(p - 1));
        if (release_at.executeStep())
            result.previous = ReleaseRef{release_at.getColumn(0).getString(),
                                         release_at.getColumn(1).getString()};
        release_at.reset();
        std::unordered_map<std::string, int> removed_keys;
        for (auto id : record_change.removed)
            ++removed_keys[stored_identity(id)];
        for (auto id : record_change.added) {
            auto it = fresh.find(id);
            auto at =
                it != fresh.end()
                    ? it->second
                    : static_cast<std::size_t>(std::find(record_ids.begin(), record_ids.end(), id) -
                                               record_ids.begin());
            const auto* r = at < release.records.size() ? release.records[at].get() : nullptr;
            // One the index handed out is read back.
            auto key = r ? record_identity(*r) : stored_identity(id);
            if (auto it = removed_keys.find(key); it != removed_keys.end() && it->second > 0) {
                --it->second;
                ++result.records_changed;
            }
        }
        result.records_added =
            static_cast<std::int64_t>(record_change.added.size()) - result.records_changed;
        result.records_removed =
            static_cast<std::int64_t>(record_change.removed.size()) - result.records_changed;
    }

    set_property.bind(1, "generation");
    set_property.bind(2, std::to_string(gen + 1));
    run(set_property);
    newest.reset();
    if (p == last) {
        record_state = record_members.take_state();
        person_state = person_members.take_state();
        if (release.record_keys.size() == release.records.size() &&
            release.person_keys.size() == release.people.size() && !release.records.empty())
            newest = Newest{release.format,        release.record_keys,    release.person_keys,
                            std::move(record_ids), std::move(person_ids),  release.records,
                            release.people,        release.record_entries, release.person_entries,
                            release.index};
        // In this transaction: one commit fewer, and a first release's
        // index is written once, with it, rather than through the WAL.
        if (keep_index) write_index(gen + 1, last);
    }
    tx.commit();

    // From here on the caches above know the versions of this release.
    record_digests.clear();
    person_digests.clear();
    record_versions.next_release();
    person_versions.next_release();
    known_records.next_release();
    known_people.next_release();
    if (p == last) {
        cached_generation = gen + 1;
        cached_last = last;
    } else {
        cached_generation = -1;
    }
    return result;
}

std::shared_ptr<const NewestIndex> HistoryStore::Impl::load_index(const std::string& format) {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::DEFERRED);
    const std::int64_t gen = generation();
    const std::int64_t count = release_total();
    std::string head, chunk;
    auto read = [&](std::int64_t hash, std::string& out) {
        index_get.bind(1, hash);
        out.clear();
        if (index_get.executeStep()) {
            const auto& data = index_get.getColumn(0);
            out.assign(static_cast<const char*>(data.getBlob()),
                       static_cast<std::size_t>(data.getBytes()));
        }
        index_get.reset();
        return std::string_view(out);
    };
    // The chunks are read only for an index of use: of the format wanted,
    // and written since the last release was added.
    std::optional<NewestIndex> index;
    std::optional<NewestIndex::HeadInfo> info;
    if (count > 0 && !read(0, head).empty()) info = NewestIndex::head_info(head);
    if (info && (format.empty() || info->format == format) && info->generation == gen &&
        info->position == count)
        index = NewestIndex::decode(head, [&](std::int64_t hash) { return read(hash, chunk); });
    tx.commit();
    if (!index) return nullptr;
    auto state_of = [](const std::vector<IndexedElement>& entries) {
        PositionState state;
        std::int64_t max_version = 0;
        for (const auto& e : entries)
            max_version = std::max(max_version, e.version);
        state.reserve(max_version, entries.size());
        for (const auto& e : entries)
            state.set(e.version, SpanRow{e.span_rowid, e.span_lo, open_span, e.ord});
        return state;
    };
    record_state = state_of(index->records);
    person_state = state_of(index->people);
    record_digests.clear();
    person_digests.clear();
    cached_generation = gen;
    cached_last = count;
    return std::make_shared<const NewestIndex>(std::move(*index));
}

void HistoryStore::Impl::save_index() {
    if (!newest) return;
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    const std::int64_t gen = generation();
    if (gen != cached_generation || release_total() != cached_last) return;
    write_index(gen, cached_last);
    tx.commit();
}

void HistoryStore::Impl::write_index(std::int64_t gen, std::int64_t position) {
    if (!newest) return;
    const Newest& n = *newest;
    NewestIndex index;
    index.format = n.format;
    index.generation = gen;
    index.position = position;
    auto entry = [](std::int64_t id, const PositionState& state) {
        IndexedElement e;
        e.version = id;
        const SpanRow* span = state.find(id);
        if (!span) throw std::logic_error("newest index: a version without its span");
        e.span_rowid = span->rowid;
        e.span_lo = span->lo;
        e.ord = span->ord;
        return e;
    };
    // The texts of the entries an index handed out are taken over whole.
    if (n.index) index.share_texts(*n.index);
    index.records.reserve(n.record_ids.size());
    for (std::size_t i = 0; i < n.record_ids.size(); ++i) {
        auto e = entry(n.record_ids[i], record_state);
        // Left without a key, it is never handed out, but its span counts.
        if (!is_repeated(e.version)) e.key = n.record_keys[i];
        e.refs = n.records[i]
                     ? index.add_text(index_text(*n.records[i], n.format))
                     : n.index->records[static_cast<std::size_t>(n.record_entries[i])].refs;
        index.records.push_back(std::move(e));
    }
    index.people.reserve(n.person_ids.size());
    for (std::size_t i = 0; i < n.person_ids.size(); ++i) {
        auto e = entry(n.person_ids[i], person_state);
        e.key = n.person_keys[i];
        e.refs = n.people[i] ? index.add_text(n.people[i]->id)
                             : n.index->people[static_cast<std::size_t>(n.person_entries[i])].refs;
        index.people.push_back(std::move(e));
    }
    // Only the chunks that differ from those stored are written; those the
    // index handed out from repeats are not even encoded again.
    std::unordered_set<std::int64_t> stored;
    while (index_hashes.executeStep())
        stored.insert(index_hashes.getColumn(0).getInt64());
    index_hashes.reset();
    auto encoded = index.encode(n.index.get());
    for (const auto& [hash, data] : encoded.chunks)
        if (data.empty() && !stored.count(hash)) { // not as it was decoded: damage, or a bug
            encoded = index.encode();
            break;
        }
    auto put = [&](std::int64_t hash, const std::string& data) {
        index_put.bind(1, hash);
        index_put.bind(2, data.data(), static_cast<int>(data.size()));
        run(index_put);
    };
    for (const auto& [hash, data] : encoded.chunks)
        if (stored.erase(hash) == 0) put(hash, data);
    for (auto hash : stored) {
        index_delete.bind(1, hash);
        run(index_delete);
    }
    put(0, encoded.head);
    newest.reset();
}

bool HistoryStore::Impl::handed_out(const Release& release) {
    auto any = [](const std::vector<std::int64_t>& entries) {
        return std::any_of(entries.begin(), entries.end(), [](auto e) { return e >= 0; });
    };
    return any(release.record_entries) || any(release.person_entries);
}

// After a failure: the caches may name versions whose transaction rolled
// back, and statements may be left mid-step.
void HistoryStore::start_afresh() {
    auto& db = impl_->db;
    impl_ = std::make_unique<Impl>(db);
}

template <typename Work> auto HistoryStore::afresh_after_failure(Work work) {
    try {
        return work();
    } catch (...) {
        start_afresh();
        throw;
    }
}

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
    SQLite::Statement st(impl_->db, sql::statement("release.with_date"));
    st.bind(1, registry_date);
    return st.executeStep();
}

std::optional<ImportResult> HistoryStore::find(const std::string& sha256) {
    return impl_->find(sha256);
}

HistoryStore::HistoryStore(SQLite::Database& db) : impl_(std::make_unique<Impl>(db)) {}
HistoryStore::~HistoryStore() = default;

ImportResult HistoryStore::add(const Release& release, bool keep_index) {
    auto& db = impl_->db;
    // The first release written to a database adds nothing but new pages. A
    // rollback journal writes those once; WAL writes them twice, into the
    // log and back at the checkpoint. So it is written in rollback mode
    // (unless another connection has the file open: then the switch fails
    // at once and it is written in WAL mode).
    if (impl_->history_empty()) try_journal_mode(db, "delete");
    try {
        auto result = impl_->add(release, keep_index);
        // WAL again, for readers beside later imports: tried after every
        // release, as another connection that has the file open makes the
        // switch fail.
        try_journal_mode(db, "wal");
        return result;
    } catch (...) {
        start_afresh();
        try_journal_mode(db, "wal");
        throw;
    }
}

} // namespace portreg
