#include "support.hpp"
#include "xml_outline.hpp"
#include "xml_reader.hpp"

#include "portreg/digest.hpp"

#include <catch2/catch.hpp>

using namespace portreg;

namespace {

std::string small_xml() {
    return test::slurp(test::data_path("small.xml"));
}

using test::replaced;

} // namespace

TEST_CASE("the outline finds every record and person, with the bytes their keys are of") {
    auto xml = small_xml();
    auto copy = xml;
    const auto read = read_xml_release(copy, {"test.xml", {}, 0, 0}, nullptr, IndexSource());
    const auto outline = outline_registry(xml);
    REQUIRE(outline);
    REQUIRE(outline->records.size() == read.records.size());
    REQUIRE(outline->people.size() == read.people.size());
    // Each extent from its start tag to its end tag, keyed as a reading keys.
    auto check = [&](const std::vector<ElementExtent>& extents, const std::vector<DigestKey>& keys,
                     const std::string& name) {
        for (std::size_t i = 0; i < extents.size(); ++i) {
            const auto& s = extents[i];
            INFO(name << " " << i);
            CHECK(xml.compare(s.start, name.size() + 1, "<" + name) == 0);
            CHECK(xml.compare(s.end - name.size() - 3, name.size() + 3, "</" + name + ">") == 0);
            CHECK(element_key(std::string_view(xml).substr(s.start, s.next - s.start)) == keys[i]);
            CHECK(s.group == 0);
        }
    };
    check(outline->records, read.record_keys, "record");
    check(outline->people, read.person_keys, "person");
    // The last record runs to the next start tag; the last person to the
    // end of the input, past the end tags of <people> and the root.
    CHECK(xml.compare(outline->records.back().next, 9, "<footnote") == 0);
    CHECK(outline->people.back().next == xml.size());
}

TEST_CASE("an element written empty is outlined to its \"/>\"") {
    const auto xml = replaced(small_xml(), "<record date=\"2013-05\">",
                              "<record date=\"2013-05\"/>\n  <record date=\"2013-05\">");
    const auto outline = outline_registry(xml);
    REQUIRE(outline);
    const auto& empty = outline->records[outline->records.size() - 2];
    CHECK(xml.substr(empty.start, empty.end - empty.start) == "<record date=\"2013-05\"/>");
    CHECK(empty.next == outline->records.back().start);
}

TEST_CASE("the people of a second <people> element are told apart") {
    const auto xml = replaced(small_xml(), "  </people>\n",
                              "  </people>\n  <people><person id=\"x\"/></people>\n");
    const auto outline = outline_registry(xml);
    REQUIRE(outline);
    CHECK(outline->people.front().group == 0);
    CHECK(outline->people.back().group == 1);
}

TEST_CASE("what the outline cannot tell, it leaves to the parser") {
    const auto xml = small_xml();
    REQUIRE(outline_registry(xml));
    const auto* first_record = "<record updated=\"2024-12-20\">";
    const std::vector<std::pair<const char*, std::string>> cases = {
        {"a comment inside the root",
         replaced(xml, first_record, "<!-- a -->" + std::string(first_record))},
        {"a CDATA section",
         replaced(xml, "<name>tcpmux</name>", "<name><![CDATA[tcpmux]]></name>")},
        {"a processing instruction inside the root",
         replaced(xml, first_record, "<?pi x?>" + std::string(first_record))},
        {"a DOCTYPE", replaced(xml, "<registry ", "<!DOCTYPE registry>\n<registry ")},
        {"a mismatched end tag", replaced(xml, "<name>tcpmux</name>", "<name>tcpmux</nam>")},
        {"an end tag with no start", replaced(xml, "<name>tcpmux</name>", "tcpmux</name>")},
        {"a '<' in an attribute value",
         replaced(xml, "updated=\"2024-12-20\"", "updated=\"2024<\"")},
        {"an attribute value without quotes",
         replaced(xml, "updated=\"2024-12-20\"", "updated=2024")},
        {"attributes not apart",
         replaced(xml, "date=\"2026-07-22\" updated", "date=\"2026-07-22\"updated")},
        {"text after the root", xml + "junk\n"},
        {"a comment after the root", xml + "<!-- end -->\n"},
        {"a second root", xml + "<registry/>\n"},
        {"another root element",
         replaced(replaced(xml, "<registry ", "<registri "), "</registry>", "</registri>")},
        {"a root written empty", xml.substr(0, xml.find("<registry ")) + "<registry/>\n"},
        {"no root", "<?xml version='1.0'?>\n"},
        {"an unterminated comment before the root", "<!-- " + xml},
    };
    for (const auto& [what, bad] : cases) {
        INFO(what);
        CHECK_FALSE(outline_registry(bad));
    }
    for (std::size_t cut : {std::size_t(0), std::size_t(60), xml.size() / 3, xml.size() / 2,
                            xml.find("</registry>") + 3}) {
        INFO("cut at " << cut);
        CHECK_FALSE(outline_registry(xml.substr(0, cut)));
    }
    // White space, comments and processing instructions before the root are
    // fine, as is a byte order mark.
    CHECK(outline_registry("\xEF\xBB\xBF<!-- a -->\n" + xml));
}
