#pragma once
// Comparing releases as the store gives them back.

#include "portreg/newest_index.hpp"
#include "portreg/read_release.hpp"
#include "portreg/release.hpp"
#include "portreg/render.hpp"
#include "portreg/snapshot_reader.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

namespace portreg::test {

inline std::vector<Columns> rendered(const std::vector<RecordPtr>& records) {
    std::vector<Columns> out;
    out.reserve(records.size());
    for (const auto& r : records)
        out.push_back(render_record(*r));
    return out;
}

using PersonRow = std::tuple<std::string, std::string, std::string, std::vector<std::string>,
                             std::string, std::string>;

inline std::vector<PersonRow> person_rows(const std::vector<PersonPtr>& people) {
    std::vector<PersonRow> out;
    out.reserve(people.size());
    for (const auto& p : people)
        out.emplace_back(p->id, p->name, p->org, p->uris, p->updated, p->layout);
    return out;
}

// Everything of a record, not only what renders.
inline std::string full(const Record& r) {
    std::string s =
        r.name + "|" + r.transport + "|" + r.description + "|" + r.notes + "|" +
        (r.has_assignee ? "A" : "-") + "|" + r.reg_date + "|" + r.mod_date + "|" + r.service_code +
        "|" + r.unauthorized + "|" + r.number + "|" +
        (r.port ? std::to_string(r.port->low) + "-" + std::to_string(r.port->high) : "") + "|" +
        r.layout + "|" + r.description_xml + "|" + r.notes_xml;
    for (const auto* list : {&r.own, &r.assignee, &r.description_xrefs, &r.note_xrefs}) {
        s += "|";
        for (const auto& x : *list)
            s += x.type + "," + x.data + "," + x.text + "," + x.section + ";";
    }
    return s;
}

inline std::vector<std::string> full_records(const std::vector<RecordPtr>& records) {
    std::vector<std::string> out;
    for (const auto& r : records)
        out.push_back(full(*r));
    return out;
}

// Every row of every table but the index, and no import or creation times:
// what two ways of importing the same releases must agree on.
inline std::vector<std::string> all_rows(SQLite::Database& db) {
    std::vector<std::string> rows;
    SQLite::Statement tables(db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name "
                                 "NOT LIKE 'record_fts%' AND name <> 'newest_index' ORDER BY name");
    while (tables.executeStep()) {
        const auto table = tables.getColumn(0).getString();
        SQLite::Statement st(db, "SELECT * FROM " + table);
        while (st.executeStep()) {
            std::string row = table;
            for (int c = 0; c < st.getColumnCount(); ++c)
                row += "|" + (std::string(st.getColumnName(c)) == "imported_at"
                                  ? std::string()
                                  : st.getColumn(c).getString());
            // Two databases made a second apart differ there only.
            if (row.rfind("properties|created|", 0) == 0) row = "properties|created|";
            rows.push_back(row);
        }
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

// The spans of the newest release, as the index has them and as stored.
inline std::vector<std::string> index_spans(const NewestIndex& index) {
    std::vector<std::string> out;
    for (int kind : {0, 1})
        for (const auto& e : kind == 0 ? index.records : index.people)
            out.push_back(std::to_string(kind) + " " + std::to_string(e.version) + " " +
                          std::to_string(e.span_rowid) + " " + std::to_string(e.span_lo) + " " +
                          e.ord);
    std::sort(out.begin(), out.end());
    return out;
}

inline std::vector<std::string> newest_spans(SQLite::Database& db) {
    std::vector<std::string> out;
    SQLite::Statement st(db, "SELECT kind || ' ' || item || ' ' || rowid || ' ' || lo || ' ' || "
                             "ord FROM span WHERE hi = 2147483647");
    while (st.executeStep())
        out.push_back(st.getColumn(0).getString());
    std::sort(out.begin(), out.end());
    return out;
}

// The entry an element was handed out as; -1 where it was read.
template <typename T> std::int64_t entry_of(const ReadElement<T>& element) {
    const auto* handed_out = std::get_if<HandedOut>(&element);
    return handed_out ? static_cast<std::int64_t>(handed_out->entry) : -1;
}

// The records of a release read with an index, none handed out.
inline std::vector<RecordPtr> read_records(const ReadRelease& release) {
    std::vector<RecordPtr> out;
    for (const auto& e : release.records)
        out.push_back(std::get<RecordPtr>(e));
    return out;
}

inline std::vector<PersonPtr> read_people(const ReadRelease& release) {
    std::vector<PersonPtr> out;
    for (const auto& e : release.people)
        out.push_back(std::get<PersonPtr>(e));
    return out;
}

// The index of `release` (as read: it has the keys of its elements or rows)
// as a store would keep it, with records and people numbered as versions
// from 1 in published order and no spans: what a reader of the release
// after it is given.
inline std::shared_ptr<const NewestIndex> index_of(const ReadRelease& release) {
    auto index = std::make_shared<NewestIndex>();
    index->format = release.format;
    const auto records = read_records(release);
    for (std::size_t i = 0; i < records.size(); ++i) {
        IndexedElement e;
        e.key = release.record_keys.at(i);
        e.version = static_cast<std::int64_t>(i + 1);
        e.refs = index->add_text(index_text(*records[i], release.format));
        index->records.push_back(e);
    }
    const auto people = read_people(release);
    for (std::size_t i = 0; i < people.size(); ++i) {
        IndexedElement e;
        e.key = release.person_keys.at(i);
        e.version = static_cast<std::int64_t>(i + 1);
        e.refs = index->add_text(people[i]->id);
        index->people.push_back(e);
    }
    index->build_lookup();
    return index;
}

// The elements of `read`, a release read with index_of(`before`), with
// those the index handed out taken from `before`.
template <typename T>
std::vector<std::shared_ptr<const T>> resolved(const std::vector<ReadElement<T>>& read,
                                               const std::vector<ReadElement<T>>& before) {
    std::vector<std::shared_ptr<const T>> out;
    for (const auto& e : read) {
        if (const auto* handed_out = std::get_if<HandedOut>(&e))
            out.push_back(std::get<std::shared_ptr<const T>>(before.at(handed_out->entry)));
        else
            out.push_back(std::get<std::shared_ptr<const T>>(e));
    }
    return out;
}

inline std::vector<RecordPtr> resolved_records(const ReadRelease& read, const ReadRelease& before) {
    return resolved(read.records, before.records);
}

inline std::vector<PersonPtr> resolved_people(const ReadRelease& read, const ReadRelease& before) {
    return resolved(read.people, before.people);
}

} // namespace portreg::test
