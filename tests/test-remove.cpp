// Removing a release (portreg-import --remove): the history is then what it
// would be had the release never been added.

#include "release_reader.hpp"
#include "remove_command.hpp"
#include "store_support.hpp"
#include "support.hpp"
#include "xml_reader.hpp"

#include "portreg/database.hpp"
#include "portreg/digest.hpp"
#include "portreg/history_store.hpp"
#include "portreg/release_name.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

using namespace portreg;

namespace {

// The columns that hold row ids, which differ between two databases that
// answer alike.
const std::set<std::string> id_columns = {"id", "record_id", "person_version", "meta_id"};

// Every row `sql` gives, its columns but the ids joined, sorted.
std::vector<std::string> rows(SQLite::Database& db, const std::string& sql) {
    std::vector<std::string> out;
    SQLite::Statement st(db, sql);
    while (st.executeStep()) {
        std::string row;
        for (int c = 0; c < st.getColumnCount(); ++c)
            if (!id_columns.count(st.getColumnName(c)))
                row += "|" + (st.getColumn(c).isNull() ? "NULL" : st.getColumn(c).getString());
        out.push_back(row);
    }
    std::sort(out.begin(), out.end());
    return out;
}

// For each release in history order, the content digests of the versions
// it holds in published order, records then people, hashed; spans read
// once (a query per release sorts every member again).
std::vector<std::string> members(SQLite::Database& db) {
    struct Member {
        std::int64_t lo, hi;
        std::string ord, digest;
    };
    std::vector<Member> spans[2];
    SQLite::Statement st(db, "SELECT s.kind, s.lo, s.hi, s.ord, coalesce(r.digest, p.digest, "
                             "'no version') FROM span s LEFT JOIN record r ON s.kind = 0 AND "
                             "r.id = s.item LEFT JOIN person p ON s.kind = 1 AND p.id = s.item");
    while (st.executeStep())
        spans[st.getColumn(0).getInt()].push_back(
            {st.getColumn(1).getInt64(), st.getColumn(2).getInt64(), st.getColumn(3).getString(),
             st.getColumn(4).getString()});
    std::vector<std::string> out;
    const auto count = db.execAndGet("SELECT count(*) FROM release").getInt64();
    for (std::int64_t seq = 1; seq <= count; ++seq) {
        std::string line;
        for (const auto& kind : spans) {
            std::vector<const Member*> held;
            for (const auto& m : kind)
                if (m.lo <= seq && m.hi >= seq) held.push_back(&m);
            std::sort(held.begin(), held.end(),
                      [](const Member* a, const Member* b) { return a->ord < b->ord; });
            std::string digests;
            for (std::size_t i = 0; i < held.size(); ++i) {
                // Order keys within a release are unique.
                if (i > 0 && held[i - 1]->ord == held[i]->ord) digests += "same order key";
                digests += held[i]->digest;
            }
            line += "|" + std::to_string(held.size()) + " " + to_hex(sha256(digests));
        }
        out.push_back(line);
    }
    return out;
}

// What every query sees, without row ids or order keys: the releases in
// history order with the versions each holds in published order (by their
// content digests), every version's content with its references, URIs,
// notes and footnotes, and the words of the full-text index with their
// counts. Two databases that answer every query alike give the same.
std::vector<std::string> answers(SQLite::Database& db) {
    auto out = members(db);
    SQLite::Statement releases(db, "SELECT r.seq, r.registry_date, r.sha256, r.captured, "
                                   "r.format, r.source, r.record_count, r.people_count, "
                                   "hex(m.digest) FROM release r LEFT JOIN registry_meta m ON "
                                   "m.id = r.meta_id ORDER BY r.seq");
    for (std::size_t i = 0; releases.executeStep(); ++i) {
        std::string line = "release";
        for (int c = 0; c < releases.getColumnCount(); ++c)
            line += "|" + releases.getColumn(c).getString();
        out.at(i) = line + out.at(i);
    }
    db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_words USING "
            "fts5vocab(main, record_fts, 'row')");
    for (const char* sql :
         {"SELECT * FROM record",
          "SELECT hex(r.digest), x.* FROM record_xref x JOIN record r ON "
          "r.id = x.record_id",
          "SELECT * FROM person",
          "SELECT hex(p.digest), u.* FROM person_uri u JOIN person p ON p.id = u.person_version",
          "SELECT * FROM registry_meta",
          "SELECT hex(m.digest), n.* FROM registry_note n JOIN registry_meta m ON m.id = n.meta_id",
          "SELECT hex(m.digest), f.* FROM registry_footnote f JOIN registry_meta m ON m.id = "
          "f.meta_id",
          "SELECT hex(m.digest), x.* FROM registry_xref x JOIN registry_meta m ON m.id = x.meta_id",
          "SELECT * FROM temp.fts_words",
          // One row per run of releases holding a version, whatever the
          // spans behind it.
          "SELECT h.first_seq, h.last_seq, hex(r.digest) FROM record_history h JOIN record r ON "
          "r.id = h.record_id"}) {
        auto table = rows(db, sql);
        for (auto& row : table)
            row = std::string(sql).substr(0, 40) + row;
        out.insert(out.end(), table.begin(), table.end());
    }
    return out;
}

