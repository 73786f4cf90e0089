#include "portreg/views.hpp"

#include "portreg/embedded_sql.hpp"
#include "portreg/text.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace portreg {

namespace {

// The CREATE VIEW statements of `script` as SQLite keeps them in
// sqlite_schema: from CREATE up to the closing semicolon, trailing white
// space trimmed.
std::vector<std::string> view_statements(std::string_view script) {
    static constexpr std::string_view create = "CREATE VIEW ";
    std::vector<std::string> out;
    for (auto start = script.find(create); start != std::string_view::npos;
         start = script.find(create, start + 1)) {
        if (start > 0 && script[start - 1] != '\n') continue;
        // The semicolon that ends the statement, not one inside a literal.
        for (auto semi = script.find(';', start); semi != std::string_view::npos;
             semi = script.find(';', semi + 1)) {
            std::string text(script.substr(start, semi + 1 - start));
            if (!sqlite3_complete(text.c_str())) continue;
            text.pop_back();
            while (!text.empty() && is_ws(text.back()))
                text.pop_back();
            out.push_back(std::move(text));
            break;
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> stored_views(SQLite::Database& db) {
    SQLite::Statement st(db, "SELECT sql FROM sqlite_schema WHERE type = 'view'");
    std::vector<std::string> out;
    while (st.executeStep())
        out.push_back(st.getColumn(0).getString());
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

void bring_views_up_to_date(SQLite::Database& db) {
    const auto script = sql::file("sql/views.sql");
    const auto wanted = view_statements(script);
    if (!wanted.empty() && stored_views(db) == wanted) return;
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    db.exec(std::string(script));
    tx.commit();
}

} // namespace portreg
