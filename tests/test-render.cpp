#include "support.hpp"
#include "xml_reader.hpp"

#include "portreg/render.hpp"

#include <catch2/catch.hpp>

using namespace portreg;

TEST_CASE("xrefs render as IANA's web page shows them") {
    CHECK(render_xref({"rfc", "rfc6335", "", ""}) == "[RFC6335]");
    CHECK(render_xref({"rfc", "bcp14", "", ""}) == "[BCP14]");
    CHECK(render_xref({"person", "Jon_Postel", "", ""}) == "[Jon_Postel]");
    CHECK(render_xref({"note", "1", "", ""}) == "[1]");
    CHECK(render_xref({"draft", "draft-zubov-snif-05", "draft-zubov-snif-05, Section 4.3",
                       "4.3"}) == "[draft-zubov-snif-05, Section 4.3]");
    CHECK(render_xref({"text", "", "Some text", ""}) == "[Some text]");
}

TEST_CASE("the 12 columns of every record of a small release") {
    std::string xml = test::slurp(test::data_path("small.xml"));
    auto release = read_xml_release(xml, {"small.xml", {}, 0, 0});
    const std::vector<Columns> expected = {
        {"", "0", "tcp", "Reserved", "", "", "", "2024-12-20", "[RFC6335]", "", "", ""},
        {"tcpmux", "1", "tcp", "TCP Port Service Multiplexer", "[Mark_Lottor]", "[Mark_Lottor]", "",
         "", "", "", "", ""},
        {"", "2", "udp", "Reserved", "", "", "", "2025-02-13", "", "", "",
         "De-assigned on 2025-02-13, previously compressnet by [Bernie_Volz]"},
        {"finger", "79", "tcp", "Finger", "[David_Zimmerman]", "[David_Zimmerman]", "", "", "", "",
         "Unauthorized use by some mail users (see [RFC4146] for details)", ""},
        {"http", "80", "tcp", "World Wide Web HTTP", "[IESG]", "[IETF_Chair]", "", "2021-10-01",
         "[RFC9110]", "", "",
         "Defined TXT keys: u=<username> p=<password> path=<path to document>"},
        {"discard", "9", "dccp", "Discard", "[Eddie_Kohler]", "[Eddie_Kohler]", "", "", "[RFC4340]",
         "1145656131", "", ""},
        {"", "4200-4299", "tcp", "Unassigned", "", "", "", "", "", "", "", ""},
        {"snif", "7123", "tcp", "SNIF End-to-End TLS Relay Control Connection", "[Jim_Zubov]",
         "[Jim_Zubov]", "2026-07-22", "2026-07-22", "[draft-zubov-snif-05, Section 4.3]", "", "",
         ""},
        {"nvme-disc", "", "", "NVMe over Fabrics discovery service", "[Ghost_Person]",
         "[Ghost_Person]", "2013-05", "", "[1]", "", "", ""},
    };
    REQUIRE(release.records.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("record " << i);
        CHECK(render_record(*release.records[i]) == expected[i]);
    }
}

TEST_CASE("column names are IANA's CSV header") {
    std::string header;
    for (auto name : column_names())
        header += std::string(header.empty() ? "" : ",") + name;
    CHECK(header == "Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,"
                    "Registration Date,Modification Date,Reference,Service Code,"
                    "Unauthorized Use Reported,Assignment Notes");
}
