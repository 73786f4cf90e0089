#include "column_choice.hpp"
#include "commands.hpp"
#include "csv_reader.hpp"
#include "day_argument.hpp"
#include "output.hpp"
#include "plain_csv.hpp"
#include "record_lookup.hpp"
#include "release_reader.hpp"
#include "staleness_note.hpp"
#include "store_support.hpp"
#include "support.hpp"
#include "terminal_table.hpp"

#include "portreg/database.hpp"
#include "portreg/digest.hpp"
#include "portreg/error.hpp"
#include "portreg/history_store.hpp"
#include "portreg/render.hpp"
#include "portreg/timestamp.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>

using namespace portreg;
using namespace portreg::query;

namespace {

Release read_file(const std::string& path, ReleaseReader& reader) {
    Input in;
    in.where.file = path;
    in.bytes = test::slurp(path);
    in.captured = "2026-09-01T00:00:00Z";
    auto digest = to_hex(sha256(in.bytes));
    return reader.read(in, digest);
}

// A database holding the small release and the one after it.
struct SmallHistory {
    test::TempDir dir;
    std::string path = dir.file("q.db");
    SmallHistory() {
        auto db = open_database(path, OpenMode::read_write);
        HistoryStore store(db);
        ReleaseReader reader;
        store.add(read_file(test::data_path("small.xml"), reader));
        store.add(read_file(test::data_path("small-next.xml"), reader));
    }
    // Runs `command` on a context for `options`; returns exit code and
    // output. Nothing found is exit code 1, as main makes it.
    template <typename Command>
    std::pair<int, std::string> run(Command command, GlobalOptions options = {},
                                    Format format = Format::csv) {
        options.database = path;
        std::ostringstream out;
        QueryContext ctx(options, format, out, 80);
        try {
            return {command(ctx), out.str()};
        } catch (const NotFound&) {
            return {1, out.str()};
        }
    }
};

GlobalOptions as_of(const std::string& date) {
    GlobalOptions o;
    o.as_of = date;
    return o;
}

std::vector<Columns> csv_rows(const std::string& csv) {
    return test::rendered(read_csv_release(csv, {"out.csv", {}, 0, 0}, "2000-01-01").records);
}

} // namespace

TEST_CASE("port arguments") {
    auto a = parse_port_spec("443");
    CHECK(a.range == PortRange{443, 443});
    CHECK(a.transport.empty());
    auto b = parse_port_spec("4200-4299/udp");
    CHECK(b.range == PortRange{4200, 4299});
    CHECK(b.transport == "udp");
    for (auto bad : {"70000", "abc", "443/quic", "20-10", "", "1;DROP TABLE record"})
        CHECK_THROWS_AS(parse_port_spec(bad), UsageError);
    CHECK(parse_port_spec("80/TCP").transport == "tcp"); // as names, transports ignore case
}

TEST_CASE("days: dates, today, and counts back from today") {
    const std::string today = "2026-03-31";
    CHECK(day_named("2025-01-02", today) == "2025-01-02");
    CHECK(day_named("today", today) == today);
    CHECK(day_named("0d", today) == today);
    CHECK(day_named("7d", today) == "2026-03-24");
    CHECK(day_named("31d", today) == "2026-02-28");
    CHECK(day_named("2w", today) == "2026-03-17");
    CHECK(day_named("1m", today) == "2026-02-28"); // the shorter month's last day
    CHECK(day_named("13m", today) == "2025-02-28");
    CHECK(day_named("1y", "2024-02-29") == "2023-02-28");
    CHECK(day_named("4y", "2024-02-29") == "2020-02-29");
    CHECK(day_named("400d", "2026-11-30") == "2025-10-26");
    for (auto bad : {"2025-02-30", "2025-13-01", "7", "d", "7x", "-7d", "1234567d", "99999y",
                     "Today", "2025-1-1", ""})
        CHECK_FALSE(day_named(bad, today));
    CHECK(looks_like_day("2025-02-30"));
    CHECK(looks_like_day("365d"));
    CHECK_FALSE(looks_like_day("4bbf00ef"));
    CHECK_FALSE(looks_like_day("678"));
    CHECK_THROWS_WITH(parse_day("--as-of", "2025-02-30", today),
                      "--as-of: 2025-02-30 is no day of the calendar");
    CHECK_THROWS_WITH(parse_day("--since", "last week", today), Catch::Contains("takes a day"));
}