// "" when `a` and `b` are equal; else where they first differ.
std::string difference(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i)
        if (a[i] != b[i]) return "line " + std::to_string(i) + ":\n  " + a[i] + "\n  " + b[i];
    if (a.size() != b.size())
        return "lengths " + std::to_string(a.size()) + " and " + std::to_string(b.size());
    return {};
}

// SQLite's checks of the file, its foreign keys and its full-text index;
// that the full-text index has a row for each record version and no other,
// and that no span holds a version that is not there.
void check_sound(SQLite::Database& db) {
    CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
    SQLite::Statement foreign(db, "PRAGMA foreign_key_check");
    CHECK_FALSE(foreign.executeStep());
    CHECK_NOTHROW(db.exec("INSERT INTO record_fts(record_fts) VALUES ('integrity-check')"));
    CHECK(rows(db, "SELECT id AS n FROM record_fts_docsize") ==
          rows(db, "SELECT id AS n FROM record"));
    // Every span holds a version that is there.
    CHECK(db.execAndGet("SELECT count(*) FROM span s WHERE NOT EXISTS (SELECT 1 FROM record r "
                        "WHERE s.kind = 0 AND r.id = s.item) AND NOT EXISTS (SELECT 1 FROM "
                        "person p WHERE s.kind = 1 AND p.id = s.item)")
              .getInt64() == 0);
}

void copy(SQLite::Database& from, const std::string& path) {
    SQLite::Database to(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    SQLite::Backup(to, from).executeStep();
}

// IANA's CSV of `date`, dated `given` (by --date) unless that is empty.
Release read_csv(const std::string& date, const std::string& given = {}) {
    Input in;
    in.where.file = test::data_path("csv/service-names-port-numbers-" + date + ".csv");
    in.bytes = test::slurp(in.where.file);
    in.captured = date + "T12:00:00Z";
    return ReleaseReader(given, false).read(in, to_hex(sha256(in.bytes)));
}

// The releases of the bundled history whose member names `names` holds, in
// that order.
std::vector<Release> members_named(const std::vector<std::string>& names) {
    std::vector<Release> out(names.size());
    ReleaseReader reader({}, false);
    auto at = [&](const std::string& member) {
        return std::find(names.begin(), names.end(), member) - names.begin();
    };
    test::for_each_member(
        [&](const std::string& member) { return at(member) < static_cast<long>(names.size()); },
        [&](Input& in) {
            out[static_cast<std::size_t>(at(in.where.member))] =
                reader.read(in, to_hex(sha256(in.bytes)));
        });
    return out;
}

// all_rows() but the properties, which count the releases added and removed.
std::vector<std::string> rows_but_properties(SQLite::Database& db) {
    auto out = test::all_rows(db);
    out.erase(
        std::remove_if(out.begin(), out.end(),
                       [](const std::string& row) { return row.rfind("properties|", 0) == 0; }),
        out.end());
    return out;
}

// Releases of the bundled history in the order they are added: every 45th
// and the last six (years, then days apart), the two of 2026-03-27 (the
// archive gives the later one first) and 2026-02-13; then IANA's CSV of
// 2026-02-13, which goes before its XML twin.
std::vector<Release> sample() {
    std::vector<Release> out;
    ReleaseReader reader;
    std::size_t n = 0;
    auto wanted = [&](const std::string& name) {
        const auto at = ++n;
        return at % 90 == 0 || at + 6 >= 680 || name.find("2015-05-04") != std::string::npos ||
               name.find("2026-03-27") != std::string::npos ||
               name.find("2026-02-13") != std::string::npos ||
               name.find("2026-02-02-bfd9047d") != std::string::npos ||
               name.find("2026-02-25") != std::string::npos;
    };
    test::for_each_member(
        wanted, [&](Input& in) { out.push_back(reader.read(in, to_hex(sha256(in.bytes)))); });
    out.push_back(read_csv("2026-02-13"));
    return out;
}

std::size_t index_of(const std::vector<Release>& releases, const std::string& hash_start) {
    for (std::size_t i = 0; i < releases.size(); ++i)
        if (releases[i].sha256.rfind(hash_start, 0) == 0) return i;
    throw std::runtime_error("no release " + hash_start + " in the sample");
}

} // namespace

