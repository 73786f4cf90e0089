#include "http_response.hpp"

#include <algorithm>
#include <cctype>

namespace portreg {

namespace {

std::string_view trimmed(std::string_view s) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && space(s.back()))
        s.remove_suffix(1);
    return s;
}

bool same_name(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

// Digits only, at most `max_digits` of them; nothing otherwise.
std::optional<long> small_number(std::string_view s, std::size_t max_digits) {
    if (s.empty() || s.size() > max_digits) return std::nullopt;
    long n = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + (c - '0');
    }
    return n;
}

// "HTTP/1.1 200 OK", "HTTP/2 304": the code, if the line is a status line.
std::optional<long> status_of(std::string_view line) {
    if (line.substr(0, 5) != "HTTP/") return std::nullopt;
    auto space = line.find(' ');
    if (space == std::string_view::npos) return std::nullopt;
    auto code = line.substr(space + 1, 3);
    auto after = line.substr(std::min(line.size(), space + 4), 1);
    if (code.size() != 3 || code[0] < '1' ||
        !(after.empty() || after == " " || after == "\r" || after == "\n"))
        return std::nullopt;
    return small_number(code, 3);
}

} // namespace

void ResponseHeaders::add_line(std::string_view line) {
    if (auto code = status_of(line)) {
        *this = ResponseHeaders{};
        status = *code;
        return;
    }
    auto colon = line.find(':');
    if (colon == std::string_view::npos) return;
    auto name = trimmed(line.substr(0, colon));
    auto value = trimmed(line.substr(colon + 1));
    if (same_name(name, "ETag"))
        etag = value;
    else if (same_name(name, "Last-Modified"))
        last_modified = value;
    else if (same_name(name, "Retry-After"))
        retry_after = small_number(value, 9);
}

} // namespace portreg
