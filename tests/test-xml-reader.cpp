#include "store_support.hpp"
#include "support.hpp"
#include "xml_reader.hpp"

#include "portreg/render.hpp"
#include "portreg/text.hpp"

#include <catch2/catch.hpp>

using namespace portreg;

namespace {

std::string small_xml() {
    return test::slurp(test::data_path("small.xml"));
}

Release read(std::string xml, XmlCache* cache = nullptr) {
    return read_xml_release(xml, {"test.xml", {}, 0, 0}, cache);
}

ReadRelease read_with(std::string xml, std::shared_ptr<const NewestIndex> index) {
    return read_xml_release(xml, {"test.xml", {}, 0, 0}, nullptr, [&] { return index; });
}

// Read with no index: whole, and with the keys of its elements.
ReadRelease read_keyed(std::string xml) {
    return read_with(std::move(xml), nullptr);
}

std::vector<std::string> warning_lines(const ReleaseHead& r) {
    std::vector<std::string> out;
    for (const auto& w : r.warnings)
        out.push_back(std::to_string(w.line) + ":" + std::to_string(w.column) + " " + w.message);
    return out;
}

using test::replaced;

// "test.xml: line L, column C: " where `needle` starts in `xml`.
std::string where(const std::string& xml, const std::string& needle) {
    auto at = xml.find(needle);
    REQUIRE(at != std::string::npos);
    auto lc = LineIndex(xml).at(at);
    return "test.xml: line " + std::to_string(lc.line) + ", column " + std::to_string(lc.column) +
           ": ";
}

std::string error_of(const std::string& xml, std::shared_ptr<const NewestIndex> index = nullptr) {
    try {
        if (index)
            read_with(xml, index);
        else
            read(xml);
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

} // namespace

TEST_CASE("a small release reads completely") {
    auto r = read(small_xml());
    CHECK(r.format == "xml");
    CHECK(r.registry_date == "2026-08-17");
    REQUIRE(r.meta);
    CHECK(r.meta->title == "Service Name and Transport Protocol Port Number Registry");
    CHECK(r.meta->category == "Service Names and Transport Protocol Port Numbers");
    CHECK(
        r.meta->expert ==
        "TCP/UDP: Joe Touch; Eliot Lear, Kumiko Ono, Wes Eddy, Brian Trammell, and Michael Scharf");
    REQUIRE(r.meta->xrefs.size() == 1);
    CHECK(r.meta->xrefs[0].data == "rfc6335");
    REQUIRE(r.meta->notes.size() == 2);
    CHECK(r.meta->notes[0].text == "Service names and port numbers are used to distinguish between "
                                   "different services, as documented in [RFC6335].");
    CHECK(r.meta->notes[1].title == "Request an Assignment");
    CHECK(r.meta->notes[1].xrefs.at(0).type == "uri");
    REQUIRE(r.meta->footnotes.size() == 1);
    CHECK(r.meta->footnotes[0].anchor == "1");
    CHECK(r.meta->footnotes[0].text ==
          "It is only appropriate to use these values in explicitly- configured experiments.");

    REQUIRE(r.records.size() == 9);
    const auto& http = *r.records[4];
    CHECK(http.name == "http");
    CHECK(http.has_assignee);
    REQUIRE(http.assignee.size() == 1);
    CHECK(http.assignee[0].data == "IESG");
    REQUIRE(http.own.size() == 2);
    CHECK(http.own[0].data == "IETF_Chair");
    CHECK(http.own[1].data == "rfc9110");
    const auto& reserved = *r.records[2];
    REQUIRE(reserved.note_xrefs.size() == 1);
    CHECK(reserved.note_xrefs[0].data == "Bernie_Volz");
    CHECK(r.records[7]->own.at(1).section == "4.3");
    CHECK(r.records[6]->port == PortRange{4200, 4299});
    CHECK_FALSE(r.records[8]->port);
    CHECK(r.records[8]->transport.empty());

    REQUIRE(r.people.size() == 7);
    const auto& chair = *r.people[4];
    CHECK(chair.id == "IETF_Chair");
    CHECK(chair.name == "IETF Chair");
    CHECK(chair.org == "IETF");
    CHECK(chair.uris == std::vector<std::string>{"mailto:chair&ietf.org", "https://www.ietf.org/"});
    CHECK(chair.updated == "2021-10-01");
}

TEST_CASE("a reference to an undefined person is a warning, and the id is kept") {
    auto xml = small_xml();
    auto r = read(xml);
    REQUIRE(r.warnings.size() == 1);
    auto at = LineIndex(xml).at(xml.find("<record date=\"2013-05\">"));
    CHECK(r.warnings[0].line == at.line);
    CHECK(r.warnings[0].column == at.column);
    CHECK(r.warnings[0].message == "reference to undefined person \"Ghost_Person\"");
    CHECK(r.records[8]->own.at(0).data == "Ghost_Person");
}

TEST_CASE("ill-formed XML is rejected with its line and column") {
    auto xml = small_xml();
    SECTION("a stray character before the root, as in the real 2017-05-19 release") {
        auto bad = replaced(xml, "<?xml-stylesheet", "3<?xml-stylesheet");
        CHECK(error_of(bad) ==
              "test.xml: line 2, column 1: ill-formed XML: text outside the root element");
    }
    SECTION("text after the root element") {
        CHECK(error_of(xml + "junk\n") ==
              where(xml + "junk\n", "junk") + "ill-formed XML: text outside the root element");
    }
    SECTION("truncated at several offsets") {
        for (std::size_t cut : {std::size_t(60), xml.size() / 3, xml.size() / 2, xml.size() - 3}) {
            INFO("cut at " << cut);
            auto msg = error_of(xml.substr(0, cut));
            CHECK_THAT(msg, Catch::StartsWith("test.xml: line "));
            CHECK_THAT(msg, Catch::Contains("ill-formed XML"));
        }
    }
    SECTION("a mismatched end tag names where the parser stopped") {
        auto bad = replaced(xml, "<name>tcpmux</name>", "<name>tcpmux</nam>");
        auto msg = error_of(bad);
        CHECK_THAT(msg, Catch::StartsWith(where(bad, "</nam>").substr(0, 20)));
        CHECK_THAT(msg, Catch::Contains("ill-formed XML: Start-end tags mismatch"));
    }
    SECTION("a DOCTYPE, the way entity bombs come in, is refused") {
        auto bad =
            replaced(xml, "<registry ",
                     "<!DOCTYPE registry [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;\">]>\n"
                     "<registry ");
        CHECK_THAT(error_of(bad), Catch::Contains("DOCTYPE declarations are not accepted"));
    }
}

TEST_CASE("bytes that are not UTF-8 text are rejected with their position") {
    auto xml = small_xml();
    auto bad = replaced(xml, "Bernie Volz", "Bernie \xFFVolz");
    CHECK(error_of(bad) == where(bad, "\xFF") + "invalid UTF-8 byte");
    CHECK(error_of(std::string("\xFF\xFE<\0r\0", 6)) ==
          "test.xml: line 1, column 1: input is UTF-16; the registry is published in UTF-8");
    auto ctl = replaced(xml, "Bernie Volz", "Bernie \x01Volz");
    CHECK(error_of(ctl) == where(ctl, "\x01") + "control character not allowed in XML");
    CHECK(error_of("") == "test.xml: empty input");
}

TEST_CASE("a file that is not this registry is rejected") {
    auto xml = small_xml();
    auto other_id = replaced(xml, "id=\"service-names-port-numbers\"", "id=\"protocol-numbers\"");
    CHECK(error_of(other_id) == where(other_id, "<registry") +
                                    "not the Service Name and Transport Protocol Port Number "
                                    "Registry (id \"protocol-numbers\")");
    auto other_ns = replaced(xml, "http://www.iana.org/assignments", "urn:example");
    CHECK_THAT(error_of(other_ns), Catch::Contains("not an IANA registry"));
    CHECK_THAT(error_of("<html><body/></html>"),
               Catch::Contains("line 1, column 1: not an IANA registry: root element is <html>"));
    auto no_date = replaced(xml, "<updated>2026-08-17</updated>", "");
    CHECK_THAT(error_of(no_date), Catch::Contains("registry without an <updated> date"));
}

TEST_CASE("the registry's own rules") {
    auto xml = small_xml();
    auto check = [&](const std::string& from, const std::string& to, const std::string& needle,
                     const std::string& message) {
        auto bad = replaced(xml, from, to);
        CHECK(error_of(bad) == where(bad, needle) + message);
    };
    check("<protocol>dccp</protocol>", "<protocol>quic</protocol>", "<protocol>quic",
          "unknown transport \"quic\" (expected tcp, udp, sctp or dccp)");
    check("<number>7123</number>", "<number>70000</number>", "<number>70000",
          "port \"70000\" is out of range 0-65535");
    check("<number>4200-4299</number>", "<number>4299-4200</number>", "<number>4299",
          "port range \"4299-4200\" is reversed");
    check("<number>7123</number>", "<number>abc</number>", "<number>abc",
          "port \"abc\" is not a port number");
    check("<record date=\"2026-07-22\"", "<record date=\"2025-13-40\"", "<record date=\"2025-13-40",
          "bad registration date \"2025-13-40\" (expected YYYY-MM-DD or YYYY-MM)");
    check("<person id=\"Jim_Zubov\">", "<person id=\"IESG\">",
          "<person id=\"IESG\">\n      <name>Jim", "duplicate person id \"IESG\"");
    check("<sc>1145656131</sc>", "<sc>x1</sc>", "<sc>x1", "service code \"x1\" is not a number");
    check("<name>finger</name>", "<name>finger</name><name>f2</name>", "<name>f2",
          "repeated <name>");
    check("<name>finger</name>", "<name>finger</name><color>red</color>", "<color>",
          "unexpected element <color> in <record>");
}

// Whatever text of a record or person changes, the release read with the
// cache of the release before equals the release read afresh.
TEST_CASE("a cache never hands out an element whose text changed") {
    const auto base = small_xml();
    const auto from = base.find("<record");
    const auto to = base.find("</people>");
    REQUIRE(from != std::string::npos);
    REQUIRE(to != std::string::npos);
    int tried = 0;
    for (auto at = base.find("</", from); at < to; at = base.find("</", at + 2)) {
        auto changed = base;
        changed.insert(at, "x");
        Release plain;
        try {
            plain = read(changed);
        } catch (const Error&) {
            continue; // a date or port that no longer reads: not this test's business
        }
        INFO("text changed before offset " << at);
        XmlCache cache;
        read(base, &cache);
        auto cached = read(changed, &cache);
        CHECK(test::full_records(cached.records) == test::full_records(plain.records));
        CHECK(test::person_rows(cached.people) == test::person_rows(plain.people));
        ++tried;
    }
    CHECK(tried > 40);
}

TEST_CASE("a cache hands out the same objects for repeated records and people") {
    XmlCache cache;
    auto first = read(small_xml(), &cache);
    auto changed = replaced(small_xml(), "<description>Finger</description>",
                            "<description>Finger  user information</description>");
    // The last person has no element after it inside <people>: a change
    // past its first child must still count.
    changed = replaced(changed, "<uri>mailto:MKL&amp;nisc.sri.com</uri>",
                       "<uri>mailto:mkl&amp;example.org</uri>");
    auto second = read(changed, &cache);
    REQUIRE(first.records.size() == second.records.size());
    for (std::size_t i = 0; i < first.records.size(); ++i) {
        INFO("record " << i);
        if (i == 3) {
            CHECK(first.records[i] != second.records[i]);
            CHECK(second.records[i]->description == "Finger user information");
        } else {
            CHECK(first.records[i] == second.records[i]);
        }
    }
    REQUIRE(second.people.size() == first.people.size());
    REQUIRE(!second.people.empty());
    for (std::size_t i = 0; i + 1 < first.people.size(); ++i)
        CHECK(first.people[i] == second.people[i]);
    const auto& last = *second.people.back();
    CHECK(last.id == "Mark_Lottor");
    CHECK(second.people.back() != first.people.back());
    CHECK(last.uris == std::vector<std::string>{"mailto:mkl&example.org"});
    // Without a cache the same content comes out.
    auto plain = read(changed);
    for (std::size_t i = 0; i < plain.records.size(); ++i)
        CHECK(render_record(*plain.records[i]) == render_record(*second.records[i]));
}

TEST_CASE("with the index of the release before, the elements it holds are handed out") {
    const auto first = read_keyed(small_xml());
    REQUIRE(first.record_keys.size() == first.records.size());
    REQUIRE(first.person_keys.size() == first.people.size());
    const auto index = test::index_of(first);

    SECTION("the same bytes: every element") {
        auto again = read_with(small_xml(), index);
        REQUIRE(again.records.size() == first.records.size());
        for (std::size_t i = 0; i < first.records.size(); ++i)
            CHECK(test::entry_of(again.records[i]) == static_cast<std::int64_t>(i));
        for (std::size_t i = 0; i < first.people.size(); ++i)
            CHECK(test::entry_of(again.people[i]) == static_cast<std::int64_t>(i));
        CHECK(again.record_keys == first.record_keys);
        CHECK(again.person_keys == first.person_keys);
        CHECK(again.index == index);
        // The undefined person of a record read from the index still warns.
        CHECK(warning_lines(again) == warning_lines(first));
    }
    SECTION("changed bytes are read, the rest handed out; warnings as from a full reading") {
        auto changed = replaced(small_xml(), "<description>Finger</description>",
                                "<description>Finger  user information</description>");
        // Without this person, the records the index holds that name her
        // refer to someone undefined now.
        const auto from = changed.find("<person id=\"Bernie_Volz\">");
        changed.erase(from, changed.find("<person", from + 1) - from);
        auto plain = read_keyed(changed);
        auto indexed = read_with(changed, index);
        REQUIRE(test::entry_of(indexed.records[3]) < 0);
        CHECK(std::get<RecordPtr>(indexed.records[3])->description == "Finger user information");
        int handed_out = 0;
        for (const auto& r : indexed.records)
            handed_out += test::entry_of(r) >= 0 ? 1 : 0;
        CHECK(handed_out == 8);
        CHECK(test::full_records(test::resolved_records(indexed, first)) ==
              test::full_records(test::read_records(plain)));
        CHECK(test::person_rows(test::resolved_people(indexed, first)) ==
              test::person_rows(test::read_people(plain)));
        CHECK(indexed.record_keys == plain.record_keys);
        REQUIRE(plain.warnings.size() == 2);
        CHECK(warning_lines(indexed) == warning_lines(plain));
    }
    SECTION("a person the index holds still counts for duplicate ids") {
        auto doubled = replaced(small_xml(), "<person id=\"Mark_Lottor\">",
                                "<person id=\"IESG\"><name>again</name></person>\n"
                                "    <person id=\"Mark_Lottor\">");
        CHECK_THAT(error_of(doubled, index), Catch::Contains("duplicate person id \"IESG\""));
        // Where a full reading finds it: at the second, which the index holds.
        CHECK(error_of(doubled, index) == error_of(doubled));
        auto before = replaced(small_xml(), "<person id=\"Bernie_Volz\">",
                               "<person id=\"IESG\"><name>first</name></person>\n"
                               "    <person id=\"Bernie_Volz\">");
        CHECK_THAT(error_of(before, index), Catch::Contains("duplicate person id \"IESG\""));
        CHECK(error_of(before, index) == error_of(before));
        // Before what follows it, even when that is no person.
        auto then = replaced(before, "<person id=\"IETF_Chair\">",
                             "<foo/>\n    <person id=\"IETF_Chair\">");
        CHECK_THAT(error_of(then, index), Catch::Contains("duplicate person id \"IESG\""));
        CHECK(error_of(then, index) == error_of(then));
    }
    SECTION("problems after the elements it holds are told where a full reading tells them") {
        const std::string last = "<name>nvme-disc</name>";
        for (const auto& bad :
             {replaced(small_xml(), last, "<na?me>nvme-disc</na?me>"),
              replaced(small_xml(), last, last + "<protocol>bogus</protocol>"),
              replaced(small_xml(), "</people>", "</people>\n  <note>a<br/>b</note>\n  junk")}) {
            INFO(bad.substr(bad.size() - 200));
            CHECK(error_of(bad, index) != "(no error)");
            CHECK(error_of(bad, index) == error_of(bad));
        }
    }
    SECTION("an element repeated whole takes the entries of its repeats, each once") {
        const auto record =
            small_xml().substr(small_xml().find("<record"),
                               small_xml().find("<record", small_xml().find("<record") + 1) -
                                   small_xml().find("<record"));
        auto twice = replaced(small_xml(), record, record + record);
        auto base = read_keyed(twice);
        auto again = read_with(twice, test::index_of(base));
        REQUIRE(again.records.size() == base.records.size());
        for (std::size_t i = 0; i < again.records.size(); ++i)
            CHECK(test::entry_of(again.records[i]) == static_cast<std::int64_t>(i));
        // One copy left: it takes the first entry only.
        auto once = read_with(small_xml(), test::index_of(base));
        CHECK(test::entry_of(once.records[0]) == 0);
        CHECK(test::entry_of(once.records[1]) == 2);
    }
    SECTION("an index of CSV rows is of no use to XML") {
        auto csv_index = std::make_shared<NewestIndex>(*index);
        csv_index->format = "csv";
        auto again = read_with(small_xml(), csv_index);
        for (const auto& r : again.records)
            CHECK(test::entry_of(r) < 0);
        CHECK_FALSE(again.index);
    }
}

TEST_CASE("the elements an index holds are not parsed again") {
    const auto index = test::index_of(read_keyed(small_xml()));
    // Ill-formed: the parser would stop at the '?' of the name.
    auto bad = replaced(small_xml(), "<name>tcpmux</name>", "<na?me>tcpmux</na?me>");
    REQUIRE_THAT(error_of(bad), Catch::Contains("ill-formed XML"));
    // An index that holds these bytes as the second record: only one whose
    // elements were read before does, but it is not read again to find out.
    auto forged = std::make_shared<NewestIndex>(*index);
    const auto start = bad.rfind("<record", bad.find("<na?me>")),
               next = bad.find("<record", start + 1);
    forged->records[1].key = element_key(std::string_view(bad).substr(start, next - start));
    forged->build_lookup();
    const auto again = read_with(bad, forged);
    CHECK(test::entry_of(again.records[1]) == 1);
    CHECK(again.records.size() == index->records.size());
}

// What writing a release back out needs: the number as written, the order
// of the children, rich text with its inline elements, empty elements.
TEST_CASE("a record keeps its number, element order and rich text as published") {
    auto xml = replaced(small_xml(), "<number>79</number>", "<number>79-79</number>");
    xml = replaced(xml, "<description>Finger</description>",
                   "<description>Finger,  see\n <xref type=\"rfc\" data=\"rfc1288\"/>\n"
                   "<br/>\n  and <paragraph> more </paragraph></description>");
    auto r = read(xml);
    const auto& finger = *r.records[3];
    CHECK(finger.number == "79-79");
    CHECK(finger.port == PortRange{79, 79});
    CHECK(render_record(finger)[1] == "79-79");
    CHECK(finger.description == "Finger, see [RFC1288] and more");
    // White space beside an element that renders as white space is its own.
    CHECK(finger.description_xml ==
          "Finger, see <xref type=\"rfc\" data=\"rfc1288\"/><br/>and<paragraph>more</paragraph>");
    CHECK(finger.layout == "npxdNu");
    const auto& http = *r.records[4];
    CHECK(http.layout == "npadNxxo");
    CHECK(http.notes_xml == "Defined TXT keys: u=&lt;username&gt; "
                            "p=&lt;password&gt;<br/>path=&lt;path to document&gt;");
    CHECK(r.records[0]->description_xml.empty()); // plain text: description says all
    CHECK(r.people[4]->layout == "nouuU");

    // An empty element is kept apart from a missing one.
    auto empty_name = read(replaced(small_xml(), "<name>IETF Chair</name>", "<name/>"));
    CHECK(empty_name.people[4]->name.empty());
    CHECK(empty_name.people[4]->layout == "nouuU");
}
