#include "column_choice.hpp"
#include "command.hpp"
#include "commands.hpp"
#include "output.hpp"

#include "portreg/error.hpp"

#include <SQLiteCpp/Statement.h>
#include <nlohmann/json.hpp>
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

// A row in JSON as SQLite typed its values: integers and reals as numbers,
// NULL as null, text and blobs as text.
nlohmann::json typed_row(SQLite::Statement& st, const std::vector<std::size_t>& columns) {
    auto row = nlohmann::json::object();
    for (auto c : columns) {
        auto col = st.getColumn(static_cast<int>(c));
        auto& value = row[col.getName()];
        if (col.isInteger())
            value = col.getInt64();
        else if (col.isFloat())
            value = col.getDouble();
        else if (!col.isNull())
            value = col.getString();
    }
    return row;
}

} // namespace

// Ad-hoc SQL on the read-only connection: whatever tries to write fails
// and nothing changes.
int run_sql(QueryContext& ctx, const std::string& text, std::size_t most_rows) {
    check_one_reading_statement(ctx.db, text);
    SQLite::Statement st(ctx.db, text);
    Table t;
    for (int c = 0; c < st.getColumnCount(); ++c)
        t.header.emplace_back(st.getColumnName(c));
    std::vector<nlohmann::json> objects;
    const bool json = ctx.format == Format::json || ctx.format == Format::jsonl;
    const auto chosen = header_columns(t.header, ctx.columns);
    for (std::size_t n = 0; (most_rows == 0 || n < most_rows) && st.executeStep(); ++n) {
        if (json) {
            objects.push_back(typed_row(st, chosen));
            continue;
        }
        auto& row = t.rows.emplace_back();
        for (int c = 0; c < st.getColumnCount(); ++c) {
            auto col = st.getColumn(c);
            row.push_back(col.isNull() ? std::string() : col.getString());
        }
    }
    if (json)
        write_json_list(ctx.out, ctx.format, objects);
    else
        write_table(ctx, t);
    return t.rows.empty() && objects.empty() ? 1 : 0;
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
