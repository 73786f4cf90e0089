#include "commands.hpp"
#include "output.hpp"

#include "portreg/error.hpp"

#include <SQLiteCpp/Statement.h>

namespace portreg::query {

// Ad-hoc SQL on the read-only connection: whatever tries to write fails
// with SQLite's own message, and nothing changes.
int run_sql(QueryContext& ctx, const std::string& text) {
    SQLite::Statement st(ctx.db, text);
    Table t;
    for (int c = 0; c < st.getColumnCount(); ++c)
        t.header.emplace_back(st.getColumnName(c));
    while (st.executeStep()) {
        std::vector<std::string> row;
        for (int c = 0; c < st.getColumnCount(); ++c) {
            auto col = st.getColumn(c);
            row.push_back(col.isNull() ? std::string() : col.getString());
        }
        t.rows.push_back(std::move(row));
    }
    write_table(ctx.out, ctx.format, t, ctx.width);
    return t.rows.empty() ? 1 : 0;
}

} // namespace portreg::query
