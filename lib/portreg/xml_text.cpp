#include "portreg/xml_text.hpp"

#include "portreg/text.hpp"

namespace portreg {

namespace {

void append_char(std::string& out, char c, bool in_attribute) {
    switch (c) {
    case '&':
        out += "&amp;";
        break;
    case '<':
        out += "&lt;";
        break;
    case '>':
        out += "&gt;";
        break;
    case '"':
    case '\'':
        if (in_attribute) {
            out += c == '"' ? "&quot;" : "&#39;";
            break;
        }
        [[fallthrough]];
    default:
        out.push_back(c);
    }
}

} // namespace

void append_xml_escaped(std::string& out, std::string_view text, bool in_attribute) {
    for (char c : text)
        append_char(out, c, in_attribute);
}

void append_xml_folded(std::string& out, std::string_view text, bool in_attribute) {
    for (char c : text) {
        if (is_ws(c)) {
            if (!out.empty() && out.back() != ' ') out.push_back(' ');
        } else {
            append_char(out, c, in_attribute);
        }
    }
}

} // namespace portreg
