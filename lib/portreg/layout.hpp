#pragma once
// The letters of a Layout (release.hpp): which child element of a <record>
// or a <person> stands at each place, so that a version is written back out
// in the order it was published.

#include <string_view>

namespace portreg {

struct LayoutLetter {
    char letter;
    std::string_view element;
};

// <record>: name, protocol, <assignee>, an own <xref>, description,
// number, sc, note, unauthorized.
inline constexpr LayoutLetter record_layout[] = {
    {'n', "name"}, {'p', "protocol"},    {'a', "assignee"},
    {'x', "xref"}, {'d', "description"}, {'N', "number"},
    {'s', "sc"},   {'o', "note"},        {'u', "unauthorized"}};

// <person>: name, org, a <uri>, updated.
inline constexpr LayoutLetter person_layout[] = {
    {'n', "name"}, {'o', "org"}, {'u', "uri"}, {'U', "updated"}};

// The letter of `element` in `table`, or 0.
template <typename Table> char layout_letter(const Table& table, std::string_view element) {
    for (const auto& entry : table)
        if (entry.element == element) return entry.letter;
    return 0;
}

// The element of `letter` in `table`, or empty.
template <typename Table> std::string_view layout_element(const Table& table, char letter) {
    for (const auto& entry : table)
        if (entry.letter == letter) return entry.element;
    return {};
}

} // namespace portreg
