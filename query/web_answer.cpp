#include "web_answer.hpp"

#include "portreg/digest.hpp"
#include "portreg/embedded_sql.hpp"
#include "portreg/error.hpp"

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <cstdio>
#include <sqlite3.h>

#include <memory>
#include <sstream>

namespace portreg::query {

std::string content_type_of(Format format) {
    switch (format) {
    case Format::json:
        return "application/json";
    case Format::jsonl:
        return "application/jsonl";
    case Format::csv:
        return "text/csv; charset=utf-8";
    case Format::html:
        return "text/html; charset=utf-8";
    default:
        return "text/plain; charset=utf-8";
    }
}

namespace {

WebAnswer one_line(int status, const std::string& line) {
    return {status, "text/plain; charset=utf-8", line + "\n", ""};
}

// The database's generation and the request, hashed: equal while neither
// changes, whatever answer they give.
std::string etag(SQLite::Database& connection, const std::string& target) {
    SQLite::Statement st(connection, sql::statement("query.generation"));
    st.executeStep();
    const auto key = st.getColumn(0).getString() + "\n" + target;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(quick_hash(key)));
    return std::string("\"") + hex + "\"";
}

} // namespace

WebAnswer answer_question(ConnectionPool& connections, const WebRequest& request,
                          const GlobalOptions& options, Format format,
                          const std::function<int(QueryContext&)>& question) {
    try {
        auto connection = connections.borrow();
        SQLite::Transaction reading(*connection); // one snapshot for the tag and the answer
        const auto tag = etag(*connection, request.target);
        if (request.if_none_match == tag) return {304, "", "", tag};
        std::ostringstream out;
        QueryContext ctx(*connection, options, format, out, 0);
        question(ctx);
        return {200, content_type_of(format), out.str(), tag};
    } catch (const NotFound& e) {
        return one_line(404, e.what());
    } catch (const UsageError& e) {
        return one_line(400, e.what());
    } catch (const SQLite::Exception& e) {
        if (e.getErrorCode() == SQLITE_INTERRUPT)
            return one_line(400, "the statement ran longer than its time limit");
        if (e.getErrorCode() == SQLITE_ERROR) return one_line(400, e.what()); // SQL text
        return one_line(500, "the database could not be read");
    } catch (const Error& e) {
        return one_line(400, e.what()); // a parameter naming nothing there: no such snapshot
    }
}

} // namespace portreg::query
