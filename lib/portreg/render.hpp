#pragma once
// Renders records as IANA's 12 published columns (CSV, web page, text).

#include "portreg/release.hpp"

#include <array>
#include <string>
#include <vector>

namespace portreg {

constexpr std::size_t column_count = 12;
using Columns = std::array<std::string, column_count>;

// IANA's CSV header names, in order.
const std::array<const char*, column_count>& column_names();

// `[TEXT]`, else `[RFC6335]` for type rfc, else `[DATA]`.
std::string render_xref(const Xref& xref);
void append_rendered_xref(std::string& out, const Xref& xref);

Columns render_record(const Record& record);

} // namespace portreg
