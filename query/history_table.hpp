#pragma once
// The rows of `history` as a table: in history order, one changed field a
// row, its detail "Assignee: [Old_Id] -> [New_Id]" fitted on a terminal
// so that the row fits it, and whole elsewhere.

#include "change_report.hpp"
#include "output.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace portreg::query {

struct HistoryRow {
    std::int64_t seq;                 // the release it is about, for the order
    std::vector<std::string> cells;   // date, hash, where (port, or ports and transport), event,
                                      // service, detail (last)
    std::optional<FieldChange> field; // what the detail tells, when a field changed
};

// The rows ordered by release (stable: the order found within one), each
// changed field's detail written in it; with `width` > 0 the details are
// fitted so that a row takes at most `width` columns where it can.
Table history_table(std::vector<std::string> header, std::vector<HistoryRow> rows,
                    std::size_t width);

} // namespace portreg::query
