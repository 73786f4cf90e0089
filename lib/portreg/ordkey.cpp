#include "portreg/ordkey.hpp"

#include "portreg/error.hpp"

namespace portreg {

namespace {

constexpr int base = 62;

int digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return c - 'a' + 36;
}

char to_char(int d) {
    if (d < 10) return char('0' + d);
    if (d < 36) return char('A' + d - 10);
    return char('a' + d - 36);
}

void fill(std::string_view low, std::string_view high, std::size_t count,
          std::vector<std::string>& out) {
    if (count == 0) return;
    std::string mid = ordkey_between(low, high);
    std::size_t left = (count - 1) / 2;
    fill(low, mid, left, out);
    out.push_back(mid);
    fill(mid, high, count - 1 - left, out);
}

} // namespace

std::string ordkey_between(std::string_view low, std::string_view high) {
    if (!high.empty() && !(low < high)) throw Error("internal error: order keys out of order");
    std::string out;
    for (std::size_t i = 0;; ++i) {
        int a = i < low.size() ? digit(low[i]) : 0;
        int b = high.empty() ? base : (i < high.size() ? digit(high[i]) : 0);
        if (a == b) {
            out.push_back(to_char(a));
            continue;
        }
        if (b - a > 1) {
            out.push_back(to_char((a + b) / 2));
            return out;
        }
        // Adjacent digits: keep low's digit, then go above the rest of low.
        out.push_back(to_char(a));
        out += ordkey_between(i + 1 < low.size() ? low.substr(i + 1) : std::string_view(), {});
        return out;
    }
}

std::vector<std::string> ordkeys_between(std::string_view low, std::string_view high,
                                         std::size_t count) {
    std::vector<std::string> out;
    out.reserve(count);
    fill(low, high, count, out);
    return out;
}

} // namespace portreg
