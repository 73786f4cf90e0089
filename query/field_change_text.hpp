#pragma once
// A changed field as one line of text, "Assignee: [Old_Id] -> [New_Id]",
// whole or fitted to a terminal's width. Shortened, the old and the new
// value each show where they first differ, with an ellipsis for what is
// left out, so that two long texts that differ near their end still show
// the difference.

#include "change_report.hpp"

#include <cstddef>
#include <string>

namespace portreg::query {

// "Field: old -> new", an empty value written "(none)". With `width` > 0,
// at most that many columns (one a code point): the values shortened, or
// when that would leave too little of them, the line cut at its end.
std::string field_change_text(const FieldChange& change, const char* arrow, std::size_t width);

// `text` in at most `width` columns (at least 2), showing column `at` and
// what follows it: "…" stands for what is cut before or after.
std::string shorten_at(const std::string& text, std::size_t at, std::size_t width);

} // namespace portreg::query