TEST_CASE("CSV fields are quoted when they must be") {
    CHECK(csv_field("plain") == "plain");
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_field("two\nlines") == "\"two\nlines\"");
}

TEST_CASE_METHOD(SmallHistory, "choosing a snapshot") {
    auto newest = run([](QueryContext& c) { return int(c.snapshot().seq); });
    CHECK(newest.first == 2);
    CHECK(run([](QueryContext& c) { return int(c.snapshot().seq); }, as_of("2026-08-19")).first ==
          1);
    CHECK_THROWS_WITH(
        run([](QueryContext& c) { return int(c.snapshot().seq); }, as_of("2026-08-01")),
        Catch::StartsWith("no snapshot dated on or before 2026-08-01; the oldest is "));
    CHECK_THROWS_AS(run([](QueryContext& c) { return int(c.snapshot().seq); }, as_of("2025-13-40")),
                    UsageError);
    CHECK_THROWS_AS(
        run([](QueryContext& c) { return int(c.snapshot().seq); }, as_of("x' OR 1=1 --")),
        UsageError);
    GlobalOptions by_hash;
    by_hash.snapshot = "53420475";
    CHECK(run([](QueryContext& c) { return int(c.snapshot().seq); }, by_hash).first == 1);
    by_hash.snapshot = "ffff";
    CHECK_THROWS_WITH(run([](QueryContext& c) { return int(c.snapshot().seq); }, by_hash),
                      Catch::Contains("no snapshot with a hash starting ffff"));
    by_hash.snapshot = "1' OR '1";
    CHECK_THROWS_AS(run([](QueryContext& c) { return int(c.snapshot().seq); }, by_hash),
                    UsageError);
}

TEST_CASE_METHOD(SmallHistory, "port lookups cover ranges and rows without a transport") {
    auto now = run([](QueryContext& c) { return run_port(c, "4242/tcp"); });
    CHECK(now.first == 0);
    CHECK(csv_rows(now.second).size() == 1);
    CHECK(csv_rows(now.second)[0][0] == "example-svc");
    auto before = run([](QueryContext& c) { return run_port(c, "4242"); }, as_of("2026-08-17"));
    REQUIRE(csv_rows(before.second).size() == 1);
    CHECK(csv_rows(before.second)[0][1] == "4200-4299");
    auto none = run([](QueryContext& c) { return run_port(c, "5000"); });
    CHECK(none.first == 1);
    CHECK(csv_rows(none.second).empty());
}

TEST_CASE_METHOD(SmallHistory, "service names ignore case, and patterns glob") {
    auto http = run([](QueryContext& c) { return run_service(c, "HTTP"); });
    REQUIRE(csv_rows(http.second).size() == 1);
    CHECK(csv_rows(http.second)[0][0] == "http");
    auto glob = run([](QueryContext& c) { return run_service(c, "*D*"); });
    std::vector<std::string> names;
    for (const auto& row : csv_rows(glob.second))
        names.push_back(row[0]);
    CHECK(names == std::vector<std::string>{"discard", "nvme-disc"});
    CHECK(run([](QueryContext& c) { return run_service(c, "http' OR '1'='1"); }).first == 1);
}

TEST_CASE_METHOD(SmallHistory, "search looks in every rendered column") {
    auto zimmerman = run([](QueryContext& c) { return run_search(c, "ZIMMERMAN"); });
    REQUIRE(csv_rows(zimmerman.second).size() == 1);
    CHECK(csv_rows(zimmerman.second)[0][0] == "finger");
    auto note = run([](QueryContext& c) { return run_search(c, "compressnet"); });
    CHECK(csv_rows(note.second).size() == 1);
    CHECK(run([](QueryContext& c) { return run_search(c, "no such text anywhere"); }).first == 1);
    auto table = run([](QueryContext& c) { return run_search(c, "finger"); }, {}, Format::text);
    // The owner in the table, the person below it, ids and URIs whole.
    CHECK_THAT(table.second, Catch::Contains("[David_Zimmerman]  [David_Zimmerman]") &&
                                 Catch::Contains("\nDavid_Zimmerman  ") &&
                                 Catch::Contains("mailto:dpz&dimacs.rutgers.edu"));
}

