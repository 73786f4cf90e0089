#pragma once
// Helpers shared by the tests: the source tree's test data, temporary
// directories, reading archive members.

#include "source.hpp"

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace portreg::test {

inline std::string source_dir() {
    return PORTREG_SOURCE_DIR;
}
inline std::string data_path(const std::string& name) {
    return source_dir() + "/tests/data/" + name;
}
inline std::string history_archive() {
    return source_dir() + "/data/iana-history.tar.zst";
}

inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// `text` with the first `from` in it replaced by `to`; `from` must be there.
inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    if (at == std::string::npos) throw std::runtime_error("not in the text: " + from);
    return text.replace(at, from.size(), to);
}

inline void write_file(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

// A fresh directory, removed with everything in it at the end of the scope.
class TempDir {
public:
    TempDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "portreg-test-XXXXXX").string();
        if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string path() const { return path_.string(); }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

// Calls `visit` with each member of the history archive whose name passes
// `wanted` (the member name, e.g. "xml/2026-08-17-4bbf00ef.xml").
inline void for_each_member(const std::function<bool(const std::string&)>& wanted,
                            const std::function<void(Input&)>& visit) {
    std::size_t skipped = 0;
    for_each_input(
        history_archive(),
        [&](Input& in) {
            if (wanted(in.where.member)) visit(in);
        },
        [](const Error& e) { throw e; }, skipped);
}

inline Input member(const std::string& name) {
    Input found;
    bool seen = false;
    for_each_member([&](const std::string& m) { return m == name; },
                    [&](Input& in) {
                        found = std::move(in);
                        seen = true;
                    });
    if (!seen) throw std::runtime_error("no member " + name);
    return found;
}

} // namespace portreg::test
