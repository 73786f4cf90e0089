#include "field_change_text.hpp"
#include "terminal_table.hpp"

#include <algorithm>
#include <vector>

namespace portreg::query {

namespace {

const std::string ellipsis = "\xE2\x80\xA6";
// Fewer columns than this for a value would show too little of it.
constexpr std::size_t narrowest_value = 6;

bool starts_code_point(char byte) {
    return (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
}

// The byte offset of each code point of `text`, and its size at the end.
std::vector<std::size_t> code_point_offsets(const std::string& text) {
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (starts_code_point(text[i])) offsets.push_back(i);
    offsets.push_back(text.size());
    return offsets;
}

// How many code points two texts share at their start.
std::size_t common_start(const std::string& a, const std::string& b) {
    auto differ = static_cast<std::size_t>(
        std::mismatch(a.begin(), a.end(), b.begin(), b.end()).first - a.begin());
    while (differ > 0 && differ < a.size() && !starts_code_point(a[differ]))
        --differ; // within a code point: from its start
    return columns_of(a.substr(0, differ));
}

std::string shown(const std::string& value) {
    return value.empty() ? "(none)" : value;
}

} // namespace

std::string shorten_at(const std::string& text, std::size_t at, std::size_t width) {
    const auto offsets = code_point_offsets(text);
    const std::size_t length = offsets.size() - 1;
    width = std::max<std::size_t>(width, 2);
    if (length <= width) return text;
    // From the start when that shows the column asked for and a quarter of
    // the width after it; else with a quarter before it, but no start so
    // late that the end leaves columns unused.
    const std::size_t context = width / 4;
    std::size_t start = at + context < width - 1 ? 0 : at - context;
    start = std::min(start, length - (width - 1));
    std::string out = start > 0 ? ellipsis : "";
    std::size_t room = width - (start > 0 ? 1 : 0);
    std::size_t end = start + room;
    if (end < length) --end; // room for the ellipsis after
    out += text.substr(offsets[start], offsets[end] - offsets[start]);
    return end < length ? out + ellipsis : out;
}

std::string field_change_text(const FieldChange& change, const char* arrow, std::size_t width) {
    const auto before = shown(change.old_value), after = shown(change.new_value);
    const std::string head = change.field + ": ";
    std::string whole = head + before + arrow + after;
    if (width == 0 || columns_of(whole) <= width) return whole;
    // The values share what the line has left: one that needs less than
    // half leaves the rest to the other. Too little for both: the line is
    // cut at its end instead.
    const auto fixed = columns_of(head) + columns_of(arrow);
    if (width < fixed + 2 * narrowest_value) return shorten_at(whole, 0, width);
    const auto room = width - fixed;
    const auto before_columns = columns_of(before), after_columns = columns_of(after);
    std::size_t before_width = room / 2;
    if (before_columns < room / 2)
        before_width = before_columns;
    else if (after_columns < room - room / 2)
        before_width = room - after_columns;
    const auto at = change.old_value.empty() || change.new_value.empty()
                        ? 0
                        : common_start(change.old_value, change.new_value);
    return head + shorten_at(before, at, before_width) + arrow +
           shorten_at(after, at, room - before_width);
}

} // namespace portreg::query