// For each release removed: the sample added, then that release removed,
// answers as the sample added without it, in the same order.
TEST_CASE("a release removed leaves the history as if it had never been added") {
    const auto releases = sample();
    REQUIRE(releases.size() == 20);
    const std::vector<std::string> removed = {
        "400593f4", // the oldest
        "4bbf00ef", // the newest
        "1ac547d1", // the first of 2026-03-27, added after the second
        "05dcb607", // the second of 2026-03-27
        "beccccc7", // 2019-12-19, in the middle
        "361899a7", // IANA's CSV of 2026-02-13
        "231b3730", // its XML twin
    };
    std::vector<std::size_t> at;
    for (const auto& hash : removed)
        at.push_back(index_of(releases, hash));

    // Each release added in turn; before each one to be removed, the
    // database as it is then.
    test::TempDir dir;
    auto all = open_database(dir.file("all.db"), OpenMode::read_write);
    {
        HistoryStore store(all);
        for (std::size_t i = 0; i < releases.size(); ++i) {
            if (std::count(at.begin(), at.end(), i))
                copy(all, dir.file("before-" + std::to_string(i) + ".db"));
            store.add(releases[i]);
        }
    }
    for (std::size_t k = 0; k < removed.size(); ++k) {
        INFO("removing " << releases[at[k]].registry_date << " " << removed[k]);
        const auto i = at[k];
        auto without =
            open_database(dir.file("before-" + std::to_string(i) + ".db"), OpenMode::read_write);
        {
            HistoryStore store(without);
            for (std::size_t j = i + 1; j < releases.size(); ++j)
                store.add(releases[j]);
        }
        copy(all, dir.file("removed.db"));
        auto db = open_database(dir.file("removed.db"), OpenMode::read_write);
        auto result = HistoryStore(db).remove(releases[i].sha256);
        REQUIRE(result);
        CHECK(result->sha256 == releases[i].sha256);
        CHECK(result->records == static_cast<std::int64_t>(releases[i].records.size()));
        CHECK(difference(answers(db), answers(without)) == "");
        // What went is what adding it would store.
        CHECK(db.execAndGet("SELECT count(*) FROM record").getInt64() + result->record_versions ==
              all.execAndGet("SELECT count(*) FROM record").getInt64());
        CHECK(db.execAndGet("SELECT count(*) FROM person").getInt64() + result->person_versions ==
              all.execAndGet("SELECT count(*) FROM person").getInt64());
        check_sound(db);
    }
}

