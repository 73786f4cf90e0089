#include "web_server.hpp"

#include "answer_cache.hpp"
#include "commands.hpp"
#include "web_answer.hpp"
#include "web_routes.hpp"

#include "portreg/error.hpp"

#include <httplib.h>

#include <sqlite3.h>

#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <mutex>
#include <thread>

namespace portreg::query {

namespace {

constexpr std::size_t longest_path = 2048;
// Idle keep-alive connections hold a worker each until the keep-alive
// timeout: with this many workers, 200 of them leave room for new clients.
constexpr int default_workers = 256;

// GET and HEAD without a body are the whole of what the server reads: the
// rest is refused before routing, and before cpp-httplib reads any body.
httplib::Server::HandlerResponse refuse_what_is_not_read(const httplib::Request& req,
                                                         httplib::Response& res) {
    // The refusal is written, then the connection closed: cpp-httplib 0.11
    // would otherwise read what follows (a body) as the next request. A
    // content provider that reports failure after writing is its one way
    // to close a connection from a handler.
    auto refuse = [&](int status, const std::string& why) {
        res.status = status;
        res.set_header("Connection", "close");
        const auto text = std::make_shared<std::string>(why + "\n");
        res.set_content_provider(text->size(), "text/plain; charset=utf-8",
                                 [text](std::size_t offset, std::size_t, httplib::DataSink& sink) {
                                     sink.write(text->data() + offset, text->size() - offset);
                                     return false;
                                 });
        return httplib::Server::HandlerResponse::Handled;
    };
    if (req.method != "GET" && req.method != "HEAD") {
        res.set_header("Allow", "GET, HEAD");
        return refuse(405, "only GET and HEAD");
    }
    if (req.target.size() > longest_path) return refuse(414, "the path is longer than 2 KB");
    const auto length = req.get_header_value("Content-Length");
    if ((!length.empty() && length != "0") || req.has_header("Transfer-Encoding"))
        return refuse(400, "a request here carries no body");
    return httplib::Server::HandlerResponse::Unhandled;
}

// What the client sent, as the log may show it: one line, not too long,
// control bytes as '?' (a log line must not be forged through a path).
std::string loggable(const std::string& text) {
    constexpr std::size_t longest_shown = 256;
    std::string out;
    for (std::size_t i = 0; i < text.size() && i < longest_shown; ++i)
        out.push_back(static_cast<unsigned char>(text[i]) < 0x20 || text[i] == '"' ? '?' : text[i]);
    return text.size() > longest_shown ? out + "..." : out;
}

// Common log format, from the socket's address (never a client's header).
std::string access_line(const httplib::Request& req, const httplib::Response& res) {
    char when[40];
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    std::strftime(when, sizeof when, "%d/%b/%Y:%H:%M:%S +0000", &utc);
    return req.remote_addr + " - - [" + when + "] \"" + loggable(req.method) + " " +
           loggable(req.target) + " " + loggable(req.version) + "\" " + std::to_string(res.status) +
           " " + std::to_string(res.body.size()) + "\n";
}

// While it lives, a statement on `connection` running past `limit` is
// interrupted (SQLite's progress handler), and fails with SQLITE_INTERRUPT.
class TimeLimit {
public:
    TimeLimit(SQLite::Database& connection, std::chrono::steady_clock::duration limit)
        : handle_(connection.getHandle()), deadline_(std::chrono::steady_clock::now() + limit) {
        sqlite3_progress_handler(handle_, 10000, past_deadline, this);
    }
    ~TimeLimit() { sqlite3_progress_handler(handle_, 0, nullptr, nullptr); }
    TimeLimit(const TimeLimit&) = delete;
    TimeLimit& operator=(const TimeLimit&) = delete;

private:
    static int past_deadline(void* self) {
        return std::chrono::steady_clock::now() > static_cast<TimeLimit*>(self)->deadline_;
    }
    sqlite3* handle_;
    std::chrono::steady_clock::time_point deadline_;
};

void reply(httplib::Response& res, const WebAnswer& answer) {
    res.status = answer.status;
    if (!answer.etag.empty()) res.set_header("ETag", answer.etag);
    if (answer.status != 304) res.set_content(answer.body, answer.content_type.c_str());
}

} // namespace

struct WebServer::Impl {
    ServeOptions options;
    std::ostream& log;
    std::mutex log_mutex;
    httplib::Server http;
    ConnectionPool connections;
    AnswerCache cache;
    int listening_socket = -1;

    Impl(ServeOptions o, std::ostream& l)
        : options(std::move(o)), log(l),
          connections(options.database, 2 * std::max(1u, std::thread::hardware_concurrency())),
          cache(options.cache_mb << 20) {}