TEST_CASE("a terminal table wraps ids and shortens descriptions to fit its width") {
    Table t;
    t.header = {"SERVICE", "DESCRIPTION", "ASSIGNEE"};
    t.fits = {Fit::wrap, Fit::shorten, Fit::wrap};
    t.rows = {{"finger", "Finger User Information, as the old days had it",
               "[A_Rather_Long_Person_Id] [Another_Person_Id]"},
              {"echo", "Echo", "[Jon_Postel]"}};
    std::ostringstream out;
    write_aligned(out, t, 50);
    std::istringstream lines(out.str());
    std::vector<std::string> printed;
    for (std::string line; std::getline(lines, line);) {
        CHECK(columns_of(line) <= 50);
        printed.push_back(line);
    }
    REQUIRE(printed.size() == 5); // header, rule, finger on two lines, echo
    CHECK(printed[2].find("[A_Rather_Long_Person_Id]") != std::string::npos);
    CHECK(printed[3].find("[Another_Person_Id]") != std::string::npos);
    CHECK(printed[2].find("Finger User") != std::string::npos);
    CHECK(printed[2].find("\xE2\x80\xA6") != std::string::npos);
    // Wide enough: nothing wraps or is cut.
    std::ostringstream wide;
    write_aligned(wide, t, 120);
    CHECK_THAT(wide.str(), Catch::Contains("as the old days had it  [A_Rather_Long_Person_Id] "
                                           "[Another_Person_Id]\n"));
}

TEST_CASE("columns: --columns chooses columns by any of their names or the start of one") {
    const std::vector<std::vector<std::string>> names = {
        {"Service Name", "SERVICE", "service_name"},
        {"Port Number", "PORT", "port_number"},
        {"Assignee", "ASSIGNEE", "assignee"},
        {"Service Code", "SERVICE CODE", "service_code"}};
    CHECK(chosen_columns(names, column_list("port, SERVICE ,assign")) ==
          std::vector<std::size_t>{1, 0, 2});
    CHECK(chosen_columns(names, {"service_code", "Service Name"}) ==
          std::vector<std::size_t>{3, 0});
    CHECK_THROWS_WITH(chosen_columns(names, {"s"}),
                      Catch::Contains("\"s\" names no one column") &&
                          Catch::Contains("Service Name, Port Number, Assignee, Service Code"));
    CHECK_THROWS_AS(chosen_columns(names, {"owner"}), UsageError);
    CHECK(column_list(" , ").empty());
}

TEST_CASE_METHOD(SmallHistory, "free ports skip what is assigned or reserved") {
    auto free = run([](QueryContext& c) { return run_free(c, "4200-4299", "tcp"); });
    CHECK(free.second == "low,high,ports\r\n4200,4241,42\r\n4243,4299,57\r\n");
    auto low = run([](QueryContext& c) { return run_free(c, "0-3", ""); });
    // 0 and 2 are reserved on the transports they list, 1 is tcpmux on tcp.
    CHECK(low.second == "low,high,ports\r\n3,3,1\r\n");
    CHECK(run([](QueryContext& c) { return run_free(c, "79-80", "tcp"); }).first == 1);
}

TEST_CASE_METHOD(SmallHistory, "a person and the records naming them") {
    auto chair =
        run([](QueryContext& c) { return run_person(c, "ietf_chair", ""); }, {}, Format::json);
    CHECK(chair.first == 0);
    CHECK_THAT(chair.second, Catch::Contains("\"organization\": \"IETF\"") &&
                                 Catch::Contains("\"service_name\": \"http\""));
    auto csv = run([](QueryContext& c) { return run_person(c, "", "zubov"); });
    CHECK(csv.second == "id,name,organization,contact_uri,last_updated\r\n"
                        "Jim_Zubov,Jim Zubov,,mailto:jz&example.com,2026-07-22\r\n");
    GlobalOptions options;
    options.database = path;
    std::ostringstream out;
    QueryContext ctx(options, Format::csv, out, 80);
    CHECK_THROWS_AS(run_person(ctx, "Nobody", ""), NotFound);
    CHECK_THROWS_WITH(run_person(ctx, "jim_zubvo", ""),
                      Catch::Contains("no person jim_zubvo") &&
                          Catch::Contains("; nearest: Jim_Zubov"));
}

