#include "change_loader.hpp"
#include "csv_reader.hpp"
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

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

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
        auto digest = to_hex(sha256(in.bytes));
        auto csv = ReleaseReader(twin.date).read(in, digest);
        CHECK(csv.registry_date == twin.date);
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
        CHECK(test::rendered(alone_reader.records(1)) == test::rendered(csv.records));
    }
}
