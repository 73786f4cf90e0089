#include "store_support.hpp"
#include "support.hpp"
#include "xml_reader.hpp"

#include "portreg/database.hpp"
#include "portreg/history_store.hpp"
#include "portreg/record_identity.hpp"
#include "portreg/snapshot_reader.hpp"
#include "portreg/version.hpp"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <random>

using namespace portreg;

namespace {

Release small_release() {
    std::string xml = test::slurp(test::data_path("small.xml"));
    auto r = read_xml_release(xml, {"small.xml", {}, 0, 0});
    r.sha256 = std::string(64, 'a');
    r.source = "small.xml";
    r.captured = "2026-08-18T00:00:00Z";
    return r;
}

std::int64_t count(SQLite::Database& db, const std::string& table) {
    return db.execAndGet("SELECT count(*) FROM " + table).getInt64();
}

// A temporary database, opened for writing.
struct StoreFixture {
    test::TempDir dir;
    std::string path = dir.file("test.db");
    SQLite::Database db = open_database(path, OpenMode::read_write);
};

Release with_records(Release base, std::vector<RecordPtr> records, const std::string& date,
                     char hash) {
    base.records = std::move(records);
    base.registry_date = date;
    base.sha256 = std::string(64, hash);
    return base;
}

// `release` as a reader given `index` would hand it out: with the keys of
// its elements (here of their content, as these releases were never bytes)
// and the elements the index holds replaced by its entries.
ReadRelease keyed(const Release& release) {
    ReadRelease out;
    static_cast<ReleaseHead&>(out) = release;
    for (const auto& r : release.records) {
        out.records.emplace_back(r);
        out.record_keys.push_back(element_key(test::full(*r)));
    }
    for (const auto& p : release.people) {
        out.people.emplace_back(p);
        out.person_keys.push_back(element_key(p->id + "|" + p->name + "|" + p->org + "|" +
                                              p->updated + "|" + std::to_string(p->uris.size())));
    }
    return out;
}

// A keyed release as a reader given `index` hands it out.
ReadRelease handed_out(ReadRelease release, const std::shared_ptr<const NewestIndex>& index) {
    release.index = index;
    if (!index) return release;
    IndexCursor cursor(*index);
    for (std::size_t i = 0; i < release.records.size(); ++i)
        if (auto entry = cursor.take_record(release.record_keys[i]); entry >= 0)
            release.records[i] = HandedOut{static_cast<std::size_t>(entry)};
    for (std::size_t i = 0; i < release.people.size(); ++i)
        if (auto entry = cursor.take_person(release.person_keys[i]); entry >= 0)
            release.people[i] = HandedOut{static_cast<std::size_t>(entry)};
    return release;
}

ReadRelease as_read_with(const Release& release, const std::shared_ptr<const NewestIndex>& index) {
    return handed_out(keyed(release), index);
}

// Adds a keyed release, which nothing makes the store refuse.
ImportResult add_keyed(HistoryStore& store, const ReadRelease& release, bool keep_index = false) {
    auto result = store.try_add(release, keep_index);
    REQUIRE(result);
    return *result;
}

RecordPtr edited(const RecordPtr& r, const std::string& description) {
    auto copy = std::make_shared<Record>(*r);
    copy->description = description;
    return copy;
}

} // namespace

TEST_CASE_METHOD(StoreFixture, "a new database carries its schema version") {
    CHECK(db.execAndGet("PRAGMA user_version").getInt() == schema_version);
    CHECK(db.execAndGet("PRAGMA application_id").getInt() == application_id);
    CHECK(db.execAndGet("SELECT value FROM properties WHERE key = 'schema_version'").getString() ==
          std::to_string(schema_version));
    CHECK(db.execAndGet("PRAGMA journal_mode").getString() == "wal");
}

TEST_CASE_METHOD(StoreFixture, "a new database names the portreg that created it") {
    CHECK(db.execAndGet("SELECT value FROM properties WHERE key = 'created_by'").getString() ==
          std::string("portreg ") + version());
}

