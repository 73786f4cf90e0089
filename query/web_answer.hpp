#pragma once
// portreg-serve's answers, apart from HTTP: a question (one of
// portreg-query's commands) run on the worker thread's connection, its
// output in the format the URL asked for, and the status its outcome means.

#include "connection_pool.hpp"
#include "query_context.hpp"

#include <functional>
#include <string>

namespace portreg::query {

struct WebAnswer {
    int status = 200;
    std::string content_type;
    std::string body;
    std::string etag; // "\"...\"": the database's generation and the request
};

// The request as the cache sees it: what was asked (the URL's target) and
// the validator the client holds (If-None-Match), if any.
struct WebRequest {
    std::string target;
    std::string if_none_match;
};

// The MIME type of a format's output.
std::string content_type_of(Format format);

// A failure told in one line: as a page when a page was asked for (the
// line escaped), else as plain text.
WebAnswer one_line(int status, const std::string& line, Format format);

// Runs `question` as portreg-query runs a command: 200 with its output;
// what it did not find 404, a value it cannot use (or naming nothing there,
// as a snapshot that is not) 400, each with the one
// line portreg-query prints; another failure 500 without its text. When
// the client's validator is the answer's ETag, 304 without running it;
// an answer the cache kept for the same generation and request is given
// again without running it.
class AnswerCache;

WebAnswer answer_question(ConnectionPool& connections, AnswerCache& cache,
                          const WebRequest& request, const GlobalOptions& options, Format format,
                          const std::function<int(QueryContext&)>& question);

} // namespace portreg::query
