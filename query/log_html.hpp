#pragma once
// log --format html: one page with a chart of the changes per release and
// of the registry's size over the period, then the releases as a table.

#include "output.hpp"

#include <ostream>

namespace portreg::query {

struct LogEntry {
    std::string registry_date, sha256, format;
    long records = 0, added = 0, removed = 0, changed = 0;
};

void write_log_html(std::ostream& out, const std::vector<LogEntry>& entries, const Table& table);

} // namespace portreg::query
