#pragma once
// The aligned table people read on a terminal, fitted to its width.

#include "table.hpp"

#include <cstddef>
#include <ostream>
#include <string>

namespace portreg::query {

// Display width of UTF-8 text: one column per code point.
std::size_t columns_of(const std::string& text);

// `text` cut to `width` columns, with an ellipsis when cut.
std::string shortened(const std::string& text, std::size_t width);

// The table aligned in columns two spaces apart under a rule. When it is
// wider than `width`, shortened columns are narrowed first (not below 16),
// then wrapped ones (not below their longest word), then shortened ones
// again (not below 8); a line holds the table once narrowed as far as that.
void write_aligned(std::ostream& out, const Table& table, int width);

} // namespace portreg::query