    void harden() {
        // The listening socket's options, and its descriptor for bind().
        // SO_REUSEADDR lets a restart bind despite connections in TIME_WAIT;
        // cpp-httplib's default is SO_REUSEPORT, with which a second server
        // on the same port binds as well and takes half of the clients.
        http.set_socket_options([this](int sock) {
            int yes = 1;
            setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
            listening_socket = sock;
        });
        http.set_tcp_nodelay(true);
        http.set_keep_alive_max_count(100);
        http.set_keep_alive_timeout(2);
        http.set_read_timeout(5, 0);
        http.set_write_timeout(5, 0);
        http.set_payload_max_length(64);
        const auto workers = options.threads > 0 ? options.threads : default_workers;
        http.new_task_queue = [workers] { return new httplib::ThreadPool(workers); };
        http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
            // Answers are sent whole: cpp-httplib 0.11 cuts a body to a
            // Range's bytes but keeps the status 200, a part that claims
            // to be the whole. A server may ignore Range (RFC 9110, 14.2).
            // The request is cpp-httplib's own, not const, lent as const.
            const_cast<httplib::Request&>(req).ranges.clear();
            if (refuse_what_is_not_read(req, res) == httplib::Server::HandlerResponse::Unhandled)
                answer(req, res);
            return httplib::Server::HandlerResponse::Handled;
        });
        http.set_exception_handler(
            [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
                res.status = 500;
                res.set_content("internal error\n", "text/plain; charset=utf-8");
            });
        http.set_default_headers(
            {{"Content-Security-Policy", "default-src 'none'; style-src 'self' 'unsafe-inline'; "
                                         "img-src 'self' data:; form-action 'self'"},
             {"X-Content-Type-Options", "nosniff"}});
        if (!options.quiet)
            http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
                const auto line = access_line(req, res);
                std::lock_guard<std::mutex> lock(log_mutex);
                log << line << std::flush;
            });
    }

    // Every request is answered here, before cpp-httplib's own routing:
    // the routes are web_routes.cpp's, taken apart without regular
    // expressions.
    void answer(const httplib::Request& req, httplib::Response& res) {
        std::optional<WebRoute> route;
        try {
            route = route_of(req.path, req.params, {options.database, options.sql});
        } catch (const UsageError& e) {
            return reply(res, one_line(400, e.what(), split_format(req.path).second));
        }
        if (!route) return reply(res, {404, "text/plain; charset=utf-8", "nothing here\n", ""});
        const auto& question = route->question;
        auto limited = [&](QueryContext& ctx) {
            if (req.path.rfind("/sql", 0) != 0) return question(ctx);
            TimeLimit limit(ctx.db, std::chrono::seconds(1));
            return question(ctx);
        };
        reply(res, answer_question(connections, cache,
                                   {req.target, req.get_header_value("If-None-Match")},
                                   route->options, route->format, limited));
        if (!route->json_twin.empty()) res.set_header("Link", twin_links(*route));
        if (route->format != Format::html && options.cors)
            res.set_header("Access-Control-Allow-Origin", "*");
    }

    // Debian builds cpp-httplib with its listen backlog of 5 compiled in:
    // 64 clients reconnecting at once (after a connection's 100 requests)
    // overflowed it, the kernel dropped their SYNs, and each waited a
    // second for the retransmission (bench/README.md, tenth session).
    // Listening again on a listening socket only sets its backlog (Linux);
    // the kernel caps it at net.core.somaxconn.
    void deepen_backlog() const {
        if (listening_socket < 0 || ::listen(listening_socket, SOMAXCONN) != 0)
            throw Error("cannot set the listen backlog of " + options.host + ": " +
                        std::strerror(errno));
    }

    static std::string twin_links(const WebRoute& route) {
        auto link = route.json_twin.empty()
                        ? std::string()
                        : "<" + route.json_twin + ">; rel=\"alternate\"; type=\"application/json\"";
        if (!route.csv_twin.empty())
            link += ", <" + route.csv_twin + ">; rel=\"alternate\"; type=\"text/csv\"";
        return link;
    }
};

WebServer::WebServer(ServeOptions options, std::ostream& access_log)
    : impl_(std::make_unique<Impl>(std::move(options), access_log)) {
    impl_->harden();
}

WebServer::~WebServer() = default;

int WebServer::bind() {
    auto& o = impl_->options;
    if (o.port == 0) {
        o.port = impl_->http.bind_to_any_port(o.host);
        if (o.port < 0) throw Error("cannot listen on " + o.host);
    } else if (!impl_->http.bind_to_port(o.host, o.port)) {
        throw Error("cannot listen on " + o.host + ":" + std::to_string(o.port));
    }
    impl_->deepen_backlog();
    return o.port;
}

bool WebServer::serve() {
    return impl_->http.listen_after_bind();
}

void WebServer::stop() {
    impl_->http.stop();
}

} // namespace portreg::query