TEST_CASE_METHOD(SmallHistory, "sql reads and cannot write") {
    auto count =
        run([](QueryContext& c) { return run_sql(c, "SELECT count(*) AS n FROM release"); });
    CHECK(count.second == "n\r\n2\r\n");
    for (auto write : {"INSERT INTO properties VALUES ('x', 'y')", "UPDATE record SET name = 'x'",
                       "DELETE FROM span", "DROP TABLE record", "CREATE TABLE t(x)",
                       "PRAGMA user_version = 5"}) {
        INFO(write);
        CHECK_THROWS(run([&](QueryContext& c) { return run_sql(c, write); }));
    }
    auto db = open_database(path, OpenMode::read_only);
    CHECK(db.execAndGet("SELECT count(*) FROM span").getInt() > 0);
    CHECK(db.execAndGet("PRAGMA user_version").getInt() == schema_version);
}

TEST_CASE_METHOD(SmallHistory, "export writes the snapshot as IANA's CSV, or /etc/services") {
    auto csv = run([](QueryContext& c) { return run_export(c); }, as_of("2026-08-17"));
    std::string xml = test::slurp(test::data_path("small.xml"));
    CHECK(csv_rows(csv.second) ==
          test::rendered(read_xml_release(xml, {"small.xml", {}, 0, 0}).records));
    auto services = run([](QueryContext& c) { return run_export(c); }, {}, Format::services);
    CHECK_THAT(services.second,
               Catch::Contains("\nhttp            80/tcp         \t# World Wide Web HTTP\n"));
    CHECK_THAT(services.second,
               Catch::Contains("\nexample-svc     4242/tcp       \t# Example Service\n"));
    // Ranges and names without a port have no place in /etc/services.
    CHECK_THAT(services.second, !Catch::Contains("4200") && !Catch::Contains("nvme-disc"));
}

// Real releases: the export of each XML release that has a CSV twin equals
// IANA's CSV, every field of every row, in order, as published (read with
// libcsv alone, white space folded, compared as strings); and search finds
// what a plain scan of IANA's own CSV finds.
TEST_CASE("export equals IANA's CSV, and search agrees with it") {
    for (std::string date : {"2024-04-30", "2025-04-07", "2026-02-13"}) {
        INFO(date);
        test::TempDir dir;
        auto path = dir.file("h.db");
        {
            auto db = open_database(path, OpenMode::read_write);
            HistoryStore store(db);
            ReleaseReader reader;
            test::for_each_member([&](const std::string& m) { return m.find("xml/" + date) == 0; },
                                  [&](Input& in) {
                                      auto digest = to_hex(sha256(in.bytes));
                                      store.add(reader.read(in, digest));
                                  });
        }
        auto iana = test::slurp(test::data_path("csv/service-names-port-numbers-" + date + ".csv"));
        auto iana_rows = test::read_plain_csv(iana);
        GlobalOptions options;
        options.database = path;
        std::ostringstream out;
        QueryContext ctx(options, Format::csv, out, 80);
        CHECK(run_export(ctx) == 0);
        CHECK(test::read_plain_csv(out.str()) == iana_rows);

        // The views give sqlite3 users the same 12 columns.
        std::ostringstream view;
        QueryContext view_ctx(options, Format::csv, view, 80);
        run_sql(view_ctx, "SELECT \"Service Name\", \"Port Number\", \"Transport Protocol\", "
                          "\"Description\", \"Assignee\", \"Contact\", \"Registration Date\", "
                          "\"Modification Date\", \"Reference\", \"Service Code\", "
                          "\"Unauthorized Use Reported\", \"Assignment Notes\" "
                          "FROM latest_records ORDER BY position");
        CHECK(test::read_plain_csv(view.str()) == iana_rows);

        for (std::string term : {"ftps", "EPP", "sql*net", "whois++", "[RFC6335]", "4748-4748"}) {
            INFO(term);
            std::ostringstream found;
            QueryContext search_ctx(options, Format::csv, found, 80);
            run_search(search_ctx, term);
            std::vector<test::CsvRow> expected = {iana_rows[0]};
            std::string needle = term;
            for (auto& ch : needle)
                ch = char(std::tolower(static_cast<unsigned char>(ch)));
            for (const auto& row :
                 std::vector<test::CsvRow>(iana_rows.begin() + 1, iana_rows.end())) {
                bool hit = false;
                for (auto field : row) {
                    for (auto& ch : field)
                        ch = char(std::tolower(static_cast<unsigned char>(ch)));
                    hit = hit || field.find(needle) != std::string::npos;
                }
                if (hit) expected.push_back(row);
            }
            CHECK(test::read_plain_csv(found.str()) == expected);
        }
    }
}

