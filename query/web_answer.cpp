#include "web_answer.hpp"

#include "portreg/error.hpp"

#include <SQLiteCpp/Exception.h>

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
    return {status, "text/plain; charset=utf-8", line + "\n"};
}

} // namespace

WebAnswer answer_question(ConnectionPool& connections, const GlobalOptions& options, Format format,
                          const std::function<int(QueryContext&)>& question) {
    try {
        std::ostringstream out;
        auto connection = connections.borrow();
        QueryContext ctx(*connection, options, format, out, 0);
        question(ctx);
        return {200, content_type_of(format), out.str()};
    } catch (const NotFound& e) {
        return one_line(404, e.what());
    } catch (const UsageError& e) {
        return one_line(400, e.what());
    } catch (const SQLite::Exception&) {
        return one_line(500, "the database could not be read");
    } catch (const Error& e) {
        return one_line(404, e.what()); // what the data lacks: no such snapshot
    }
}

} // namespace portreg::query
