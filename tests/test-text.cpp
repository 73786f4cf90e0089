#include "portreg/text.hpp"

#include <catch2/catch.hpp>

using namespace portreg;

TEST_CASE("normalize_ws folds every run of white space into one space") {
    CHECK(normalize_ws("  a \t\r\n b\n\nc  ") == "a b c");
    CHECK(normalize_ws("") == "");
    CHECK(normalize_ws(" \n\t ") == "");
    CHECK(normalize_ws("no-change") == "no-change");
    // Only space, tab, CR and LF are white space; a no-break space is text.
    CHECK(normalize_ws("a\xC2\xA0 b") == "a\xC2\xA0 b");
}

TEST_CASE("append_folded joins pieces as one normalized text") {
    std::string out;
    append_folded(out, "\n  previously compressnet by ");
    append_folded(out, "[Bernie_Volz]");
    append_folded(out, " \n");
    trim_ws(out);
    CHECK(out == "previously compressnet by [Bernie_Volz]");
}

TEST_CASE("find_invalid_utf8 finds the first bad byte") {
    CHECK(find_invalid_utf8("plain ascii text, long enough for words") == std::string_view::npos);
    CHECK(find_invalid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80") == std::string_view::npos);
    CHECK(find_invalid_utf8("abc\xFF") == 3);
    CHECK(find_invalid_utf8("0123456789abcdef\x80") == 16);
    CHECK(find_invalid_utf8("overlong \xC0\xAF") == 9);
    CHECK(find_invalid_utf8("surrogate \xED\xA0\x80") == 10);
    CHECK(find_invalid_utf8("too big \xF4\x90\x80\x80") == 8);
    CHECK(find_invalid_utf8("cut \xE2\x82") == 4);
}

TEST_CASE("find_invalid_utf8 finds control characters when asked") {
    std::string text = "line one\n\tline two\r\n";
    CHECK(find_invalid_utf8(text, true) == std::string_view::npos);
    for (std::size_t at : {0u, 5u, 8u, 13u, 19u}) {
        for (char c : {'\x01', '\x1f', '\x0b', '\x00'}) {
            std::string bad = text;
            bad.insert(bad.begin() + static_cast<std::ptrdiff_t>(at), c);
            CHECK(find_invalid_utf8(bad, true) == at);
            CHECK(find_invalid_utf8(bad, false) == std::string_view::npos);
        }
    }
}

TEST_CASE("LineIndex gives 1-based lines and byte columns") {
    LineIndex lines("ab\ncd\n\nx");
    CHECK(lines.at(0).line == 1);
    CHECK(lines.at(0).column == 1);
    CHECK(lines.at(1).column == 2);
    CHECK(lines.at(3).line == 2);
    CHECK(lines.at(3).column == 1);
    CHECK(lines.at(7).line == 4);
    // Going back starts counting afresh.
    CHECK(lines.at(4).line == 2);
    CHECK(lines.at(4).column == 2);
}

TEST_CASE("ascii_lower folds ASCII letters only") {
    CHECK(ascii_lower("HTTPS-Alt_1") == "https-alt_1");
    CHECK(ascii_lower("Ünïcode") == "Ünïcode"); // bytes above 0x7f untouched
}
