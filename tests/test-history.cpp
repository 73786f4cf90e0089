// The bundled history of real releases (data/iana-history.tar.zst).

#include "release_reader.hpp"
#include "store_support.hpp"
#include "support.hpp"

#include "portreg/database.hpp"
#include "portreg/digest.hpp"
#include "portreg/history_store.hpp"
#include "portreg/snapshot_reader.hpp"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

using namespace portreg;

namespace {

struct ReadHistory {
    std::vector<Release> releases;
    std::vector<std::string> errors;
};

// Reads the members `wanted` picks; records repeated from one release to the
// next are shared, so the whole history fits in memory.
ReadHistory read_history(const std::function<bool(const std::string&)>& wanted) {
    ReadHistory out;
    ReleaseReader reader;
    test::for_each_member(wanted, [&](Input& in) {
        try {
            auto digest = to_hex(sha256(in.bytes));
            out.releases.push_back(reader.read(in, digest));
        } catch (const Error& e) {
            out.errors.push_back(e.what());
        }
    });
    return out;
}

void check_reads_back(SnapshotReader& reader, const std::vector<Release>& releases) {
    auto stored = reader.releases();
    for (const auto& info : stored) {
        auto it = std::find_if(releases.begin(), releases.end(),
                               [&](const Release& r) { return r.sha256 == info.sha256; });
        REQUIRE(it != releases.end());
        INFO("release " << info.registry_date << " " << info.sha256.substr(0, 8));
        auto back = reader.release(info);
        CHECK(back.registry_date == it->registry_date);
        REQUIRE(back.records.size() == it->records.size());
        REQUIRE(test::rendered(back.records) == test::rendered(it->records));
        REQUIRE(test::full_records(back.records) == test::full_records(it->records));
        REQUIRE(test::person_rows(back.people) == test::person_rows(it->people));
        REQUIRE(back.meta);
        CHECK(back.meta->expert == it->meta->expert);
        CHECK(back.meta->notes.size() == it->meta->notes.size());
    }
}

std::uintmax_t vacuumed_size(SQLite::Database& db, const std::string& path) {
    SQLite::Statement vacuum(db, "VACUUM INTO ?1");
    vacuum.bind(1, path);
    vacuum.exec();
    return std::filesystem::file_size(path);
}

} // namespace

TEST_CASE("a sample of real releases reads back as imported, in 12 columns and people") {
    // Every 40th release, the newest, and the four releases of 2017-05-19
    // (one of which is broken).
    std::size_t index = 0;
    auto history = read_history([&](const std::string& name) {
        return index++ % 40 == 0 || name.find("2017-05-19") != std::string::npos ||
               name == "xml/2026-08-17-4bbf00ef.xml";
    });
    REQUIRE(history.errors.size() == 1);
    CHECK(history.errors[0] == test::history_archive() +
                                   ": xml/2017-05-19-b0a43952.xml: line 2, column 1: ill-formed "
                                   "XML: text outside the root element");
    REQUIRE(history.releases.size() == 21);

    test::TempDir dir;
    auto db = open_database(dir.file("h.db"), OpenMode::read_write);
    HistoryStore store(db);
    for (const auto& r : history.releases)
        store.add(r);
    SnapshotReader reader(db);
    CHECK(reader.releases().size() == history.releases.size());
    check_reads_back(reader, history.releases);

    auto newest = reader.releases().back();
    CHECK(newest.registry_date == "2026-08-17");
    CHECK(newest.record_count == 14533);
    CHECK(newest.people_count == 5615);
}

namespace {

// Adds the releases `wanted` picks to two databases one at a time, each by
// a store and a reader of its own as one portreg-import per release: to
// one with the index of the newest release, to the other with the fast path
// off. Returns how many releases were read with an index.
int add_one_at_a_time(const std::function<bool(const std::string&)>& wanted, SQLite::Database& with,
                      SQLite::Database& without) {
    int indexed = 0;
    test::for_each_member(wanted, [&](Input& in) {
        const auto digest = to_hex(sha256(in.bytes));
        auto copy = in;
        try {
            HistoryStore store(without, FastPath::off);
            ReleaseReader reader({}, false);
            store.add(reader.read(copy, digest));
        } catch (const Error&) {
            return; // the broken one, rejected either way
        }
        HistoryStore store(with);
        ReleaseReader reader;
        auto index = store.newest_index();
        auto release = reader.read(in, digest, [&] { return index; });
        if (release.index) ++indexed;
        if (!store.try_add(release)) store.add(reader.read_afresh(in, digest));
        store.save_index();
    });
    return indexed;
}

} // namespace

TEST_CASE("releases added one at a time with the index are stored as without it") {
    // Every 23rd release (years of changes between them), then the last 15
    // in a row (days).
    std::size_t at = 0;
    auto wanted = [&](const std::string&) {
        auto n = at++;
        return n % 23 == 0 || n + 15 >= 679;
    };
    test::TempDir dir;
    auto with = open_database(dir.file("with.db"), OpenMode::read_write);
    auto without = open_database(dir.file("without.db"), OpenMode::read_write);
    const int indexed = add_one_at_a_time(wanted, with, without);
    CHECK(indexed >= 40);
    CHECK(test::all_rows(with) == test::all_rows(without));
}

