#include "web_answer.hpp"

#include "answer_cache.hpp"

#include "html_page.hpp"

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

WebAnswer one_line(int status, const std::string& line, Format format) {
    if (format != Format::html) return {status, "text/plain; charset=utf-8", line + "\n", ""};
    std::ostringstream page;
    write_html_head(page, "portreg: " + std::to_string(status),
                    "<link rel=\"icon\" href=\"data:,\">\n");
    page << "<nav><a href=\"/\">Search</a></nav>\n<p class=\"error\">" << html_escape(line)
         << "</p>\n";
    write_html_tail(page);
    return {status, content_type_of(format), page.str(), ""};
}

namespace {

// What an answer answers: the database's generation, the day (as_of=7d
// counts back from it) and the request (the cache's key), and that hashed
// (the ETag): equal while none of them changes.
struct Validator {
    std::string key, tag;
};

Validator validator(SQLite::Database& connection, const std::string& today,
                    const std::string& target) {
    SQLite::Statement st(connection, sql::statement("query.generation"));
    st.executeStep();
    Validator v{st.getColumn(0).getString() + "\n" + today + "\n" + target, ""};
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(quick_hash(v.key)));
    v.tag = std::string("\"") + hex + "\"";
    return v;
}

} // namespace

WebAnswer answer_question(ConnectionPool& connections, AnswerCache& cache,
                          const WebRequest& request, const GlobalOptions& options, Format format,
                          const std::function<int(QueryContext&)>& question) {
    try {
        auto connection = connections.borrow();
        SQLite::Transaction reading(*connection); // one snapshot for the tag and the answer
        const auto v = validator(*connection, today_of(options), request.target);
        if (request.if_none_match == v.tag) return {304, "", "", v.tag};
        if (auto kept = cache.find(v.key)) return *kept;
        std::ostringstream out;
        QueryContext ctx(*connection, options, format, out, 0);
        // As portreg-query's exit code 1: nothing found, the answer saying so.
        const int status = question(ctx) == 0 ? 200 : 404;
        WebAnswer answer{status, content_type_of(format), out.str(), v.tag};
        cache.keep(v.key, answer);
        return answer;
    } catch (const NotFound& e) {
        return one_line(404, e.what(), format);
    } catch (const UsageError& e) {
        return one_line(400, e.what(), format);
    } catch (const SQLite::Exception& e) {
        if (e.getErrorCode() == SQLITE_INTERRUPT)
            return one_line(400, "the statement ran longer than its time limit", format);
        if (e.getErrorCode() == SQLITE_ERROR) return one_line(400, e.what(), format); // SQL text
        return one_line(500, "the database could not be read", format);
    } catch (const Error& e) {
        return one_line(400, e.what(),
                        format); // a parameter naming nothing there: no such snapshot
    }
}

} // namespace portreg::query