TEST_CASE_METHOD(SmallHistory, "the example queries in sql/examples run") {
    std::size_t examples = 0;
    for (const auto& entry :
         std::filesystem::directory_iterator(test::source_dir() + "/sql/examples")) {
        INFO(entry.path().string());
        auto text = test::slurp(entry.path().string());
        auto ran = run([&](QueryContext& c) { return run_sql(c, text); });
        CHECK(ran.second.find('\n') != std::string::npos); // at least a header
        ++examples;
    }
    CHECK(examples >= 5);
    auto people = run([](QueryContext& c) {
        return run_sql(c, "SELECT count(*) FROM snapshot_people WHERE seq = 2");
    });
    CHECK(people.second.substr(people.second.find('\n') + 1) == "7\r\n");
    auto status = run([](QueryContext& c) {
        return run_sql(c, "SELECT status, count(*) FROM port_status WHERE transport = 'tcp' "
                          "GROUP BY status ORDER BY status");
    });
    CHECK(status.second.find("assigned,5") != std::string::npos);
    CHECK(status.second.find("unassigned,2") != std::string::npos);
    // The changes views agree with diff: finger edited, 4242/tcp split out.
    auto changes = run([](QueryContext& c) {
        return run_sql(c, "SELECT change, side, \"Service Name\", \"Port Number\" FROM "
                          "release_changes WHERE seq = 2 ORDER BY change, side, \"Port Number\"");
    });
    CHECK(changes.second == "change,side,Service Name,Port Number\r\n"
                            "added,new,,4200-4241\r\n"
                            "added,new,example-svc,4242\r\n"
                            "added,new,,4243-4299\r\n"
                            "modified,new,finger,79\r\n"
                            "modified,old,finger,79\r\n"
                            "removed,old,,4200-4299\r\n");
    auto history = run([](QueryContext& c) {
        return run_sql(c, "SELECT first_seq, last_seq, \"Description\" FROM record_history "
                          "WHERE \"Service Name\" = 'finger' ORDER BY first_seq");
    });
    CHECK(history.second == "first_seq,last_seq,Description\r\n"
                            "1,1,Finger\r\n"
                            "2,,Finger User Information\r\n");
}

TEST_CASE("full-text queries are quoted words") {
    CHECK(fts_query("whois++") == "\"whois++\"");
    CHECK(fts_query("  sql*net  say\"hi ") == "\"sql*net\" \"say\"\"hi\"");
    CHECK(fts_query(" ").empty());
}

TEST_CASE_METHOD(SmallHistory, "search --fts ranks with FTS5, and punctuation does not break it") {
    auto web = run([](QueryContext& c) { return run_search(c, "world wide", true); });
    REQUIRE(csv_rows(web.second).size() == 1);
    CHECK(csv_rows(web.second)[0][0] == "http");
    auto person = run([](QueryContext& c) { return run_search(c, "zubov", true); });
    CHECK(csv_rows(person.second).size() == 2); // snif and example-svc name Jim_Zubov
    for (auto odd : {"whois++", "sql*net", "a\"b", "NEAR(", "-x", "AND OR NOT", "^*:"}) {
        INFO(odd);
        CHECK_NOTHROW(run([&](QueryContext& c) { return run_search(c, odd, true); }));
        CHECK_NOTHROW(run([&](QueryContext& c) { return run_search(c, odd, false); }));
    }
    CHECK_THROWS_AS(run([](QueryContext& c) { return run_search(c, "  ", true); }), UsageError);
}

