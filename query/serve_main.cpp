// portreg-serve: the registry's history on web pages and a JSON API, over
// the database portreg-import keeps, read-only.

#include "web_server.hpp"

#include "portreg/database.hpp"
#include "portreg/error.hpp"
#include "portreg/version.hpp"

#include <CLI/CLI.hpp>

#include <atomic>
#include <csignal>
#include <iostream>
#include <malloc.h>
#include <pthread.h>
#include <thread>

namespace {

using portreg::query::ServeOptions;

// "127.0.0.1:8080", "[::1]:8080" or ":8080" (127.0.0.1) into host and port.
void parse_listen(const std::string& text, ServeOptions& options) {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos)
        throw portreg::UsageError("--listen: HOST:PORT, as 127.0.0.1:8080");
    auto host = text.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    if (!host.empty()) options.host = host;
    const auto port = text.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        port.find_first_not_of("0123456789") != std::string::npos || std::stoi(port) > 65535)
        throw portreg::UsageError("--listen: \"" + port + "\" is no port (0 to 65535)");
    options.port = std::stoi(port);
}

// SIGTERM and SIGINT are waited for on a thread of their own, which stops
// the server: nothing runs in a signal handler.
sigset_t stopping_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    return set;
}

} // namespace

int main(int argc, char** argv) {
    ServeOptions options;
    options.database = portreg::default_database_path();
    std::string listen = "127.0.0.1:8080";
    CLI::App app{"the registry's history on web pages and a JSON API, read-only", "portreg-serve"};
    app.add_option("--db", options.database, "database file (default $PORTREG_DB or ./portreg.db)");
    app.add_option("--listen", listen, "HOST:PORT (default 127.0.0.1:8080; port 0: any free one)");
    app.add_option("--threads", options.threads, "workers (default 256: idle connections wait)")
        ->check(CLI::Range(1, 4096));
    app.add_option("--cache-mb", options.cache_mb,
                   "megabytes of answers kept until the next import (default 64; 0: none)")
        ->type_name("N");
    app.add_flag("--sql", options.sql, "answer /sql?q=... (one reading statement, 1 s, 1000 rows)");
    app.add_flag("--cors", options.cors, "let pages of any origin read the JSON");
    app.add_flag("-q,--quiet", options.quiet, "no access log on standard error");
    app.set_version_flag("--version", std::string("portreg-serve ") + portreg::version());
    CLI11_PARSE(app, argc, argv);

    // Hundreds of workers would each get a malloc arena of their own, which
    // keeps what an answer once took: a few arenas keep memory flat.
    mallopt(M_ARENA_MAX, 2);
    try {
        parse_listen(listen, options);
        const auto signals = stopping_signals();
        pthread_sigmask(SIG_BLOCK, &signals, nullptr); // for every thread started after
        portreg::query::WebServer server(options, std::cerr);
        const int port = server.bind();
        std::cerr << "portreg-serve: http://" << options.host << ":" << port << "/ serving "
                  << options.database << std::endl;
        std::atomic<bool> signalled{false};
        std::thread waiter([&] {
            int signal = 0;
            sigwait(&signals, &signal);
            signalled = true;
            server.stop();
        });
        const bool served = server.serve();
        if (!signalled) pthread_kill(waiter.native_handle(), SIGTERM); // serve() failed
        waiter.join();
        return served ? 0 : 2;
    } catch (const portreg::UsageError& e) {
        std::cerr << "portreg-serve: " << e.what() << '\n';
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "portreg-serve: " << e.what() << '\n';
        return 2;
    }
}
