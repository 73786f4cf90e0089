#include "history_table.hpp"

#include "field_change_text.hpp"
#include "terminal_table.hpp"

#include <algorithm>

namespace portreg::query {

namespace {

// The narrowest a table cuts a column to (output.cpp): a detail fitted to
// less would be cut again.
constexpr std::size_t narrowest_detail = 8;

// The columns left for the last cell of a row `width` wide, after the
// others and the two spaces between cells.
std::size_t detail_room(const std::vector<std::string>& header, const std::vector<HistoryRow>& rows,
                        std::size_t width) {
    std::size_t used = 0;
    for (std::size_t c = 0; c + 1 < header.size(); ++c) {
        auto widest = columns_of(header[c]);
        for (const auto& row : rows)
            widest = std::max(widest, columns_of(row.cells[c]));
        used += widest + 2;
    }
    return std::max(width > used ? width - used : 0, narrowest_detail);
}

} // namespace

Table history_table(std::vector<std::string> header, std::vector<HistoryRow> rows,
                    std::size_t width) {
    std::stable_sort(rows.begin(), rows.end(),
                     [](const HistoryRow& a, const HistoryRow& b) { return a.seq < b.seq; });
    const auto room = width > 0 ? detail_room(header, rows, width) : 0;
    Table table;
    table.header = std::move(header);
    for (auto& row : rows) {
        if (row.field) row.cells.back() = field_change_text(*row.field, " -> ", room);
        table.rows.push_back(std::move(row.cells));
    }
    return table;
}

} // namespace portreg::query
