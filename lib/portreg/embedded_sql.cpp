#include "portreg/embedded_sql.hpp"

#include "portreg/error.hpp"

#include <map>

namespace portreg::sql {

std::string_view file(std::string_view path) {
    for (const auto& f : embedded_files())
        if (f.path == path) return f.text;
    throw Error("internal error: no embedded SQL file " + std::string(path));
}

namespace {

std::map<std::string, std::string, std::less<>> parse_named() {
    static constexpr std::string_view marker = "-- name: ";
    std::map<std::string, std::string, std::less<>> out;
    for (const auto& f : embedded_files()) {
        std::string current;
        std::size_t pos = 0;
        while (pos < f.text.size()) {
            auto eol = f.text.find('\n', pos);
            if (eol == std::string_view::npos) eol = f.text.size();
            auto line = f.text.substr(pos, eol - pos);
            if (line.substr(0, marker.size()) == marker) {
                current = std::string(line.substr(marker.size()));
                if (out.count(current))
                    throw Error("internal error: SQL statement " + current + " defined twice");
                out[current];
            } else if (!current.empty()) {
                out[current] += std::string(line) + "\n";
            }
            pos = eol + 1;
        }
    }
    return out;
}

} // namespace

const std::string& statement(std::string_view name) {
    static const auto named = parse_named();
    auto it = named.find(name);
    if (it == named.end())
        throw Error("internal error: no SQL statement named " + std::string(name));
    return it->second;
}

std::string multi_row(std::string_view head, int rows, int columns) {
    std::string tuple = "(?";
    for (int c = 1; c < columns; ++c)
        tuple += ", ?";
    tuple += ")";
    std::string sql(head);
    for (int r = 0; r < rows; ++r)
        sql += (r ? ",\n" : "") + tuple;
    return sql + ";";
}

} // namespace portreg::sql
