// libFuzzer target: portreg-serve's routes (web_routes.cpp) and pages
// (web_pages.cpp) over what a client sends. The input is a request target,
// "/port/443.json?as_of=x", decoded as cpp-httplib decodes it; its route
// is answered on a database of tests/data's two small releases (/sql
// aside: a statement without end is the server's time limit's to stop).
// Each target is answered or refused with a usage error or an error naming
// what is not there; never a crash, and a page never holds a <script>
// element (all it shows of a request is escaped).

#include "web_routes.hpp"

#include "csv_reader.hpp"
#include "release_reader.hpp"
#include "source.hpp"

#include "portreg/database.hpp"
#include "portreg/digest.hpp"
#include "portreg/error.hpp"
#include "portreg/history_store.hpp"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <unistd.h>

using namespace portreg;
using namespace portreg::query;

namespace {

// %XX as a byte, '+' as a space in the query, as a server decodes them.
std::string decoded(const std::string& text, bool query) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto hex = [](char c) {
            return std::isxdigit(static_cast<unsigned char>(c))
                       ? std::stoi(std::string(1, c), nullptr, 16)
                       : -1;
        };
        if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 &&
            hex(text[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2])));
            i += 2;
        } else {
            out.push_back(query && text[i] == '+' ? ' ' : text[i]);
        }
    }
    return out;
}

WebParams params_of(const std::string& query) {
    WebParams params;
    std::size_t start = 0;
    while (start <= query.size()) {
        auto end = std::min(query.find('&', start), query.size());
        const auto pair = query.substr(start, end - start);
        const auto eq = pair.find('=');
        if (!pair.empty())
            params.emplace(decoded(pair.substr(0, eq), true),
                           eq == std::string::npos ? "" : decoded(pair.substr(eq + 1), true));
        start = end + 1;
    }
    return params;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A database of the two small releases, made once per process.
const std::string& database() {
    static const std::string path = [] {
        char name[] = "/tmp/portreg-fuzz-web-XXXXXX";
        const int fd = mkstemp(name);
        if (fd < 0) std::abort();
        close(fd);
        unlink(name);
        auto db = open_database(name, OpenMode::read_write);
        HistoryStore store(db);
        ReleaseReader reader;
        for (const char* file : {"small.xml", "small-next.xml"}) {
            Input in;
            in.where.file = std::string(PORTREG_SOURCE_DIR) + "/tests/data/" + file;
            in.bytes = slurp(in.where.file);
            in.captured = "2026-09-01T00:00:00Z";
            store.add(reader.read(in, to_hex(sha256(in.bytes))));
        }
        return std::string(name);
    }();
    return path;
}

bool has_script(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text.find("<script") != std::string::npos;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string target(reinterpret_cast<const char*>(data),
                             std::min<std::size_t>(size, 2048));
    const auto question = target.find('?');
    const auto path = decoded(target.substr(0, question), false);
    const auto params = params_of(question == std::string::npos ? "" : target.substr(question + 1));
    try {
        const auto route = route_of(path, params, {database(), false});
        if (!route) return 0;
        std::ostringstream out;
        QueryContext ctx(route->options, route->format, out, 0);
        route->question(ctx);
        if (route->format == Format::html && has_script(out.str())) {
            std::cerr << target << ": a page holds <script>\n";
            std::abort();
        }
    } catch (const UsageError&) {
    } catch (const Error&) {             // NotFound among them
    }
    return 0;
}