// A release added to a history and removed again: it was never there, row
// for row, order keys and span ids too. Added before the oldest, after the
// newest, between two (here a release that lacks a record both neighbours
// hold: their span is cut in two, and joined again), and a CSV dated wrongly
// between two (its people are people known by id only, and its records
// partly older versions: many spans are cut).
TEST_CASE("a release added and removed again leaves the database row for row as it was") {
    auto releases = members_named({"xml/2026-01-23-4dae06bc.xml", "xml/2026-02-02-6a34aef6.xml",
                                   "xml/2026-02-25-785b75b4.xml", "xml/2026-08-11-dcc69a7d.xml",
                                   "xml/2015-05-04-400593f4.xml", "xml/2026-08-17-4bbf00ef.xml"});
    auto lacking = releases[3];
    lacking.records.erase(lacking.records.begin() + 100);
    lacking.registry_date = "2026-05-01";
    lacking.sha256 = std::string(64, 'f');
    const std::vector<Release> added = {releases[4], releases[5], lacking,
                                        read_csv("2026-02-13", "2026-03-01")};

    test::TempDir dir;
    auto history = open_database(dir.file("history.db"), OpenMode::read_write);
    {
        HistoryStore store(history);
        for (std::size_t i = 0; i < 4; ++i)
            store.add(releases[i]);
    }
    const auto rows = rows_but_properties(history);
    const auto spans = history.execAndGet("SELECT count(*) FROM span").getInt64();
    for (const auto& release : added) {
        INFO("adding and removing " << release.registry_date << " " << release.sha256.substr(0, 8));
        copy(history, dir.file("again.db"));
        auto db = open_database(dir.file("again.db"), OpenMode::read_write);
        HistoryStore store(db);
        store.add(release);
        // Spans were cut or added.
        CHECK(db.execAndGet("SELECT count(*) FROM span").getInt64() > spans);
        REQUIRE(store.remove(release.sha256));
        CHECK(difference(rows_but_properties(db), rows) == "");
        CHECK(difference(answers(db), answers(history)) == "");
        check_sound(db);
        // Twice: nothing is there to remove, and nothing changes.
        CHECK_FALSE(store.remove(release.sha256));
        CHECK(difference(rows_but_properties(db), rows) == "");
    }
}

namespace {

// Adds `in` as a portreg-import of its own does: with the index of the
// newest release, if one applies, and keeping the index after. Returns
// whether the reader was given an index.
bool add_with_index(SQLite::Database& db, Input in) {
    HistoryStore store(db);
    ReleaseReader reader;
    const auto digest = to_hex(sha256(in.bytes));
    auto index = store.newest_index();
    auto copy = in;
    auto release = reader.read(in, digest, [&] { return index; });
    if (!store.try_add(release)) store.add(reader.read_afresh(copy, digest));
    store.save_index();
    return release.index != nullptr;
}

// The members of the bundled history from `first` on, in name order.
std::vector<Input> inputs_from(const std::string& first) {
    std::vector<Input> out;
    test::for_each_member([&](const std::string& member) { return member >= first; },
                          [&](Input& in) { out.push_back(in); });
    return out;
}

} // namespace

// The index of the newest release after a removal: carried over while that
// release stays the newest (spans moved down one), and gone with it or
// with the fast path off. The next release, read with what is left, and
// the one after it are stored as without any index.
TEST_CASE("after a removal the next releases are added with the index as without it") {
    const auto inputs = inputs_from("xml/2026-07-21");
    REQUIRE(inputs.size() == 5);
    auto sha_of = [&](std::size_t i) { return to_hex(sha256(inputs[i].bytes)); };
    test::TempDir dir;
    {
        auto db = open_database(dir.file("indexed.db"), OpenMode::read_write);
        for (std::size_t i = 0; i < 3; ++i)
            add_with_index(db, inputs[i]);
    }
    struct Case {
        const char* what;
        std::size_t removed;
        FastPath fast_path;
        bool carried_over;
    };
    for (const auto& c :
         {Case{"one before the newest", 1, FastPath::on, true},
          Case{"the newest", 2, FastPath::on, false},
          Case{"one before the newest, the fast path off", 1, FastPath::off, false}}) {
        INFO("removing " << c.what);
        {
            auto indexed = open_database(dir.file("indexed.db"), OpenMode::read_write);
            copy(indexed, dir.file("removed.db"));
        }
        auto db = open_database(dir.file("removed.db"), OpenMode::read_write);
        REQUIRE(HistoryStore(db, c.fast_path).remove(sha_of(c.removed)));
        auto index = HistoryStore(db).newest_index();
        CHECK(bool(index) == c.carried_over);
        if (index) CHECK(test::index_spans(*index) == test::newest_spans(db));
        if (!index) CHECK(db.execAndGet("SELECT count(*) FROM newest_index").getInt64() == 0);
        CHECK(add_with_index(db, inputs[3]) == c.carried_over);
        CHECK(add_with_index(db, inputs[4]));

        // Without the fast path, never the removed one.
        const auto plain_path = dir.file("plain-" + std::to_string(c.removed) + ".db");
        auto plain = open_database(plain_path, OpenMode::read_write);
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            if (i == c.removed) continue;
            auto in = inputs[i];
            HistoryStore(plain, FastPath::off).add(ReleaseReader({}, false).read(in, sha_of(i)));
        }
        CHECK(difference(answers(db), answers(plain)) == "");
        check_sound(db);
    }
}