TEST_CASE("opening for writing brings the views up to date and leaves current ones alone") {
    test::TempDir dir;
    const auto path = dir.file("views.db");
    auto views = [](SQLite::Database& db) {
        return db.execAndGet("SELECT count(*) FROM sqlite_schema WHERE type = 'view'").getInt();
    };
    int cookie = 0, count = 0;
    {
        auto db = open_database(path, OpenMode::read_write);
        count = views(db);
        CHECK(count > 0);
        cookie = db.execAndGet("PRAGMA schema_version").getInt();
    }
    {
        auto db = open_database(path, OpenMode::read_write);
        // Nothing was rewritten: the schema is as it was.
        CHECK(db.execAndGet("PRAGMA schema_version").getInt() == cookie);
        db.exec("DROP VIEW latest_records");
        db.exec("DROP VIEW port_status");
        db.exec("CREATE VIEW port_status AS SELECT 1 AS x");
    }
    auto db = open_database(path, OpenMode::read_write);
    CHECK(views(db) == count);
    CHECK_NOTHROW(db.execAndGet("SELECT count(*) FROM latest_records"));
    CHECK(db.execAndGet("SELECT count(*) FROM pragma_table_info('port_status')").getInt() > 1);
}

TEST_CASE("a database of another version or application is refused plainly") {
    test::TempDir dir;
    {
        auto db = open_database(dir.file("new.db"), OpenMode::read_write);
        db.exec("PRAGMA user_version = 7");
    }
    CHECK_THROWS_WITH(open_database(dir.file("new.db"), OpenMode::read_only),
                      dir.file("new.db") +
                          ": database schema version 7 is newer than this "
                          "portreg understands (" +
                          std::to_string(schema_version) + "); use a newer portreg");
    {
        SQLite::Database other(dir.file("other.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        other.exec("CREATE TABLE t(x)");
    }
    CHECK_THROWS_WITH(open_database(dir.file("other.db"), OpenMode::read_write),
                      Catch::Contains("not a portreg database"));
    CHECK_THROWS_WITH(open_database(dir.file("missing.db"), OpenMode::read_only),
                      Catch::Contains("no such database"));
    CHECK_FALSE(std::filesystem::exists(dir.file("missing.db")));
}

TEST_CASE_METHOD(StoreFixture, "a release reads back as it was read") {
    HistoryStore store(db);
    auto release = small_release();
    auto result = store.add(release);
    CHECK_FALSE(result.already_present);
    CHECK(result.records == 9);
    CHECK(result.people == 7);
    CHECK_FALSE(result.previous);

    SnapshotReader reader(db);
    auto releases = reader.releases();
    REQUIRE(releases.size() == 1);
    CHECK(releases[0].registry_date == "2026-08-17");
    CHECK(releases[0].format == "xml");
    auto back = reader.release(releases[0]);
    CHECK(test::full_records(back.records) == test::full_records(release.records));
    CHECK(test::person_rows(back.people) == test::person_rows(release.people));
    REQUIRE(back.meta);
    CHECK(back.meta->expert == release.meta->expert);
    CHECK(back.meta->notes.size() == 2);
    CHECK(back.meta->notes[0].xrefs == release.meta->notes[0].xrefs);
    CHECK(back.meta->footnotes[0].text == release.meta->footnotes[0].text);
}

TEST_CASE_METHOD(StoreFixture, "a number written as a range of one reads back so") {
    HistoryStore store(db);
    auto release = small_release();
    auto ranged = std::make_shared<Record>(*release.records[3]);
    ranged->number = "79-79";
    release.records[3] = ranged;
    store.add(release);
    SnapshotReader reader(db);
    auto back = reader.records(1);
    CHECK(back[3]->number == "79-79");
    CHECK(back[3]->port == PortRange{79, 79});
    CHECK(db.execAndGet("SELECT \"Port Number\" FROM latest_records ORDER BY position "
                        "LIMIT 1 OFFSET 3")
              .getString() == "79-79");
}

TEST_CASE_METHOD(StoreFixture, "the same content twice changes nothing") {
    HistoryStore store(db);
    store.add(small_release());
    auto records = count(db, "record");
    auto spans = count(db, "span");
    auto again = store.add(small_release());
    CHECK(again.already_present);
    CHECK(count(db, "release") == 1);
    CHECK(count(db, "record") == records);
    CHECK(count(db, "span") == spans);
}

// IANA has re-indented the file and changed its line ends before: the
// content is the same, and so are the stored versions.
TEST_CASE_METHOD(StoreFixture, "a release that differs only in white space stores nothing new") {
    auto replace_all = [](std::string text, const std::string& from, const std::string& to) {
        for (auto at = text.find(from); at != std::string::npos;
             at = text.find(from, at + to.size()))
            text.replace(at, from.size(), to);
        return text;
    };
    std::string xml = test::slurp(test::data_path("small.xml"));
    auto spaced = replace_all(xml, "\n", "\r\n");
    spaced = replace_all(spaced, "  <", "      <");
    spaced = replace_all(spaced, "<description>", "<description>\n   ");
    spaced = replace_all(spaced, "</description>", "  \t</description>");
    spaced = replace_all(spaced, "<name>", "<name> ");
    spaced = replace_all(spaced, "<org>", "<org>\r\n ");
    REQUIRE(spaced != xml);
    auto release = read_xml_release(spaced, {"spaced.xml", {}, 0, 0});
    release.sha256 = std::string(64, 'b');
    release.source = "spaced.xml";
    release.captured = "2026-08-19T00:00:00Z";

    HistoryStore store(db);
    store.add(small_release());
    auto records = count(db, "record");
    auto people = count(db, "person");
    auto metas = count(db, "registry_meta");
    auto result = store.add(release);
    CHECK_FALSE(result.already_present);
    CHECK(result.records_added == 0);
    CHECK(result.records_removed == 0);
    CHECK(result.records_changed == 0);
    CHECK(result.new_record_versions == 0);
    CHECK(count(db, "record") == records);
    CHECK(count(db, "person") == people);
    CHECK(count(db, "registry_meta") == metas);
    CHECK(count(db, "release") == 2);
}

TEST_CASE_METHOD(StoreFixture, "a new release stores only what changed") {
    HistoryStore store(db);
    auto first = small_release();
    store.add(first);
    auto records = first.records;
    records[3] = edited(records[3], "Finger user information"); // changed
    records.erase(records.begin() + 5);                         // removed: discard
    auto added = std::make_shared<Record>(*first.records[1]);
    added->name = "newsvc";
    added->port = PortRange{4242, 4242};
    added->number = "4242";
    records.insert(records.begin() + 6, added); // added
    auto second = with_records(first, records, "2026-08-20", 'b');
    auto result = store.add(second);
    CHECK(result.records_added == 1);
    CHECK(result.records_removed == 1);
    CHECK(result.records_changed == 1);
    CHECK(result.new_record_versions == 2);
    REQUIRE(result.previous);
    CHECK(result.previous->registry_date == "2026-08-17");
    CHECK(count(db, "record") == 11);

    SnapshotReader reader(db);
    auto releases = reader.releases();
    REQUIRE(releases.size() == 2);
    CHECK(test::full_records(reader.records(1)) == test::full_records(first.records));
    CHECK(test::full_records(reader.records(2)) == test::full_records(second.records));
}

TEST_CASE_METHOD(StoreFixture, "a failed release leaves the database as it was") {
    HistoryStore store(db);
    store.add(small_release());
    auto records = count(db, "record");
    auto spans = count(db, "span");
    auto broken = small_release();
    broken.sha256 = std::string(64, 'c');
    broken.registry_date = "2026-09-01";
    auto bad = std::make_shared<Record>(*broken.records[1]);
    bad->name = "fresh-record-first";
    broken.records.insert(broken.records.begin(), bad);
    auto worse = std::make_shared<Record>(*broken.records[2]);
    worse->port = PortRange{70000, 70000}; // the schema's CHECK refuses it
    worse->number = "70000";
    broken.records.push_back(worse);
    CHECK_THROWS_AS(store.add(broken), SQLite::Exception);
    CHECK(count(db, "release") == 1);
    CHECK(count(db, "record") == records);
    CHECK(count(db, "span") == spans);
    // The store goes on working, and knows nothing of the failed release.
    broken.records.pop_back();
    auto result = store.add(broken);
    CHECK(result.records_added == 1);
    CHECK(count(db, "record") == records + 1);
}

TEST_CASE_METHOD(StoreFixture, "the first release is written without WAL and WAL is set again") {
    auto journal = [&] { return db.execAndGet("PRAGMA journal_mode").getString(); };
    // What the first release wrote into the write-ahead log, which stays
    // until the last connection closes.
    auto logged = [&] {
        std::error_code error;
        auto size = std::filesystem::file_size(path + "-wal", error);
        return error ? 0 : size;
    };
    HistoryStore store(db);
    SECTION("after a first release that fails, nothing is stored and WAL is set again") {
        auto broken = small_release();
        auto worse = std::make_shared<Record>(*broken.records[2]);
        worse->port = PortRange{70000, 70000};
        worse->number = "70000";
        broken.records.push_back(worse);
        CHECK_THROWS_AS(store.add(broken), SQLite::Exception);
        CHECK(count(db, "release") == 0);
        CHECK(journal() == "wal");
    }
    SECTION("after a first release that succeeds") {
        store.add(small_release());
        CHECK(journal() == "wal");
        CHECK(logged() == 0);
        CHECK_FALSE(std::filesystem::exists(path + "-journal"));
    }
    SECTION("with another connection open, the first release is written in WAL mode") {
        SQLite::Database other(path, SQLite::OPEN_READONLY);
        CHECK(other.execAndGet("SELECT count(*) FROM release").getInt() == 0);
        store.add(small_release());
        CHECK(journal() == "wal");
        CHECK(logged() > 0);
        CHECK(other.execAndGet("SELECT count(*) FROM release").getInt() == 1);
    }
}

TEST_CASE("a database in rollback mode that another writer holds opens, and turns WAL later") {
    // As when another importer is writing a new database's first release.
    auto releases = std::vector<Release>{small_release(), small_release()};
    releases[1].sha256 = std::string(64, 'b');
    releases[1].registry_date = "2026-09-01";
    test::TempDir dir;
    const auto path = dir.file("rollback.db");
    open_database(path, OpenMode::read_write).exec("PRAGMA journal_mode = DELETE");
    auto journal = [&](SQLite::Database& db) {
        return db.execAndGet("PRAGMA journal_mode").getString();
    };
    std::optional<SQLite::Database> db;
    {
        SQLite::Database other(path, SQLite::OPEN_READWRITE);
        other.exec("BEGIN IMMEDIATE");
        db.emplace(open_database(path, OpenMode::read_write));
        CHECK(journal(*db) == "delete");
        other.exec("COMMIT");
    }
    HistoryStore store(*db);
    store.add(releases[0]);
    CHECK(journal(*db) == "wal");
    CHECK(store.add(releases[1]).records == 9);
}

TEST_CASE_METHOD(StoreFixture, "releases of one date are ordered by capture time") {
    HistoryStore store(db);
    auto base = small_release();
    auto later =
        with_records(base, {base.records.begin(), base.records.end() - 1}, "2026-03-27", 'e');
    later.captured = "2026-03-28T10:00:00Z";
    auto earlier = with_records(base, base.records, "2026-03-27", 'f');
    earlier.captured = "2026-03-27T10:00:00Z";
    store.add(later);
    auto result = store.add(earlier);
    CHECK_FALSE(result.previous); // it goes before the one already stored
    SnapshotReader reader(db);
    auto releases = reader.releases();
    REQUIRE(releases.size() == 2);
    CHECK(releases[0].sha256 == earlier.sha256);
    CHECK(releases[1].sha256 == later.sha256);
}

// Many releases drawn from a pool of records, imported in several orders:
// every order must give back every release exactly, records in order.
TEST_CASE("any import order gives the same history") {
    auto base = small_release();
    std::vector<RecordPtr> pool;
    for (int i = 0; i < 60; ++i) {
        auto r = std::make_shared<Record>(*base.records[static_cast<std::size_t>(i) % 9]);
        r->name = "svc" + std::to_string(i);
        r->port = PortRange{1000 + i, 1000 + i};
        r->number = std::to_string(1000 + i);
        pool.push_back(r);
    }
    std::mt19937 rng(7);
    std::vector<Release> releases;
    std::vector<RecordPtr> current(pool.begin(), pool.begin() + 30);
    std::vector<PersonPtr> people = base.people;
    for (int n = 0; n < 40; ++n) {
        // And every other release changes a person, the last one too.
        if (n % 2 == 1) {
            auto& p = people[rng() % people.size()];
            auto copy = std::make_shared<Person>(*p);
            copy->org = "org " + std::to_string(n);
            p = copy;
        }
        // Each release edits, adds, drops or moves a few records.
        for (int k = 0; k < 3; ++k) {
            switch (rng() % 4) {
            case 0: {
                auto& r = current[rng() % current.size()];
                r = edited(r, "edit " + std::to_string(n));
                break;
            }
            case 1:
                current.insert(current.begin() +
                                   static_cast<std::ptrdiff_t>(rng() % current.size()),
                               pool[rng() % pool.size()]);
                break;
            case 2:
                if (current.size() > 5)
                    current.erase(current.begin() +
                                  static_cast<std::ptrdiff_t>(rng() % current.size()));
                break;
            default:
                std::swap(current[rng() % current.size()], current[rng() % current.size()]);
            }
        }
        // No record twice in one release: the store would keep repeats apart.
        std::vector<RecordPtr> unique;
        for (const auto& r : current)
            if (std::find(unique.begin(), unique.end(), r) == unique.end()) unique.push_back(r);
        current = unique;
        // Every fifth release shares its date with the one before.
        int d = n - (n % 5 == 1 ? 1 : 0);
        char day[16];
        std::snprintf(day, sizeof day, "2026-%02d-%02d", 1 + d / 28, 1 + d % 28);
        auto release = with_records(base, current, day, 'a');
        char hash[65];
        std::snprintf(hash, sizeof hash, "%064d", n);
        release.sha256 = hash;
        release.captured = "2026-12-01T00:00:" + std::to_string(10 + n % 40) + "Z";
        release.people = people;
        if (n % 3 == 0) release.people.pop_back();
        releases.push_back(release);
    }

    auto orders = std::vector<std::vector<std::size_t>>(4);
    for (std::size_t i = 0; i < releases.size(); ++i)
        orders[0].push_back(i);
    orders[1].assign(orders[0].rbegin(), orders[0].rend());
    orders[2] = orders[0];
    std::shuffle(orders[2].begin(), orders[2].end(), rng);
    // In date order again, each release by a store of its own, as one
    // portreg-import per release: what a store keeps between releases
    // (caches of versions, spans and objects) must change nothing. Then the
    // same with the index of the newest release, as portreg-import keeps
    // it: row for row the same database.
    orders[3] = orders[0];
    orders.push_back(orders[0]);
    std::vector<std::vector<std::string>> rows;
    int indexed = 0;

    std::vector<std::vector<std::vector<std::string>>> seen;
    for (std::size_t o = 0; o < orders.size(); ++o) {
        const bool store_per_release = o >= 3;
        const bool with_index = o == 4;
        test::TempDir dir;
        auto db = open_database(dir.file("h.db"), OpenMode::read_write);
        std::optional<HistoryStore> store;
        for (auto i : orders[o]) {
            if (!store || store_per_release) store.emplace(db);
            if (!with_index) {
                store->add(releases[i]);
                continue;
            }
            auto index = store->newest_index();
            if (index) {
                ++indexed;
                CHECK(test::index_spans(*index) == test::newest_spans(db));
            }
            // Kept within the release's transaction, or after it.
            add_keyed(*store, as_read_with(releases[i], index), i % 2 == 0);
            store->save_index();
        }
        if (store_per_release) rows.push_back(test::all_rows(db));
        SnapshotReader reader(db);
        auto stored = reader.releases();
        REQUIRE(stored.size() == releases.size());
        std::vector<std::vector<std::string>> contents;
        for (const auto& info : stored) {
            auto it = std::find_if(releases.begin(), releases.end(),
                                   [&](const Release& r) { return r.sha256 == info.sha256; });
            REQUIRE(it != releases.end());
            auto back = reader.release(info);
            INFO("release " << info.registry_date << " " << info.sha256.substr(56));
            REQUIRE(test::full_records(back.records) == test::full_records(it->records));
            REQUIRE(test::person_rows(back.people) == test::person_rows(it->people));
            contents.push_back(test::full_records(back.records));
        }
        seen.push_back(contents);
        // Spans stay few: about one per version and change, not per release.
        CHECK(db.execAndGet("SELECT count(*) FROM span WHERE kind = 0").getInt64() < 400);
    }
    CHECK(seen[0] == seen[1]);
    CHECK(seen[0] == seen[2]);
    CHECK(seen[0] == seen[3]);
    CHECK(seen[0] == seen[4]);
    CHECK(indexed == static_cast<int>(releases.size()) - 1);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == rows[1]);
}

namespace {

std::vector<std::string> span_rows(SQLite::Database& db) {
    std::vector<std::string> rows;
    SQLite::Statement st(db, "SELECT kind, item, lo, hi, ord FROM span ORDER BY kind, item, lo");
    while (st.executeStep())
        rows.push_back(st.getColumn(0).getString() + " " + st.getColumn(1).getString() + " " +
                       st.getColumn(2).getString() + " " + st.getColumn(3).getString() + " " +
                       st.getColumn(4).getString());
    return rows;
}

// Three releases: each edits a record and moves or drops another.
std::vector<Release> three_releases() {
    auto base = small_release();
    auto second = with_records(base, base.records, "2026-09-01", 'b');
    second.records[2] = edited(second.records[2], "second edit");
    std::swap(second.records[4], second.records[5]);
    auto third = with_records(base, second.records, "2026-10-01", 'c');
    third.records[6] = edited(third.records[6], "third edit");
    third.records.erase(third.records.begin() + 1);
    third.people.pop_back();
    return {base, second, third};
}

} // namespace

TEST_CASE("a release added after prepare() is stored as one added without it") {
    auto releases = three_releases();
    test::TempDir dir;
    std::vector<std::vector<std::string>> spans;
    for (bool prepared : {false, true}) {
        auto path = dir.file(prepared ? "prepared.db" : "plain.db");
        {
            auto db = open_database(path, OpenMode::read_write);
            HistoryStore store(db);
            store.add(releases[0]);
            store.add(releases[1]);
        }
        // A new process: the store knows nothing of the releases before.
        auto db = open_database(path, OpenMode::read_write);
        HistoryStore store(db);
        if (prepared) store.prepare();
        auto result = store.add(releases[2]);
        CHECK(result.records_changed == 1);
        CHECK(result.records_removed == 1);
        CHECK(result.new_record_versions == 1);
        SnapshotReader reader(db);
        auto back = reader.release(reader.releases().back());
        CHECK(test::full_records(back.records) == test::full_records(releases[2].records));
        CHECK(test::person_rows(back.people) == test::person_rows(releases[2].people));
        spans.push_back(span_rows(db));
    }
    CHECK(spans[0] == spans[1]);
}

TEST_CASE("what prepare() read is not used once another writer has added a release") {
    auto releases = three_releases();
    test::TempDir dir;
    const auto path = dir.file("two-writers.db");
    {
        auto db = open_database(path, OpenMode::read_write);
        HistoryStore(db).add(releases[0]);
    }
    auto db = open_database(path, OpenMode::read_write);
    HistoryStore store(db);
    store.prepare();
    {
        auto other = open_database(path, OpenMode::read_write);
        HistoryStore(other).add(releases[1]);
    }
    auto result = store.add(releases[2]);
    REQUIRE(result.previous);
    CHECK(result.previous->sha256 == releases[1].sha256);
    CHECK(result.records_changed == 1);
    CHECK(result.records_removed == 1);

    test::TempDir in_turn_dir;
    auto in_turn = open_database(in_turn_dir.file("in-turn.db"), OpenMode::read_write);
    HistoryStore in_turn_store(in_turn);
    for (const auto& release : releases)
        in_turn_store.add(release);
    CHECK(span_rows(db) == span_rows(in_turn));
}

namespace {

// Adds `release` as a new portreg-import would: a store of its own, the
// index of the newest release if there is one, and the index kept after.
ImportResult add_with_index(SQLite::Database& db, const Release& release) {
    HistoryStore store(db);
    auto result = add_keyed(store, as_read_with(release, store.newest_index()));
    store.save_index();
    return result;
}

} // namespace

TEST_CASE("a record whose content a release holds twice is never handed out from the index") {
    auto releases = three_releases();
    // The second release holds the first record twice: once as before, once
    // with other bytes (here: other keys) and the same content, ahead of it.
    auto twice = releases[1];
    twice.records.insert(twice.records.begin(), twice.records[0]);
    test::TempDir dir;
    auto warm = open_database(dir.file("warm.db"), OpenMode::read_write);
    add_with_index(warm, releases[0]);
    {
        HistoryStore store(warm);
        auto read = keyed(twice);
        read.record_keys[0] = element_key("other bytes");
        read = handed_out(read, store.newest_index());
        REQUIRE(test::entry_of(read.records[0]) < 0);
        REQUIRE(test::entry_of(read.records[1]) >= 0);
        // Which of the two is the repeat only a reading of the whole can
        // tell: the store says so and stores nothing.
        CHECK_FALSE(store.try_add(read));
        CHECK(count(warm, "release") == 1);
    }
    {
        HistoryStore store(warm);
        add_keyed(store, keyed(twice));
        store.save_index();
        // The versions of the repeated record have no key in the index.
        auto index = store.newest_index();
        REQUIRE(index);
        const auto keys = keyed(twice).record_keys;
        CHECK(index->first_record(keys[0]) == -1);
        CHECK(index->first_record(keys[2]) == 2);
    }
    add_with_index(warm, releases[2]);

    auto cold = open_database(dir.file("cold.db"), OpenMode::read_write);
    for (const auto* r : {&releases[0], &twice, &releases[2]})
        HistoryStore(cold).add(*r);
    CHECK(test::all_rows(warm) == test::all_rows(cold));
}

TEST_CASE("the index is not used once the history has changed without it") {
    auto releases = three_releases();
    test::TempDir dir;
    auto db = open_database(dir.file("h.db"), OpenMode::read_write);
    add_with_index(db, releases[0]);
    add_with_index(db, releases[2]);
    CHECK(HistoryStore(db).newest_index());

    SECTION("a release added before the newest") {
        add_with_index(db, releases[1]);
        CHECK_FALSE(HistoryStore(db).newest_index());
    }
    SECTION("a release added by an importer that keeps no index") {
        auto newer = with_records(releases[2], releases[2].records, "2026-11-01", 'd');
        newer.records.pop_back();
        HistoryStore(db).add(newer);
        CHECK_FALSE(HistoryStore(db).newest_index());
    }
    SECTION("a damaged chunk") {
        db.exec("UPDATE newest_index SET data = x'00' WHERE hash = (SELECT max(hash) FROM "
                "newest_index)");
        CHECK_FALSE(HistoryStore(db).newest_index());
    }
    SECTION("a missing chunk") {
        db.exec("DELETE FROM newest_index WHERE hash = (SELECT max(hash) FROM newest_index)");
        CHECK_FALSE(HistoryStore(db).newest_index());
    }
    // Without it, the next release is added all the same.
    auto after = with_records(releases[2], releases[2].records, "2026-12-01", 'e');
    after.records.erase(after.records.begin());
    auto result = add_with_index(db, after);
    CHECK(result.records_removed == 1);
    CHECK(HistoryStore(db).newest_index());
}

// Versions 1 and 2 did not keep port numbers and rich text as published,
// which only the releases can give back: such a file is refused, for
// reading and for writing, with how to rebuild it, and left as it was.
TEST_CASE("a database made by an older portreg is refused with how to rebuild it") {
    for (int version : {1, 2}) {
        test::TempDir dir;
        const auto path = dir.file("old.db");
        {
            auto db = open_database(path, OpenMode::read_write);
            HistoryStore(db).add(small_release());
            db.exec("PRAGMA user_version = " + std::to_string(version));
        }
        const auto message = path + ": made by an older portreg (schema version " +
                             std::to_string(version) +
                             "), which did not keep port numbers and texts as published; import "
                             "the releases again into a new file (portreg-import --db NEW.db "
                             "RELEASES...)";
        CHECK_THROWS_WITH(open_database(path, OpenMode::read_only), message);
        CHECK_THROWS_WITH(open_database(path, OpenMode::read_write), message);
        SQLite::Database raw(path, SQLite::OPEN_READONLY);
        CHECK(raw.execAndGet("PRAGMA user_version").getInt() == version);
        CHECK(count(raw, "release") == 1);
    }
}

// Version 4 added only what --fetch keeps (fetch_state): a version-3 file
// is read as it is, and an importer brings it to version 4, releases kept.
TEST_CASE("a database of schema version 3 is read, and brought to version 4 by an importer") {
    test::TempDir dir;
    const auto path = dir.file("v3.db");
    {
        auto db = open_database(path, OpenMode::read_write);
        HistoryStore(db).add(small_release());
        db.exec("DROP TABLE fetch_state");
        db.exec("PRAGMA user_version = 3");
    }
    {
        auto db = open_database(path, OpenMode::read_only);
        CHECK(db.execAndGet("PRAGMA user_version").getInt() == 3);
        CHECK(count(db, "release") == 1);
    }
    auto db = open_database(path, OpenMode::read_write);
    CHECK(db.execAndGet("PRAGMA user_version").getInt() == 4);
    CHECK(count(db, "fetch_state") == 0);
    CHECK(count(db, "release") == 1);
}

// The view record_identity says in SQL what record_identity() says: the
// change counts of `log` and release_changes go by the one, the importer's
// by the other.
TEST_CASE_METHOD(StoreFixture, "the view record_identity agrees with record_identity()") {
    HistoryStore store(db);
    auto release = small_release();
    auto mixed_case = std::make_shared<Record>(*release.records[3]);
    mixed_case->name = "Finger-X";
    release.records.push_back(mixed_case);
    store.add(release);
    auto records = SnapshotReader(db).records(1);
    SQLite::Statement ids(db, "SELECT r.id FROM span s JOIN record r ON r.id = s.item "
                              "WHERE s.kind = 0 ORDER BY s.ord");
    SQLite::Statement identity(db, "SELECT identity FROM record_identity WHERE record_id = ?1");
    std::size_t compared = 0;
    for (const auto& r : records) {
        REQUIRE(ids.executeStep());
        identity.bind(1, ids.getColumn(0).getInt64());
        REQUIRE(identity.executeStep());
        CHECK(identity.getColumn(0).getString() == record_identity(*r));
        identity.reset();
        ++compared;
    }
    CHECK(compared == 10);
    CHECK(record_identity(*records[8]) == "nvme-disc||-"); // no port, no transport
    CHECK(record_identity(*mixed_case) == "finger-x|tcp|79-79");
}
