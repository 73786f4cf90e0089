// The tests' reference helpers, which check the readers from outside: they
// must themselves be right, and must tell apart what is different.

#include "plain_csv.hpp"
#include "xml_compare.hpp"

#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

using Catch::Matchers::Contains;
using portreg::test::CsvRow;
using portreg::test::read_plain_csv;
using portreg::test::xml_difference;

namespace {

// Not support.hpp: that one brings portreg's headers with it.
std::string slurp(const std::string& name) {
    const std::string path = std::string(PORTREG_SOURCE_DIR) + "/tests/data/" + name;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// `xml` as pugixml writes it back with another indentation.
std::string reindented(const std::string& xml, const char* indent) {
    pugi::xml_document doc;
    if (!doc.load_string(xml.c_str())) throw std::runtime_error("does not parse");
    std::ostringstream out;
    doc.save(out, indent, pugi::format_indent);
    return out.str();
}

} // namespace

TEST_CASE("xml: layout, comments and attribute order make no difference") {
    CHECK(xml_difference("<r><a>x</a><b/></r>", "<r>\n  <a>x</a>\n\t<b/>\n</r>\n").empty());
    CHECK(xml_difference("<r>one\r\ntwo</r>", "<r>one\ntwo</r>").empty());
    CHECK(xml_difference("<r>one\r\n  two </r>", "<r>one two</r>").empty());
    CHECK(xml_difference("<r a=\"1\" b=\"2\"/>", "<r b=\"2\" a=\"1\"/>").empty());
    CHECK(xml_difference("<r a=\" x \n y\"/>", "<r a=\"x y\"/>").empty());
    CHECK(xml_difference("<r><a/></r>", "<r><a></a></r>").empty());
    CHECK(xml_difference("<r><a/><b/></r>", "<r><a/><!-- c --><b/></r>").empty());
    CHECK(xml_difference("<r>foo<!-- c -->bar</r>", "<r>foobar</r>").empty());
    CHECK(xml_difference("<r>a<![CDATA[b<]]>c</r>", "<r>ab&lt;c</r>").empty());
    CHECK(
        xml_difference("<?xml version='1.0'?>\n<!-- x --><?pi y?><r><?pi z?></r><!-- w -->", "<r/>")
            .empty());
}

TEST_CASE("xml: every kind of difference is found and placed") {
    CHECK_THAT(xml_difference("<r><a>x</a></r>", "<r><a>y</a></r>"),
               Contains("/r/a: child 1: text \"x\" vs text \"y\""));
    CHECK_THAT(xml_difference("<r a=\"1\"/>", "<r a=\"2\"/>"),
               Contains("/r: attribute a: \"1\" vs \"2\""));
    CHECK_THAT(xml_difference("<r a=\"1\" b=\"2\"/>", "<r a=\"1\"/>"),
               Contains("/r: attribute b: \"2\" vs (missing)"));
    CHECK_THAT(xml_difference("<r a=\"1\"/>", "<r a=\"1\" b=\"2\"/>"),
               Contains("/r: attribute b: (missing) vs \"2\""));
    CHECK_THAT(xml_difference("<r><a/><b/></r>", "<r><b/><a/></r>"),
               Contains("/r/a: element <a> vs <b>"));
    CHECK_THAT(xml_difference("<r><a/></r>", "<r><a/><a/></r>"), Contains("/r: 1 children vs 2"));
    CHECK_THAT(xml_difference("<r><a/></r>", "<r>  </r>"), Contains("/r: 1 children vs 0"));
    CHECK_THAT(xml_difference("<r>x</r>", "<r><x/></r>"),
               Contains("/r: child 1: text \"x\" vs <x>"));
    CHECK_THAT(xml_difference("<r/>", "<s/>"), Contains("/r: element <r> vs <s>"));
    CHECK_THAT(xml_difference("<r xmlns=\"u\"/>", "<r/>"), Contains("attribute xmlns"));
    CHECK_THAT(xml_difference("<r>a<![CDATA[b]]></r>", "<r>a b</r>"), Contains("\"ab\" vs"));
    CHECK_THAT(
        xml_difference("<registry><record/><record><n>1</n><d>a</d></record><x/></registry>",
                       "<registry><record/><record><n>1</n><d>b</d></record><x/></registry>"),
        Contains("/registry/record[2]/d: child 1"));
    CHECK_THAT(xml_difference("<r>", "<r/>"), Contains("first document does not parse"));
    CHECK_THAT(xml_difference("<r/>", "<r></s>"), Contains("second document does not parse"));
    CHECK_THAT(xml_difference("<r/>", ""), Contains("second document does not parse"));
}

TEST_CASE("xml: a release equals itself re-indented, and not the next one") {
    const auto xml = slurp("small.xml");
    CHECK(xml_difference(xml, xml).empty());
    const auto tabs = reindented(xml, "\t");
    REQUIRE(tabs != xml);
    CHECK(xml_difference(xml, tabs).empty());
    CHECK(xml_difference(reindented(xml, ""), xml).empty());
    const auto next = xml_difference(xml, slurp("small-next.xml"));
    INFO(next);
    CHECK_THAT(next, Contains("/registry"));
}

TEST_CASE("csv: quoting, line ends and white space") {
    CHECK(read_plain_csv("a,\"b\nc \"\"q\"\"\"\n") == std::vector<CsvRow>{{"a", "b c \"q\""}});
    CHECK(read_plain_csv("a,b\r\nc,d\r\n") == std::vector<CsvRow>{{"a", "b"}, {"c", "d"}});
    CHECK(read_plain_csv("a,\"x\r\ny\"\r\n") == std::vector<CsvRow>{{"a", "x y"}});
    CHECK(read_plain_csv("\xEF\xBB\xBF"
                         "a,b\n") == std::vector<CsvRow>{{"a", "b"}});
    CHECK(read_plain_csv("a,b\n\n\r\n") == std::vector<CsvRow>{{"a", "b"}});
    CHECK(read_plain_csv("a,b") == std::vector<CsvRow>{{"a", "b"}});
    CHECK(read_plain_csv("  a \t,\"  b \t  c \"\n") == std::vector<CsvRow>{{"a", "b c"}});
    CHECK(read_plain_csv("a,,\"\"\n") == std::vector<CsvRow>{{"a", "", ""}});
    CHECK(read_plain_csv("").empty());
    CHECK_THROWS_AS(read_plain_csv("a,\"b\n"), std::runtime_error);
    CHECK_THROWS_AS(read_plain_csv("a,b\"c\n"), std::runtime_error);
    CHECK_THROWS_AS(read_plain_csv("a,\"b\"c\n"), std::runtime_error);
}

TEST_CASE("csv: a real release") {
    const auto rows = read_plain_csv(slurp("csv/service-names-port-numbers-2026-02-13.csv"));
    REQUIRE(rows.size() > 1000);
    CHECK(rows[0] == CsvRow{"Service Name", "Port Number", "Transport Protocol", "Description",
                            "Assignee", "Contact", "Registration Date", "Modification Date",
                            "Reference", "Service Code", "Unauthorized Use Reported",
                            "Assignment Notes"});
    CHECK(std::all_of(rows.begin(), rows.end(), [](const CsvRow& r) { return r.size() == 12; }));
    CHECK(std::any_of(rows.begin(), rows.end(),
                      [](const CsvRow& r) { return r.size() > 1 && r[1] == "4748-4748"; }));
}
