// services(5) files as check-services reads them: entries, aliases,
// comments, and lines that are no entry reported rather than fatal.

#include "services_file.hpp"
#include "support.hpp"

#include "portreg/error.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace portreg;
using namespace portreg::query;

TEST_CASE("a services(5) line: name, port/protocol, aliases, comment") {
    auto entry = parse_services_line("http\t\t80/tcp\t\twww www-http\t# World Wide Web", 7);
    REQUIRE(entry);
    CHECK(entry->line == 7);
    CHECK(entry->name == "http");
    CHECK(entry->port == 80);
    CHECK(entry->protocol == "tcp");
    CHECK(entry->aliases == std::vector<std::string>{"www", "www-http"});
    CHECK(entry->problem.empty());
    CHECK(entry->text == "http 80/tcp www www-http");

    // As written: the case of names and protocols is the checker's business.
    auto upper = parse_services_line("  HTTPS 443/TCP#no space before the comment\r", 1);
    REQUIRE(upper);
    CHECK(upper->name == "HTTPS");
    CHECK(upper->protocol == "TCP");
    CHECK(upper->aliases.empty());
    CHECK(upper->problem.empty());
}

TEST_CASE("blank and comment lines are no entries") {
    CHECK_FALSE(parse_services_line("", 1));
    CHECK_FALSE(parse_services_line(" \t\r", 1));
    CHECK_FALSE(parse_services_line("# Network services, Internet style", 1));
    CHECK_FALSE(parse_services_line("   # indented comment 80/tcp", 1));
}

TEST_CASE("a line that is not name port/protocol says why") {
    auto problem = [](const char* text) { return parse_services_line(text, 1)->problem; };
    CHECK(problem("lonely # a name alone") == "no PORT/PROTOCOL after the name");
    CHECK(problem("http www") == "\"www\" is not PORT/PROTOCOL");
    CHECK(problem("big 70000/tcp") == "port \"70000\" is not a number from 0 to 65535");
    CHECK(problem("word http/tcp") == "port \"http\" is not a number from 0 to 65535");
    CHECK(problem("huge 0000080000/tcp") == "port \"0000080000\" is not a number from 0 to 65535");
    CHECK(problem("x11 6000-6007/tcp") == "\"6000-6007\" is a range; services(5) has single ports");
    CHECK(problem("smtp 25/") == "no protocol after 25/");
    CHECK(problem("smtp /tcp") == "port \"\" is not a number from 0 to 65535");
    // The text shown for it: the line without its comment, white space folded.
    CHECK(parse_services_line("  x11\t6000-6007/tcp  x  # c", 3)->text == "x11 6000-6007/tcp x");
    // Port 0 and 65535 are ports.
    CHECK(problem("zero 0/udp").empty());
    CHECK(problem("top 65535/udp").empty());
}

TEST_CASE("a services(5) file: its entries with their line numbers") {
    std::istringstream in("# comment\n\nhttp 80/tcp\nbroken\n\nssh 22/tcp # SSH\n");
    auto entries = read_services(in);
    REQUIRE(entries.size() == 3);
    CHECK(entries[0].line == 3);
    CHECK(entries[1].line == 4);
    CHECK_FALSE(entries[1].problem.empty());
    CHECK(entries[2].line == 6);
    CHECK(entries[2].name == "ssh");
}

TEST_CASE("a services(5) file that cannot be read is an error naming it") {
    test::TempDir dir;
    CHECK_THROWS_WITH(read_services_file(dir.file("none")),
                      dir.file("none") + ": No such file or directory");
    CHECK_THROWS_WITH(read_services_file(dir.path()), dir.path() + ": is a directory");
}

TEST_CASE("a services(5) text without end is refused, not held in memory") {
    std::istringstream endless(std::string(most_services_bytes + 1, '\0'));
    CHECK_THROWS_WITH(read_services(endless), Catch::Contains("over 16 MiB"));
    // The last line needs no line feed.
    std::istringstream unended("http 80/tcp");
    REQUIRE(read_services(unended).size() == 1);
}
