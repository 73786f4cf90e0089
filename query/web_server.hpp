#pragma once
// portreg-serve's HTTP server: cpp-httplib (Debian's 0.11), hardened as
// its issue tracker teaches, with portreg-query's answers on its routes.

#include <memory>
#include <ostream>
#include <string>

namespace portreg::query {

struct ServeOptions {
    std::string database;
    std::string host = "127.0.0.1";
    int port = 8080;
    int threads = 0; // 0: enough that idle connections cannot starve a new client
    bool sql = false;
    bool cors = false;
    bool quiet = false;        // no access log
    std::size_t cache_mb = 64; // answers kept (answer_cache.hpp); 0: none
};

class WebServer {
public:
    explicit WebServer(ServeOptions options, std::ostream& access_log);
    ~WebServer();
    WebServer(const WebServer&) = delete;
    WebServer& operator=(const WebServer&) = delete;

    // Binds the address (port 0: any free port); throws Error when it cannot.
    int bind();
    // Serves until stop(); false when it failed.
    bool serve();
    // From any thread (portreg-serve's signal thread, a test).
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace portreg::query