// Another process removes a release while a store is open: what that store
// remembers of versions, or was handed by an index read before, may name
// versions that went with it. It is not used.
TEST_CASE("a store does not use what it knew of versions once another process removed one") {
    const auto inputs = inputs_from("xml/2026-08-05");
    REQUIRE(inputs.size() == 3);
    auto sha_of = [&](std::size_t i) { return to_hex(sha256(inputs[i].bytes)); };
    auto whole = [&](std::size_t i) {
        auto in = inputs[i];
        return ReleaseReader({}, false).read(in, sha_of(i));
    };
    test::TempDir dir;
    auto plain = open_database(dir.file("plain.db"), OpenMode::read_write);
    for (std::size_t i : {0, 2})
        HistoryStore(plain, FastPath::off).add(whole(i));

    {
        INFO("the versions a store added");
        auto db = open_database(dir.file("added.db"), OpenMode::read_write);
        auto other = open_database(dir.file("added.db"), OpenMode::read_write);
        HistoryStore store(db);
        store.add(whole(0));
        store.add(whole(1));
        REQUIRE(HistoryStore(other).remove(sha_of(1)));
        store.add(whole(2));
        CHECK(difference(answers(db), answers(plain)) == "");
        check_sound(db);
    }
    {
        INFO("the versions an index handed out");
        auto db = open_database(dir.file("indexed.db"), OpenMode::read_write);
        auto other = open_database(dir.file("indexed.db"), OpenMode::read_write);
        add_with_index(db, inputs[0]);
        add_with_index(db, inputs[1]);
        HistoryStore store(db);
        ReleaseReader reader;
        auto index = store.newest_index();
        REQUIRE(index);
        auto in = inputs[2];
        auto release = reader.read(in, sha_of(2), [&] { return index; });
        REQUIRE(release.any_handed_out());
        REQUIRE(HistoryStore(other).remove(sha_of(1)));
        CHECK_FALSE(store.try_add(release));
        in = inputs[2];
        store.add(reader.read_afresh(in, sha_of(2)));
        CHECK(difference(answers(db), answers(plain)) == "");
        check_sound(db);
    }
    {
        INFO("an index written before the removal, to a store begun after it");
        auto db = open_database(dir.file("stale.db"), OpenMode::read_write);
        add_with_index(db, inputs[0]);
        add_with_index(db, inputs[1]);
        auto index = HistoryStore(db).newest_index();
        REQUIRE(HistoryStore(db).remove(sha_of(1)));
        // The removed release again, in other bytes: every element would
        // be handed out, some as versions that went.
        auto again = inputs[1];
        again.bytes =
            test::replaced(std::string(again.bytes.view()), "<updated>", "<!-- again --><updated>");
        const auto digest = to_hex(sha256(again.bytes));
        auto copy = again;
        ReleaseReader reader;
        auto release = reader.read(again, digest, [&] { return index; });
        REQUIRE(release.any_handed_out());
        HistoryStore store(db);
        CHECK_FALSE(store.try_add(release));
        store.add(reader.read_afresh(copy, digest));
        CHECK(db.execAndGet("SELECT count(*) FROM snapshot_records WHERE seq = 2").getInt64() ==
              static_cast<std::int64_t>(whole(1).records.size()));
        check_sound(db);
    }
}

namespace {

Release small_release(const std::string& file, const std::string& sha256) {
    auto release = read_xml_release(test::slurp(test::data_path(file)), {file, {}, 0, 0});
    release.sha256 = sha256;
    release.source = file;
    release.captured = "2026-08-21T00:00:00Z";
    return release;
}

} // namespace

