#pragma once
// --columns LIST: the columns a user chose, by name, for any table.

#include "table.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace portreg::query {

// "service, port,assignee" as {"service", "port", "assignee"}.
std::vector<std::string> column_list(const std::string& text);

// The indexes of the columns `wanted` names, in its order. A column may go
// by several names (IANA's "Port Number", the table's "PORT"); a wanted
// name matches one ignoring case, spaces, '_' and '-', or is the start of
// the names of exactly one column. Throws UsageError naming the columns.
std::vector<std::size_t> chosen_columns(const std::vector<std::vector<std::string>>& names,
                                        const std::vector<std::string>& wanted);

// The indexes of the columns of `header` that `wanted` names, or of all of
// them when it names none.
std::vector<std::size_t> header_columns(const std::vector<std::string>& header,
                                        const std::vector<std::string>& wanted);

// The table with only the columns at `indexes`, in that order.
Table with_columns(const Table& table, const std::vector<std::size_t>& indexes);

} // namespace portreg::query
