#pragma once
// Parsers for the registry's scalar values. Each returns std::nullopt (or
// false) on bad input; the caller knows where the value came from and
// raises the error with that location.

#include "portreg/release.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace portreg {

// "N" or "N-M", 0 <= N <= M <= 65535, digits only.
std::optional<PortRange> parse_port_range(std::string_view text);
// Why parse_port_range refused `text`, for an error message.
std::string port_range_problem(std::string_view text);
std::string format_port_range(const PortRange& range);

// YYYY-MM-DD (a real calendar day) or YYYY-MM.
bool is_registry_date(std::string_view text);
// YYYY-MM-DD only.
bool is_full_date(std::string_view text);

bool is_transport(std::string_view text);

} // namespace portreg
