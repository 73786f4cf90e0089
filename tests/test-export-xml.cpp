// portreg-query export --format xml against the XML IANA published: each
// release exported from a database holding many must equal the original
// under xml_difference (tests/xml_compare.hpp), which shares no code with
// portreg.

#include "commands.hpp"
#include "plain_csv.hpp"
#include "release_reader.hpp"
#include "support.hpp"
#include "xml_compare.hpp"

#include "portreg/database.hpp"
#include "portreg/digest.hpp"
#include "portreg/history_store.hpp"
#include "portreg/render.hpp"

#include <catch2/catch.hpp>

#include <functional>
#include <sstream>

using namespace portreg;
using namespace portreg::query;

namespace {

using Wanted = std::function<bool(const std::string&)>;

// The members `wanted` picks, imported into one database in archive order.
void import_members(const std::string& db_path, const Wanted& wanted) {
    auto db = open_database(db_path, OpenMode::read_write);
    HistoryStore store(db);
    ReleaseReader reader;
    test::for_each_member(wanted, [&](Input& in) {
        const auto digest = to_hex(sha256(in.bytes));
        try {
            store.add(reader.read(in, digest));
        } catch (const Error&) {
            // The broken release of 2017-05-19: nothing to compare.
        }
    });
}

std::string export_xml(const std::string& db_path, const std::string& snapshot) {
    GlobalOptions options;
    options.database = db_path;
    options.snapshot = snapshot;
    std::ostringstream out;
    QueryContext ctx(options, Format::xml, out, 80);
    REQUIRE(run_export(ctx) == 0);
    return out.str();
}

// Exports every member `wanted` picks from the database and compares it
// with the member's bytes; returns how many were compared.
std::size_t compare_exports(const std::string& db_path, const Wanted& wanted) {
    std::size_t compared = 0;
    test::for_each_member(wanted, [&](Input& in) {
        if (in.where.member == "xml/2017-05-19-b0a43952.xml") return; // ill-formed
        INFO(in.where.member);
        const auto exported = export_xml(db_path, to_hex(sha256(in.bytes)));
        CHECK(test::xml_difference(in.bytes, exported) == "");
        ++compared;
    });
    return compared;
}

} // namespace

TEST_CASE("export --format xml gives back a sample of releases as published") {
    // Every 60th release, the first with <paragraph> in a note, the
    // releases of 2017-05-19, and the newest, imported together.
    std::size_t index = 0;
    const Wanted wanted = [&index](const std::string& m) {
        return index++ % 60 == 0 || m == "xml/2022-12-15-d4646065.xml" ||
               m.find("xml/2017-05-19") == 0 || m == "xml/2026-08-17-4bbf00ef.xml";
    };
    test::TempDir dir;
    import_members(dir.file("h.db"), wanted);
    index = 0;
    CHECK(compare_exports(dir.file("h.db"), wanted) == 16);
}

TEST_CASE("export --format xml gives back every release of the history", "[slow]") {
    const Wanted all = [](const std::string&) { return true; };
    test::TempDir dir;
    import_members(dir.file("h.db"), all);
    CHECK(compare_exports(dir.file("h.db"), all) == 678);
}

TEST_CASE("a snapshot read from a CSV exports what the CSV carries") {
    test::TempDir dir;
    const auto csv = test::slurp(test::data_path("csv/service-names-port-numbers-2026-02-13.csv"));
    {
        auto db = open_database(dir.file("c.db"), OpenMode::read_write);
        HistoryStore store(db);
        ReleaseReader reader("2026-02-13");
        Input in;
        in.where.file = "iana.csv";
        in.bytes = csv;
        store.add(reader.read(in, to_hex(sha256(csv))));
    }
    const auto exported = export_xml(dir.file("c.db"), "");
    CHECK(exported.find("<!-- Written from IANA's CSV") != std::string::npos);
    CHECK(exported.find("<number>4748-4748</number>") != std::string::npos);

    // Read back as a release, it renders IANA's CSV, row for row.
    Input back;
    back.where.file = "exported.xml";
    back.bytes = exported;
    auto release = ReleaseReader().read(back, to_hex(sha256(exported)));
    auto iana = test::read_plain_csv(csv);
    REQUIRE(release.records.size() + 1 == iana.size());
    for (std::size_t i = 0; i < release.records.size(); ++i) {
        const auto columns = render_record(*release.records[i]);
        REQUIRE(std::vector<std::string>(columns.begin(), columns.end()) == iana[i + 1]);
    }
    for (const auto& p : release.people)
        CHECK((p->name.empty() && p->org.empty() && p->uris.empty()));
}
