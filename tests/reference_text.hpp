#pragma once
// The one text rule the test references apply (plain_csv, xml_compare),
// written here again on purpose: a reference must not share portreg's code.

#include <string>
#include <string_view>

namespace portreg::test {

// Runs of space, tab, CR and LF become one space, ends trimmed: line breaks
// and indentation are layout, in IANA's XML and in its CSV's quoted fields.
inline std::string folded(std::string_view s) {
    std::string out;
    bool gap = false;
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            gap = !out.empty();
            continue;
        }
        if (gap) out += ' ';
        gap = false;
        out += c;
    }
    return out;
}

} // namespace portreg::test
