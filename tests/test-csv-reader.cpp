#include "change_loader.hpp"
#include "csv_reader.hpp"
#include "plain_csv.hpp"
#include "release_reader.hpp"
#include "store_support.hpp"
#include "support.hpp"

#include "portreg/database.hpp"
#include "portreg/digest.hpp"
#include "portreg/history_store.hpp"
#include "portreg/render.hpp"
#include "portreg/text.hpp"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

using namespace portreg;

namespace {

std::string small_csv() {
    return test::slurp(test::data_path("small.csv"));
}

Release read(const std::string& csv, const std::string& date = "2026-08-17") {
    return read_csv_release(csv, {"test.csv", {}, 0, 0}, date);
}

std::string error_of(const std::string& csv) {
    try {
        read(csv);
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

using test::replaced;

} // namespace

TEST_CASE("bracketed reference lists") {
    auto refs = parse_reference_list(
        "[RFC6335][BCP14][draft-ietf-foo-bar-01][RFC-ietf-emailcore-rfc5321bis-43]"
        "[https://example.com/x][1][see the notes]",
        false);
    REQUIRE(refs.size() == 7);
    CHECK(refs[0] == Xref{"rfc", "rfc6335", "", ""});
    CHECK(refs[1] == Xref{"rfc", "bcp14", "", ""});
    CHECK(refs[2] == Xref{"draft", "draft-ietf-foo-bar-01", "", ""});
    CHECK(refs[3] == Xref{"draft", "RFC-ietf-emailcore-rfc5321bis-43", "", ""});
    CHECK(refs[4] == Xref{"uri", "https://example.com/x", "", ""});
    CHECK(refs[5] == Xref{"note", "1", "", ""});
    CHECK(refs[6] == Xref{"text", "", "see the notes", ""});
    for (const auto& x : refs)
        CHECK(render_xref(x).size() > 2);
    CHECK(parse_reference_list("[Jon_Postel][RFC1]", true)[1] == Xref{"person", "RFC1", "", ""});
    CHECK(parse_reference_list("", false).empty());
    // An item may hold brackets of its own.
    CHECK(parse_reference_list("[a [b] c][d]", false).size() == 2);
    CHECK_THROWS_AS(parse_reference_list("RFC6335", false), std::invalid_argument);
    CHECK_THROWS_AS(parse_reference_list("[RFC6335", false), std::invalid_argument);
    CHECK_THROWS_AS(parse_reference_list("[]", false), std::invalid_argument);
}

TEST_CASE("a small CSV reads into the records its XML twin has") {
    auto csv = read(small_csv());
    CHECK(csv.format == "csv");
    CHECK(csv.registry_date == "2026-08-17");
    CHECK_FALSE(csv.date_inferred);
    CHECK_FALSE(csv.meta);
    std::string xml = test::slurp(test::data_path("small.xml"));
    auto twin = read_xml_release(xml, {"small.xml", {}, 0, 0});
    REQUIRE(csv.records.size() == twin.records.size());
    for (std::size_t i = 0; i < csv.records.size(); ++i) {
        INFO("record " << i);
        CHECK(render_record(*csv.records[i]) == render_record(*twin.records[i]));
    }
    // Person ids become people known by id only, in order of appearance.
    REQUIRE(csv.people.size() == 7);
    CHECK(csv.people[0]->id == "Mark_Lottor");
    CHECK(csv.people[0]->name.empty());
    CHECK(csv.records[4]->has_assignee);
    CHECK_FALSE(csv.records[1]->has_assignee);
}

TEST_CASE("a Port Number is kept as written") {
    auto r = read(test::replaced(small_csv(), "finger,79,", "finger,79-79,"));
    CHECK(r.records[3]->number == "79-79");
    CHECK(r.records[3]->port == PortRange{79, 79});
    CHECK(render_record(*r.records[3])[1] == "79-79");
}

TEST_CASE("without --date, the date is the latest full date in the file") {
    auto r = read(small_csv(), "");
    CHECK(r.registry_date == "2026-07-22");
    CHECK(r.date_inferred);
}

TEST_CASE("LF row ends, no byte order mark and no trailing empty line are as good") {
    std::string csv = small_csv().substr(3);
    std::string lf;
    for (std::size_t i = 0; i < csv.size(); ++i)
        if (!(csv[i] == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n')) lf += csv[i];
    while (lf.back() == '\n')
        lf.pop_back();
    auto a = read(lf);
    auto b = read(small_csv());
    REQUIRE(a.records.size() == b.records.size());
    for (std::size_t i = 0; i < a.records.size(); ++i)
        CHECK(render_record(*a.records[i]) == render_record(*b.records[i]));
}

TEST_CASE("bad CSV input names the file and the line") {
    auto csv = small_csv();
    CHECK(error_of(replaced(csv, "Description,Assignee", "Descr,Assignee")) ==
          "test.csv: line 1: CSV header: column 4 is \"Descr\", expected \"Description\"");
    CHECK(error_of(replaced(csv, ",Assignment Notes", "")) ==
          "test.csv: line 1: CSV header: missing column 12 \"Assignment Notes\"");
    CHECK(error_of(replaced(csv, "tcpmux,1,tcp,", "tcpmux,1,")) ==
          "test.csv: line 3: CSV: row has 11 fields, expected 12");
    // The row after the quoted line break starts on line 7.
    CHECK(error_of(replaced(csv, "discard,9,dccp", "discard,9,dccp,extra")) ==
          "test.csv: line 8: CSV: row has 13 fields, expected 12");
    CHECK(error_of(replaced(csv, "\"Defined TXT", "\"Defined \"TXT")) ==
          "test.csv: line 6: CSV: error parsing data while strict checking enabled");
    CHECK(error_of(replaced(csv, "nvme-disc,,,NVMe", "nvme-disc,,,\"NVMe")) ==
          "test.csv: line 11: CSV: a quoted field that starts here is never closed");
    CHECK(error_of(replaced(csv, "snif,7123,", "snif,70000,")) ==
          "test.csv: line 10: port \"70000\" is out of range 0-65535");
    CHECK(error_of(replaced(csv, ",4200-4299,", ",4299-4200,")) ==
          "test.csv: line 9: port range \"4299-4200\" is reversed");
    CHECK(error_of(replaced(csv, "2026-07-22,2026-07-22", "2026-07-22,2025-13-40")) ==
          "test.csv: line 10: bad date \"2025-13-40\" (expected YYYY-MM-DD or YYYY-MM)");
    CHECK(error_of(replaced(csv, ",dccp,", ",quic,")) ==
          "test.csv: line 8: unknown transport \"quic\" (expected tcp, udp, sctp or dccp)");
    CHECK(error_of(replaced(csv, "[RFC9110]", "RFC9110")) ==
          "test.csv: line 6: Reference: \"RFC9110\" is not a list of [references]");
    auto bad_utf8 = replaced(csv, "Finger", "Fin\xFFger");
    CHECK(error_of(bad_utf8) == "test.csv: line 5, column 18: invalid UTF-8 byte");
    CHECK(error_of("") == "test.csv: empty input");
}

namespace {

struct Twin {
    std::string date;
    std::string csv_file;
};

Release read_member(const std::string& date) {
    Release out;
    ReleaseReader reader;
    test::for_each_member([&](const std::string& name) { return name.find("xml/" + date) == 0; },
                          [&](Input& in) {
                              auto digest = to_hex(sha256(in.bytes));
                              out = reader.read(in, digest);
                          });
    return out;
}

} // namespace

TEST_CASE("IANA's CSVs equal their XML twins, and add no record versions") {
    for (const auto& twin : {Twin{"2024-04-30", "service-names-port-numbers-2024-04-30.csv"},
                             Twin{"2025-04-07", "service-names-port-numbers-2025-04-07.csv"},
                             Twin{"2026-02-13", "service-names-port-numbers-2026-02-13.csv"}}) {
        INFO(twin.csv_file);
        auto xml = read_member(twin.date);
        REQUIRE(xml.registry_date == twin.date);
        Input in;
        in.where.file = twin.csv_file;
        in.bytes = test::slurp(test::data_path("csv/" + twin.csv_file));
        in.captured = "2030-01-01T00:00:00Z";
        // IANA's text, read without portreg's reader: the reference.
        const auto published = test::read_plain_csv(in.bytes);
        const auto as_published = [&published](const std::vector<RecordPtr>& records) {
            REQUIRE(records.size() + 1 == published.size());
            for (std::size_t i = 0; i < records.size(); ++i) {
                INFO("row " << i + 2);
                const auto columns = render_record(*records[i]);
                REQUIRE(test::CsvRow(columns.begin(), columns.end()) == published[i + 1]);
            }
        };
        as_published(xml.records);
        auto digest = to_hex(sha256(in.bytes));
        auto csv = ReleaseReader(twin.date).read(in, digest);
        CHECK(csv.registry_date == twin.date);
        as_published(csv.records);
        REQUIRE(csv.records.size() == xml.records.size());
        for (std::size_t i = 0; i < csv.records.size(); ++i) {
            INFO("row " << i + 2);
            REQUIRE(render_record(*csv.records[i]) == render_record(*xml.records[i]));
        }

        test::TempDir dir;
        auto db = open_database(dir.file("twins.db"), OpenMode::read_write);
        HistoryStore store(db);
        store.add(xml);
        auto versions = db.execAndGet("SELECT count(*) FROM record").getInt64();
        auto result = store.add(csv);
        CHECK(result.new_record_versions == 0);
        CHECK(db.execAndGet("SELECT count(*) FROM record").getInt64() == versions);
        SnapshotReader reader(db);
        auto releases = reader.releases();
        REQUIRE(releases.size() == 2);
        // Of one date, the CSV comes first: the XML, which carries more, is
        // the newest release of that date.
        CHECK(releases[0].format == "csv");
        CHECK(releases[1].format == "xml");
        CHECK(test::rendered(reader.records(1)) == test::rendered(reader.records(2)));
        // A change report between the twins has no record change, and does
        // not compare what the CSV cannot carry.
        auto report = query::diff_snapshots(db, releases[0], releases[1]);
        CHECK(report.records.empty());
        CHECK(report.events.empty());
        CHECK_FALSE(report.people_compared);
        CHECK_FALSE(report.registry_compared);

        // Alone, the CSV reads back as itself.
        auto alone = open_database(dir.file("alone.db"), OpenMode::read_write);
        HistoryStore(alone).add(csv);
        SnapshotReader alone_reader(alone);
        as_published(alone_reader.records(1));
    }
}

TEST_CASE("rows ended by bare carriage returns read as libcsv splits them") {
    // Row ends only: a line break inside quotes stays as it is.
    std::string cr;
    bool quoted = false;
    for (char c : small_csv()) {
        quoted = quoted != (c == '"');
        if (c != '\n' || quoted) cr += c;
    }
    auto a = read(cr);
    auto b = read(small_csv());
    REQUIRE(a.records.size() == b.records.size());
    for (std::size_t i = 0; i < a.records.size(); ++i)
        CHECK(render_record(*a.records[i]) == render_record(*b.records[i]));
    // Rows that share their bytes with others get no key: none is looked up.
    const auto keyed = read_csv_release(cr, {"small.csv", {}, 0, 0}, {}, IndexSource());
    REQUIRE(keyed.record_keys.size() == a.records.size());
    for (const auto& key : keyed.record_keys)
        CHECK(key == DigestKey());
}

namespace {

std::string real_csv() {
    return test::slurp(test::data_path("csv/service-names-port-numbers-2026-02-13.csv"));
}

struct Added {
    std::string registry_date;
    std::size_t handed_out = 0; // records the index gave
};

// Adds one CSV to two databases, as one portreg-import each: to `with`
// through the index of its newest release, to `without` read in full.
Added add_both(const std::string& bytes, const std::string& date, SQLite::Database& with,
               SQLite::Database& without) {
    Input in;
    in.where.file = "release.csv";
    in.bytes = bytes;
    in.captured = "2030-01-01T00:00:00Z";
    const auto digest = to_hex(sha256(bytes));
    {
        auto copy = in;
        HistoryStore store(without);
        store.add(ReleaseReader(date).read(copy, digest), true);
    }
    HistoryStore store(with);
    ReleaseReader reader(date);
    auto index = store.newest_index("csv");
    auto release = reader.read(in, digest, [&] { return index; });
    Added out{release.registry_date, 0};
    for (const auto& r : release.records)
        if (test::entry_of(r) >= 0) ++out.handed_out;
    if (!store.try_add(release, true)) {
        out.handed_out = 0;
        store.add(reader.read_afresh(in, digest), true);
    }
    return out;
}

} // namespace

TEST_CASE("a CSV read through the index of the CSV before it is stored as one read in full") {
    const auto real = real_csv();
    const auto day_before =
        replaced(real, "TCP Port Service Multiplexer,", "TCP Port Service Multiplexer (old),");
    // A week later: a row gone, one repeated whole, a quoted line break
    // edited, a contact changed to a new person, a new row.
    auto week_later = replaced(real,
                               "tcpmux,1,udp,TCP Port Service Multiplexer,[Mark_Lottor],"
                               "[Mark_Lottor],,,,,,\r\n",
                               "");
    week_later = replaced(week_later, "\"whois++\nIANA assigned", "\"whois++\nIANA has assigned");
    const auto echo = week_later.find("\necho,7,tcp,");
    REQUIRE(echo != std::string::npos);
    const auto echo_end = week_later.find('\n', echo + 1);
    week_later.insert(echo_end, week_later.substr(echo, echo_end - echo));
    week_later = replaced(week_later, "[Jon_Postel],[Jon_Postel]", "[Jon_Postel],[Jane_Doe]");
    week_later += "newsvc,47810,tcp,A new service,[New_Person],[New_Person],2026-03-01,,,,,\r\n";
    // Dated between two stored CSVs: the index is not of its neighbours.
    const auto in_between = replaced(real, "Echo,", "Echo (in between),");

    test::TempDir dir;
    auto with = open_database(dir.file("with.db"), OpenMode::read_write);
    auto without = open_database(dir.file("without.db"), OpenMode::read_write);
    CHECK(add_both(day_before, "2026-02-12", with, without).handed_out == 0);
    auto next = add_both(real, "2026-02-13", with, without);
    CHECK(next.handed_out == 14498); // all but the row that changed
    // No --date: the date of a row handed out counts as it does read.
    auto later = add_both(week_later, "", with, without);
    CHECK(later.registry_date == "2026-03-01");
    CHECK(later.handed_out > 14400);
    CHECK(add_both(in_between, "2026-02-20", with, without).handed_out == 0);
    CHECK(test::all_rows(with) == test::all_rows(without));
    CHECK(with.execAndGet("SELECT count(*) FROM release").getInt64() == 4);
}

TEST_CASE("a CSV is read in full beside an index of XML, and XML beside one of CSV") {
    test::TempDir dir;
    auto db = open_database(dir.file("t.db"), OpenMode::read_write);
    HistoryStore store(db);
    std::string xml = test::slurp(test::data_path("small.xml"));
    // Read with its elements' keys, which an index needs.
    auto from_xml = read_xml_release(xml, {"small.xml", {}, 0, 0}, nullptr, IndexSource());
    from_xml.sha256 = std::string(64, 'a');
    REQUIRE(store.try_add(from_xml, true));
    CHECK(store.newest_index("csv") == nullptr);
    auto xml_index = store.newest_index("xml");
    REQUIRE(xml_index);
    auto csv = read_csv_release(small_csv(), {"small.csv", {}, 0, 0}, "2026-08-18",
                                [&] { return xml_index; });
    CHECK_FALSE(csv.index);
    for (const auto& r : csv.records)
        CHECK(test::entry_of(r) < 0);
    csv.sha256 = std::string(64, 'b');
    REQUIRE(store.try_add(csv, true));
    auto csv_index = store.newest_index("csv");
    REQUIRE(csv_index);
    CHECK(store.newest_index("xml") == nullptr);
    xml = test::slurp(test::data_path("small.xml"));
    auto again = read_xml_release(xml, {"small.xml", {}, 0, 0}, nullptr, [&] { return csv_index; });
    for (const auto& r : again.records)
        CHECK(test::entry_of(r) < 0);
}
