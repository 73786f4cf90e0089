// XML entities cannot reach the database: pugixml expands no entity it does
// not know (only the five predefined ones and character references), so an
// external entity is never read and a billion laughs never grows; the
// reader refuses any DOCTYPE before that matters.

#include "support.hpp"
#include "xml_reader.hpp"

#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include <chrono>

using namespace portreg;

namespace {

std::string bad(const std::string& name) {
    return test::slurp(test::data_path("bad/" + name));
}

// What the reader would see if it let the DOCTYPE through: pugixml's parse
// with the options xml_reader.cpp uses, and with every option on.
std::string parsed_text(const std::string& xml, const char* path, unsigned options) {
    pugi::xml_document doc;
    auto ok = doc.load_buffer(xml.data(), xml.size(), options, pugi::encoding_utf8);
    REQUIRE(ok);
    return doc.select_node(path).node().text().get();
}

} // namespace

TEST_CASE("pugixml leaves an external entity unexpanded: the file is never read") {
    auto xml = bad("external-entity.xml");
    REQUIRE(xml.find("<!ENTITY xxe SYSTEM \"file:///etc/passwd\">") != std::string::npos);
    auto passwd = test::slurp("/etc/passwd");
    REQUIRE(passwd.find("root:") != std::string::npos);
    for (unsigned options : {pugi::parse_default | pugi::parse_doctype, pugi::parse_full}) {
        auto text =
            parsed_text(xml, "//*[local-name()='record'][name='finger']/description", options);
        CHECK(text == "&xxe;");
        CHECK(text.find("root:") == std::string::npos);
    }
}

TEST_CASE("pugixml leaves a billion laughs unexpanded, and the reader refuses it at once") {
    auto xml = bad("billion-laughs.xml");
    REQUIRE(xml.find("<!ENTITY lol9 \"&lol8;&lol8;") != std::string::npos);
    for (unsigned options : {pugi::parse_default | pugi::parse_doctype, pugi::parse_full})
        CHECK(parsed_text(xml, "/*", options) == "&lol9;");

    auto start = std::chrono::steady_clock::now();
    try {
        read_xml_release(xml, {"b.xml", {}, 0, 0});
        FAIL("a DOCTYPE was accepted");
    } catch (const Error& e) {
        CHECK_THAT(e.what(), Catch::Contains("DOCTYPE declarations are not accepted"));
    }
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
}

TEST_CASE("the reader refuses the external entity with its position, never its contents") {
    auto xml = bad("external-entity.xml");
    try {
        read_xml_release(xml, {"e.xml", {}, 0, 0});
        FAIL("a DOCTYPE was accepted");
    } catch (const Error& e) {
        CHECK(std::string(e.what()) ==
              "e.xml: line 2, column 11: DOCTYPE declarations are not accepted (the registry "
              "has none)");
    }
}