// log counts what portreg-import reported when it added each release.
TEST_CASE("log agrees with the importer's counts") {
    test::TempDir dir;
    auto path = dir.file("h.db");
    std::vector<ImportResult> results;
    {
        auto db = open_database(path, OpenMode::read_write);
        HistoryStore store(db);
        ReleaseReader reader;
        std::size_t index = 0;
        test::for_each_member(
            [&](const std::string& name) {
                return index++ % 30 == 0 && name != "xml/2017-05-19-b0a43952.xml";
            },
            [&](Input& in) {
                auto digest = to_hex(sha256(in.bytes));
                results.push_back(store.add(reader.read(in, digest)));
            });
    }
    GlobalOptions options;
    options.database = path;
    std::ostringstream out;
    QueryContext ctx(options, Format::csv, out, 80);
    CHECK(run_log(ctx, "", "") == 0);
    std::istringstream lines(out.str());
    std::string line;
    std::getline(lines, line);
    CHECK(line == "registry_date,sha256,format,records,added,removed,changed\r");
    std::size_t i = 0;
    while (std::getline(lines, line)) {
        REQUIRE(i < results.size());
        const auto& r = results[i++];
        std::string expected =
            r.registry_date + "," + r.sha256 + ",xml," + std::to_string(r.records) + ",";
        if (r.previous)
            expected += std::to_string(r.records_added) + "," + std::to_string(r.records_removed) +
                        "," + std::to_string(r.records_changed);
        else
            expected += ",,";
        CHECK(line == expected + "\r");
    }
    CHECK(i == results.size());
    std::ostringstream some;
    QueryContext some_ctx(options, Format::csv, some, 80);
    run_log(some_ctx, "2020-01-01", "2020-12-31");
    auto year = some.str();
    CHECK(std::count(year.begin(), year.end(), '\n') > 1);
    CHECK(year.find("2019-") == std::string::npos);
    CHECK(year.find("2021-") == std::string::npos);
    CHECK_THROWS_AS(run_log(some_ctx, "2021-01-01", "2020-01-01"), UsageError);
    CHECK_THROWS_AS(run_log(some_ctx, "2020-13-01", ""), UsageError);
}