TEST_CASE("portreg-import --remove takes an id or the start of a hash and says what went") {
    test::TempDir dir;
    const auto path = dir.file("h.db");
    {
        auto db = open_database(path, OpenMode::read_write);
        HistoryStore store(db);
        // Hashes that start alike.
        store.add(small_release("small.xml", "abcd1" + std::string(59, '0')));
        store.add(small_release("small-next.xml", "abcd2" + std::string(59, '0')));
    }
    std::ostringstream out, err;
    CHECK_THROWS_WITH(run_remove(path, "abcd", FastPath::on, out, err),
                      "the hash start abcd fits 2 releases: 2026-08-17 abcd1000, 2026-08-20 "
                      "abcd2000; give more of it");
    CHECK_THROWS_AS(run_remove(path, "abc", FastPath::on, out, err), UsageError);
    CHECK_THROWS_AS(run_remove(path, "xyz1", FastPath::on, out, err), UsageError);
    CHECK(run_remove(path, "ABCD2", FastPath::on, out, err) == 0);
    CHECK(run_remove(path, "ABCD2", FastPath::on, out, err) == 1);
    CHECK(run_remove(path, "1", FastPath::on, out, err) == 0);
    CHECK(run_remove(path, "1", FastPath::on, out, err) == 1);
    CHECK(out.str() == "removed 2026-08-20 abcd2000 (xml, 11 records, 7 people); with it went 4 "
                       "record versions, held by no other release\n"
                       "removed 2026-08-17 abcd1000 (xml, 9 records, 7 people); with it went 9 "
                       "record versions, 7 person versions and its registry metadata, held by "
                       "no other release\n");
    CHECK(err.str() == "portreg-import: no release with a hash starting abcd2\n"
                       "portreg-import: no release with id 1\n");
    // Nothing is left, and a file that is not there is not made.
    auto db = open_database(path, OpenMode::read_only);
    for (const char* table : {"release", "span", "record", "record_xref", "person", "person_uri",
                              "registry_meta", "registry_note", "registry_xref", "record_fts"})
        CHECK(db.execAndGet(std::string("SELECT count(*) FROM ") + table).getInt64() == 0);
    CHECK_THROWS_WITH(run_remove(dir.file("none.db"), "1", FastPath::on, out, err),
                      Catch::Contains("none.db: no such database"));
    CHECK_FALSE(std::filesystem::exists(dir.file("none.db")));
}

TEST_CASE("a release is named by an id of up to 7 digits or 4 or more hex digits of its hash") {
    CHECK(parse_release_name("1234567")->id == 1234567);
    CHECK(parse_release_name("12345678")->hash_prefix == "12345678");
    CHECK(parse_release_name("4BbF")->hash_prefix == "4bbf");
    CHECK(parse_release_name("4bbf")->described() == "with a hash starting 4bbf");
    CHECK(parse_release_name("12")->described() == "with id 12");
    CHECK_FALSE(parse_release_name(""));
    CHECK_FALSE(parse_release_name("4bb"));
    CHECK_FALSE(parse_release_name("4bbg"));
    CHECK_FALSE(parse_release_name("1' OR '1"));
}

// A version that a release in the middle lacks comes back after it under an
// order key of its own. Once that release is removed, the version is held
// by two neighbouring runs of spans; a history that never had the release
// holds it in one. The record_history view shows one row either way.
TEST_CASE("a version absent from the removed release alone is one run again") {
    const std::string xml = test::slurp(test::data_path("small.xml"));
    auto first = read_xml_release(xml, {"small.xml", {}, 0, 0});
    first.source = "small.xml";
    first.captured = "2026-08-18T00:00:00Z";
    auto lacking = first, again = first;
    first.registry_date = "2026-08-17";
    first.sha256 = std::string(64, 'a');
    lacking.registry_date = "2026-08-18";
    lacking.sha256 = std::string(64, 'b');
    lacking.records.erase(lacking.records.begin() + 2);
    again.registry_date = "2026-08-19";
    again.sha256 = std::string(64, 'c');
    test::TempDir dir;
    auto db = open_database(dir.file("removed.db"), OpenMode::read_write);
    auto without = open_database(dir.file("without.db"), OpenMode::read_write);
    {
        HistoryStore store(db), plain(without);
        for (const auto* release : {&first, &lacking, &again})
            store.add(*release);
        REQUIRE(store.remove(lacking.sha256));
        plain.add(first);
        plain.add(again);
    }
    CHECK(difference(answers(db), answers(without)) == "");
    const auto histories = "SELECT count(*) FROM record_history";
    CHECK(db.execAndGet(histories).getInt() == without.execAndGet(histories).getInt());
}
