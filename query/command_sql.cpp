#include "command.hpp"
#include "commands.hpp"
#include "output.hpp"

#include "portreg/error.hpp"

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <memory>

namespace portreg::query {

namespace {

using StatementPtr = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;

StatementPtr prepare(SQLite::Database& db, const char* text, const char** tail) {
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v2(db.getHandle(), text, -1, &st, tail);
    StatementPtr owned(st, sqlite3_finalize);
    if (rc != SQLITE_OK) throw SQLite::Exception(db.getHandle(), rc);
    return owned;
}

// The read-only connection and PRAGMA query_only refuse every write to the
// database, but VACUUM INTO still creates its target file before failing,
// and SQLite would silently ignore a second statement: take exactly one
// statement, and one that SQLite says does not write.
void check_one_reading_statement(SQLite::Database& db, const std::string& text) {
    const char* tail = nullptr;
    auto first = prepare(db, text.c_str(), &tail);
    if (!first) throw Error("sql: no statement given");
    if (!sqlite3_stmt_readonly(first.get()))
        throw Error("sql: only statements that read are allowed");
    if (prepare(db, tail, nullptr))
        throw Error("sql: one statement at a time (text follows the first statement)");
}

} // namespace

// Ad-hoc SQL on the read-only connection: whatever tries to write fails
// and nothing changes.
int run_sql(QueryContext& ctx, const std::string& text) {
    check_one_reading_statement(ctx.db, text);
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

namespace {

class SqlCommand final : public Command {
    std::string statement_;
    CommandSpec spec() override {
        CommandSpec command("sql", "ad-hoc SQL on a read-only connection");
        command.value("statement", statement_, "one SQL statement").required();
        return command;
    }
    int run(QueryContext& ctx) override { return run_sql(ctx, statement_); }
};

} // namespace

std::unique_ptr<Command> sql_command() {
    return std::make_unique<SqlCommand>();
}

} // namespace portreg::query