TEST_CASE_METHOD(SmallHistory, "diff reports record changes and events, pairing edits") {
    auto text = run([](QueryContext& c) { return run_diff(c, "", ""); }, {}, Format::text);
    CHECK(text.first == 0);
    CHECK(text.second == "2026-08-17 53420475 -> 2026-08-20 91e5d605: records 3 added, 1 removed, "
                         "1 modified; people 0 added, 0 removed, 0 changed; registry unchanged\n"
                         "  4242/tcp  assigned  example-svc  (was Unassigned 4200-4299/tcp)\n"
                         "  79/tcp    modified  finger\n"
                         "      Description: Finger -> Finger User Information\n");
    auto json = run([](QueryContext& c) { return run_diff(c, "2026-08-17", "2026-08-20"); }, {},
                    Format::json);
    auto j = nlohmann::json::parse(json.second);
    CHECK(j["summary"]["records"]["modified"] == 1);
    CHECK(j["summary"]["records"]["added"] == 3);
    CHECK(j["summary"]["events"]["assigned"] == 1);
    CHECK(j["records"].size() == 5);
    CHECK(j["records"][0]["old"]["description"] == "Finger");
    CHECK(j["records"][0]["new"]["description"] == "Finger User Information");
    CHECK(j["records"][0]["fields"] == nlohmann::json{"Description"});
    CHECK(j["records"][2]["old"].is_null());
    CHECK(j["events"][0]["event"] == "assigned");
    CHECK(j["events"][0]["service"] == "example-svc");
    CHECK(j["events"][0]["was"] == nlohmann::json{"Unassigned 4200-4299/tcp"});
    // Numbers as numbers, what an event lacks as null, and every key always.
    CHECK(j["events"][0]["port_low"] == 4242);
    CHECK(j["events"][0]["old_service"].is_null());
    CHECK(j["events"][0]["description"].is_null());
    CHECK(j["events"][1]["fields"] == nlohmann::json{"Description"});
    CHECK(j["summary"]["registry"] == 0);
    auto csv = run([](QueryContext& c) { return run_diff(c, "", ""); }, {}, Format::csv);
    CHECK(csv.second == "event,port,transport,service,old_service,description,detail\r\n"
                        "assigned,4242,tcp,example-svc,,,was Unassigned 4200-4299/tcp\r\n"
                        "modified,79,tcp,finger,,Finger User Information,Description\r\n");
    auto md = run([](QueryContext& c) { return run_diff(c, "", ""); }, {}, Format::markdown);
    CHECK(md.second.find("### Assigned (1)\n\n- `4242/tcp` **example-svc** (was Unassigned "
                         "4200-4299/tcp)\n") != std::string::npos);
    auto html = run([](QueryContext& c) { return run_diff(c, "", ""); }, {}, Format::html);
    CHECK(html.second.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(html.second.find("example-svc") != std::string::npos);
    for (const char* external : {"src=", "href=", "url(", "@import"})
        CHECK(html.second.find(external) == std::string::npos);
    auto same = run([](QueryContext& c) { return run_diff(c, "2026-08-20", "2026-08-20"); });
    CHECK(same.first == 1);
    CHECK_THROWS_AS(run([](QueryContext& c) { return run_diff(c, "2026-08-20", "2026-08-17"); }),
                    UsageError);
    CHECK_THROWS(run([](QueryContext& c) { return run_diff(c, "2020-01-01", ""); }));
}

TEST_CASE_METHOD(SmallHistory,
                 "history tells the releases that changed a port, a service, a person") {
    auto port = run([](QueryContext& c) { return run_history(c, "port", "4242/tcp"); });
    CHECK(port.first == 0);
    CHECK(port.second ==
          "registry_date,sha256,port,event,service,detail\r\n"
          "2026-08-17,534204753b831a253bc279f3e1dfa0a6beabf9d79526f0b4ac9d58aef53fd428,"
          "4200-4299/tcp,listed,(Unassigned),\r\n"
          "2026-08-20,91e5d605610de8b82351f35f8910b1bffc2ed20ab3cb2f460a537fce15e1bd3b,4242/tcp,"
          "assigned,example-svc,was Unassigned 4200-4299/tcp\r\n");
    // The small release has no row for udp there: nothing to tell.
    auto udp = run([](QueryContext& c) { return run_history(c, "port", "4242/udp"); });
    CHECK(udp.first == 1);
    CHECK(std::count(udp.second.begin(), udp.second.end(), '\n') == 1);
    auto service =
        run([](QueryContext& c) { return run_history(c, "service", "FINGER"); }, {}, Format::text);
    CHECK(
        service.second.find("2026-08-20  91e5d605  79/tcp  modified  finger   Description: Finger "
                            "-> Finger User Information") != std::string::npos);
    // As `service` does: patterns, ignoring case.
    auto pattern = run([](QueryContext& c) { return run_history(c, "service", "F?NG*"); });
    CHECK(pattern.second.find(",79/tcp,modified,finger,Description: Finger -> Finger User "
                              "Information\r\n") != std::string::npos);
    auto person = run([](QueryContext& c) { return run_history(c, "person", "david_zimmerman"); });
    CHECK(person.second.find(",person listed,David_Zimmerman,David Zimmerman\r\n") !=
          std::string::npos);
    CHECK(person.second.find(",79/tcp,record modified,finger,Description: Finger -> Finger User "
                             "Information\r\n") != std::string::npos);
    CHECK(run([](QueryContext& c) { return run_history(c, "service", "nothing-here"); }).first ==
          1);
    // A range: the records overlapping it, as `port` takes it; transports in any case.
    auto range = run([](QueryContext& c) { return run_history(c, "port", "4240-4249/TCP"); });
    CHECK(range.first == 0);
    CHECK(range.second.find(",4242/tcp,assigned,example-svc,was Unassigned 4200-4299/tcp\r\n") !=
          std::string::npos);
    CHECK(range.second.find(",4200-4299/tcp,listed,(Unassigned),\r\n") != std::string::npos);
    CHECK_THROWS_AS(run([](QueryContext& c) { return run_history(c, "port", "70000"); }),
                    UsageError);
}

namespace {

// The small history, last brought up to date when a test says.
struct StaleHistory : SmallHistory {
    const std::time_t now = *parse_iso_utc("2026-12-01T12:00:00Z");

    void write(const std::string& statement, const std::string& stamp) {
        SQLite::Database db(path, SQLite::OPEN_READWRITE);
        SQLite::Statement st(db, statement);
        st.bind(1, stamp);
        st.exec();
    }
    void imported_at(const std::string& stamp) {
        write("UPDATE release SET imported_at = ?1", stamp);
    }
    void fetch_checked_at(const std::string& stamp) {
        write("INSERT OR REPLACE INTO fetch_state(url, checked_at) VALUES ('https://x.test/', ?1)",
              stamp);
    }
    // The note portreg-query writes after `command`.
    template <typename Command>
    std::string note_after(Command command, GlobalOptions options = {}, bool terminal = true,
                           std::time_t at = 0) {
        std::string note;
        run(
            [&](QueryContext& c) {
                int rc = command(c);
                note = staleness_note(c, terminal, at ? at : now);
                return rc;
            },
            options);
        return note;
    }
};

int port_79(QueryContext& c) {
    return run_port(c, "79");
}

} // namespace

TEST_CASE("ISO 8601 stamps are read back") {
    CHECK(parse_iso_utc("2026-08-17T05:12:09Z") == std::time_t{1786943529});
    CHECK(parse_iso_utc(iso_utc(1786943529)) == std::time_t{1786943529});
    CHECK(parse_iso_utc("2026-08-17T05:12:09.123+00:00") == std::time_t{1786943529});
    for (auto bad : {"", "2026-08-17", "2026-08-17 05:12:09", "2026-13-17T05:12:09Z",
                     "2026-08-17T24:00:00Z", "x026-08-17T05:12:09Z", "2026-08-17T-5:12:09Z"})
        CHECK_FALSE(parse_iso_utc(bad));
    CHECK(whole_days(1000, 1000 + 86400 * 31 - 1) == 30);
    CHECK(whole_days(1000, 1000 + 86400 * 31) == 31);
    CHECK(whole_days(1000, 10) == 0);
}

TEST_CASE_METHOD(StaleHistory, "a month without a check: a note on a terminal, about the newest") {
    // Just imported: nothing to say.
    CHECK(note_after(port_79, {}, true, std::time(nullptr)).empty());

    imported_at("2026-08-20T10:00:00Z");
    const std::string note = "note: newest release 2026-08-20, last checked 103 days ago; "
                             "portreg-import --fetch brings it up to date";
    CHECK(note_after(port_79) == note);
    CHECK(note_after([](QueryContext& c) { return run_service(c, "finger"); }) == note);
    CHECK(note_after([](QueryContext& c) { return run_diff(c, "2026-08-17", ""); }) == note);
    CHECK(note_after([](QueryContext& c) { return run_export(c); }) == note);

    // Not on a terminal, not about a chosen snapshot, not about the newest.
    CHECK(note_after(port_79, {}, false).empty());
    CHECK(note_after(port_79, as_of("2026-08-20")).empty());
    GlobalOptions by_hash;
    by_hash.snapshot = "91e5d605";
    CHECK(note_after(port_79, by_hash).empty());
    CHECK(note_after([](QueryContext& c) {
              return run_diff(c, "2026-08-17", "2026-08-20");
          }).empty());
    CHECK(note_after(run_snapshots).empty());
    CHECK(note_after([](QueryContext& c) { return run_log(c, "", ""); }).empty());
    CHECK(note_after([](QueryContext& c) { return run_sql(c, "SELECT 1"); }).empty());

    // More than 30 whole days.
    imported_at("2026-10-31T12:00:01Z");
    CHECK(note_after(port_79).empty());
    imported_at("2026-10-31T12:00:00Z");
    CHECK(note_after(port_79).find("last checked 31 days ago") != std::string::npos);
}

TEST_CASE_METHOD(StaleHistory, "a fetch that found nothing new counts as a check") {
    imported_at("2026-08-20T10:00:00Z");
    fetch_checked_at("2026-09-01T12:00:00Z");
    CHECK(note_after(port_79).find("last checked 91 days ago;") != std::string::npos);
    fetch_checked_at("2026-11-30T23:00:00Z");
    CHECK(note_after(port_79).empty());
    // An import after the last fetch counts too.
    fetch_checked_at("2026-08-01T00:00:00Z");
    CHECK(note_after(port_79).find("last checked 103 days ago;") != std::string::npos);
}

TEST_CASE_METHOD(StaleHistory, "a schema-3 file without fetch_state gets the note from imports") {
    imported_at("2026-08-20T10:00:00Z");
    {
        SQLite::Database db(path, SQLite::OPEN_READWRITE);
        db.exec("DROP TABLE fetch_state; PRAGMA user_version = 3");
    }
    CHECK(note_after(port_79).find("last checked 103 days ago;") != std::string::npos);
}