TEST_CASE("every release added one at a time with the index is stored as without it", "[slow]") {
    test::TempDir dir;
    auto with = open_database(dir.file("with.db"), OpenMode::read_write);
    auto without = open_database(dir.file("without.db"), OpenMode::read_write);
    const int indexed = add_one_at_a_time([](const std::string&) { return true; }, with, without);
    // Not all: of two releases of one date the archive may give the later
    // one first, and the one placed before it leaves no index behind.
    CHECK(indexed > 600);
    CHECK(test::all_rows(with) == test::all_rows(without));
}

// One store adds a run of releases, as one portreg-import of many does:
// years apart, then three CSVs of earlier dates, placed among them beside
// their XML twins, then days apart. With the fast path (the store's memory
// of what it added, the reader's reuse, now and then the index) and without
// it, the databases hold the same rows.
TEST_CASE("a run of releases is stored the same with the fast path as without it") {
    test::TempDir dir;
    auto fast_db = open_database(dir.file("fast.db"), OpenMode::read_write);
    auto core_db = open_database(dir.file("core.db"), OpenMode::read_write);
    HistoryStore fast(fast_db), core(core_db, FastPath::off);
    ReleaseReader fast_reader, core_reader({}, false);
    int added = 0, indexed = 0;
    auto add = [&](Input& in) {
        const auto digest = to_hex(sha256(in.bytes));
        auto copy = in;
        try {
            core.add(core_reader.read(copy, digest));
        } catch (const Error&) {
            return; // the broken one, rejected either way
        }
        auto release = fast_reader.read(in, digest, [&] { return fast.newest_index(); });
        if (release.index) ++indexed;
        if (!fast.try_add(release)) fast.add(fast_reader.read_afresh(in, digest));
        if (++added % 5 == 0) fast.save_index();
    };
    std::size_t at = 0;
    std::vector<Input> days_apart;
    auto wanted = [&](const std::string& member) {
        auto n = at++;
        const bool twin = member.find("2024-04-30") != std::string::npos ||
                          member.find("2025-04-07") != std::string::npos ||
                          member.find("2026-02-13") != std::string::npos;
        return n % 23 == 0 || n + 12 >= 679 || twin;
    };
    test::for_each_member(wanted, [&](Input& in) {
        if (at + 12 >= 679)
            days_apart.push_back(std::move(in));
        else
            add(in);
    });
    for (const char* date : {"2024-04-30", "2025-04-07", "2026-02-13"}) {
        Input in;
        in.where.file =
            test::data_path("csv/service-names-port-numbers-" + std::string(date) + ".csv");
        in.bytes = test::slurp(in.where.file);
        in.captured = std::string(date) + "T12:00:00Z";
        add(in);
    }
    for (auto& in : days_apart)
        add(in);
    CHECK(added >= 45);
    CHECK(indexed >= 5);
    CHECK(test::all_rows(fast_db) == test::all_rows(core_db));
}

TEST_CASE("every release: imported, again, in reverse, and compact", "[slow]") {
    auto history = read_history([](const std::string&) { return true; });
    REQUIRE(history.errors.size() == 1);
    CHECK_THAT(history.errors[0], Catch::Contains("xml/2017-05-19-b0a43952.xml: line 2, column 1"));
    REQUIRE(history.releases.size() == 678);

    test::TempDir dir;
    auto forward = open_database(dir.file("forward.db"), OpenMode::read_write);
    {
        HistoryStore store(forward);
        for (const auto& r : history.releases)
            CHECK_FALSE(store.add(r).already_present);
        for (const auto& r : history.releases)
            CHECK(store.add(r).already_present);
    }
    SnapshotReader forward_reader(forward);
    auto stored = forward_reader.releases();
    REQUIRE(stored.size() == 678);
    check_reads_back(forward_reader, history.releases);

    // The same releases newest first give the same history.
    auto reverse = open_database(dir.file("reverse.db"), OpenMode::read_write);
    {
        auto order = history.releases;
        std::sort(order.begin(), order.end(), [](const Release& a, const Release& b) {
            return std::tie(a.registry_date, a.captured) > std::tie(b.registry_date, b.captured);
        });
        HistoryStore store(reverse);
        for (const auto& r : order)
            store.add(r);
    }
    SnapshotReader reverse_reader(reverse);
    auto reversed = reverse_reader.releases();
    REQUIRE(reversed.size() == stored.size());
    for (std::size_t i = 0; i < stored.size(); ++i) {
        CHECK(reversed[i].sha256 == stored[i].sha256);
        CHECK(reversed[i].seq == stored[i].seq);
        CHECK(reversed[i].record_count == stored[i].record_count);
    }
    check_reads_back(reverse_reader, history.releases);
    CHECK(reverse.execAndGet("SELECT count(*) FROM record").getInt64() ==
          forward.execAndGet("SELECT count(*) FROM record").getInt64());
    CHECK(reverse.execAndGet("SELECT count(*) FROM person").getInt64() ==
          forward.execAndGet("SELECT count(*) FROM person").getInt64());

    // The whole history costs little more than its newest release alone.
    auto newest_only = open_database(dir.file("newest.db"), OpenMode::read_write);
    {
        HistoryStore store(newest_only);
        auto newest =
            std::find_if(history.releases.begin(), history.releases.end(),
                         [](const Release& r) { return r.registry_date == "2026-08-17"; });
        store.add(*newest);
    }
    auto all_size = vacuumed_size(forward, dir.file("forward-vacuumed.db"));
    auto one_size = vacuumed_size(newest_only, dir.file("newest-vacuumed.db"));
    INFO("all releases: " << all_size << " bytes, newest only: " << one_size << " bytes");
    CHECK(all_size <= one_size * 3 / 2);
}
