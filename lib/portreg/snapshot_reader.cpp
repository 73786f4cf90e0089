#include "portreg/snapshot_reader.hpp"

#include "portreg/embedded_sql.hpp"

#include <SQLiteCpp/Statement.h>

#include <unordered_map>

namespace portreg {

namespace {

std::string text(const SQLite::Column& c) {
    return c.isNull() ? std::string() : c.getString();
}

Xref xref_at(SQLite::Statement& st, int first) {
    return Xref{text(st.getColumn(first)), text(st.getColumn(first + 1)),
                text(st.getColumn(first + 2)), text(st.getColumn(first + 3))};
}

} // namespace

namespace {

ReleaseInfo release_info(SQLite::Statement& st) {
    ReleaseInfo r;
    r.id = st.getColumn(0).getInt64();
    r.seq = st.getColumn(1).getInt64();
    r.registry_date = text(st.getColumn(2));
    r.sha256 = text(st.getColumn(3));
    r.captured = text(st.getColumn(4));
    r.format = text(st.getColumn(5));
    r.source = text(st.getColumn(6));
    r.imported_at = text(st.getColumn(7));
    if (!st.getColumn(8).isNull()) r.meta_id = st.getColumn(8).getInt64();
    r.record_count = st.getColumn(9).getInt64();
    r.people_count = st.getColumn(10).getInt64();
    return r;
}

} // namespace

std::vector<ReleaseInfo> SnapshotReader::releases() {
    std::vector<ReleaseInfo> out;
    SQLite::Statement st(db_, sql::statement("snapshot.releases"));
    while (st.executeStep())
        out.push_back(release_info(st));
    return out;
}

std::optional<ReleaseInfo> SnapshotReader::release_at(std::int64_t seq) {
    SQLite::Statement st(db_, sql::statement("snapshot.release_at"));
    st.bind(1, seq);
    if (!st.executeStep()) return std::nullopt;
    return release_info(st);
}

namespace {

// Reads record rows (the columns of snapshot.records) and then their
// references (the columns of snapshot.record_xrefs).
std::vector<RecordPtr> load_records(SQLite::Statement& st, SQLite::Statement& xs) {
    std::vector<std::shared_ptr<Record>> out;
    std::unordered_map<std::int64_t, std::size_t> index;
    while (st.executeStep()) {
        auto rp = std::make_shared<Record>();
        auto& r = *rp;
        r.name = text(st.getColumn(1));
        if (!st.getColumn(2).isNull())
            r.port = PortRange{st.getColumn(2).getInt(), st.getColumn(3).getInt()};
        r.transport = text(st.getColumn(4));
        r.description = text(st.getColumn(5));
        r.reg_date = text(st.getColumn(6));
        r.mod_date = text(st.getColumn(7));
        r.service_code = text(st.getColumn(8));
        r.unauthorized = text(st.getColumn(9));
        r.notes = text(st.getColumn(10));
        r.has_assignee = st.getColumn(11).getInt() != 0;
        r.number = text(st.getColumn(12));
        r.layout = text(st.getColumn(13));
        r.description_xml = text(st.getColumn(14));
        r.notes_xml = text(st.getColumn(15));
        index.emplace(st.getColumn(0).getInt64(), out.size());
        out.push_back(std::move(rp));
    }
    while (xs.executeStep()) {
        auto at = index.find(xs.getColumn(0).getInt64());
        if (at == index.end()) continue;
        auto& r = *out[at->second];
        std::string role = xs.getColumn(1).getString();
        auto x = xref_at(xs, 2);
        if (role == "own")
            r.own.push_back(std::move(x));
        else if (role == "assignee")
            r.assignee.push_back(std::move(x));
        else if (role == "description")
            r.description_xrefs.push_back(std::move(x));
        else
            r.note_xrefs.push_back(std::move(x));
    }
    return {out.begin(), out.end()};
}

std::string json_ids(const std::vector<std::int64_t>& ids) {
    std::string out = "[";
    for (auto id : ids)
        out += (out.size() > 1 ? "," : "") + std::to_string(id);
    return out + "]";
}

} // namespace

std::vector<RecordPtr> SnapshotReader::records(std::int64_t seq) {
    SQLite::Statement st(db_, sql::statement("snapshot.records"));
    st.bind(1, seq);
    SQLite::Statement xs(db_, sql::statement("snapshot.record_xrefs"));
    xs.bind(1, seq);
    return load_records(st, xs);
}

std::vector<RecordPtr> SnapshotReader::records(std::int64_t seq,
                                               const std::vector<std::int64_t>& ids) {
    if (ids.empty()) return {};
    auto list = json_ids(ids);
    SQLite::Statement st(db_, sql::statement("snapshot.records_in"));
    st.bind(1, seq);
    st.bind(2, list);
    SQLite::Statement xs(db_, sql::statement("snapshot.record_xrefs_in"));
    xs.bind(1, list);
    return load_records(st, xs);
}

std::vector<RecordPtr> SnapshotReader::records_listed(const std::vector<std::int64_t>& ids) {
    if (ids.empty()) return {};
    auto list = json_ids(ids);
    SQLite::Statement st(db_, sql::statement("snapshot.records_listed"));
    st.bind(1, list);
    SQLite::Statement xs(db_, sql::statement("snapshot.record_xrefs_in"));
    xs.bind(1, list);
    return load_records(st, xs);
}

namespace {

// Reads person rows (the columns of snapshot.people) and then their URIs
// (the columns of snapshot.person_uris).
std::vector<PersonPtr> load_people(SQLite::Statement& st, SQLite::Statement& us) {
    std::vector<std::shared_ptr<Person>> out;
    std::unordered_map<std::int64_t, std::size_t> index;
    while (st.executeStep()) {
        auto pp = std::make_shared<Person>();
        auto& p = *pp;
        p.id = text(st.getColumn(1));
        p.name = text(st.getColumn(2));
        p.org = text(st.getColumn(3));
        p.updated = text(st.getColumn(4));
        p.layout = text(st.getColumn(5));
        index.emplace(st.getColumn(0).getInt64(), out.size());
        out.push_back(std::move(pp));
    }
    while (us.executeStep())
        out[index.at(us.getColumn(0).getInt64())]->uris.push_back(us.getColumn(1).getString());
    return {out.begin(), out.end()};
}

} // namespace

std::vector<PersonPtr> SnapshotReader::people(std::int64_t seq) {
    SQLite::Statement st(db_, sql::statement("snapshot.people"));
    st.bind(1, static_cast<std::int64_t>(seq));
    SQLite::Statement us(db_, sql::statement("snapshot.person_uris"));
    us.bind(1, static_cast<std::int64_t>(seq));
    return load_people(st, us);
}

std::vector<PersonPtr> SnapshotReader::people_listed(const std::vector<std::int64_t>& ids) {
    if (ids.empty()) return {};
    auto list = json_ids(ids);
    SQLite::Statement st(db_, sql::statement("snapshot.people_listed"));
    st.bind(1, list);
    SQLite::Statement us(db_, sql::statement("snapshot.person_uris_listed"));
    us.bind(1, list);
    return load_people(st, us);
}

RegistryMeta SnapshotReader::meta(std::int64_t meta_id) {
    RegistryMeta m;
    SQLite::Statement st(db_, sql::statement("snapshot.meta"));
    st.bind(1, static_cast<std::int64_t>(meta_id));
    if (st.executeStep()) {
        m.title = text(st.getColumn(0));
        m.category = text(st.getColumn(1));
        m.expert = text(st.getColumn(2));
    }
    SQLite::Statement ns(db_, sql::statement("snapshot.meta_notes"));
    ns.bind(1, static_cast<std::int64_t>(meta_id));
    while (ns.executeStep()) {
        RegistryNote note;
        if (!ns.getColumn(0).isNull()) note.title = ns.getColumn(0).getString();
        note.text = text(ns.getColumn(1));
        note.xml = text(ns.getColumn(2));
        m.notes.push_back(std::move(note));
    }
    SQLite::Statement fs(db_, sql::statement("snapshot.meta_footnotes"));
    fs.bind(1, static_cast<std::int64_t>(meta_id));
    while (fs.executeStep())
        m.footnotes.push_back(
            {text(fs.getColumn(0)), text(fs.getColumn(1)), text(fs.getColumn(2)), {}});
    SQLite::Statement xs(db_, sql::statement("snapshot.meta_xrefs"));
    xs.bind(1, static_cast<std::int64_t>(meta_id));
    while (xs.executeStep()) {
        std::string scope = xs.getColumn(0).getString();
        auto at = static_cast<std::size_t>(xs.getColumn(1).getInt64());
        auto x = xref_at(xs, 2);
        if (scope == "registry")
            m.xrefs.push_back(std::move(x));
        else if (scope == "note")
            m.notes.at(at).xrefs.push_back(std::move(x));
        else
            m.footnotes.at(at).xrefs.push_back(std::move(x));
    }
    return m;
}

Release SnapshotReader::release(const ReleaseInfo& info) {
    Release r;
    r.registry_date = info.registry_date;
    r.sha256 = info.sha256;
    r.format = info.format;
    r.source = info.source;
    r.captured = info.captured;
    if (info.meta_id) r.meta = meta(*info.meta_id);
    r.records = records(info.seq);
    r.people = people(info.seq);
    return r;
}

} // namespace portreg
