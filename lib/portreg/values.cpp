#include "portreg/values.hpp"

namespace portreg {

namespace {

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// Digits only, at most 5 of them, so the value fits before the range check.
std::optional<int> parse_port(std::string_view s) {
    if (!all_digits(s) || s.size() > 5) return std::nullopt;
    int v = 0;
    for (char c : s)
        v = v * 10 + (c - '0');
    if (v > 65535) return std::nullopt;
    return v;
}

int two(std::string_view s, std::size_t at) {
    return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

} // namespace

std::optional<PortRange> parse_port_range(std::string_view text) {
    auto dash = text.find('-');
    auto low = parse_port(text.substr(0, dash));
    if (!low) return std::nullopt;
    if (dash == std::string_view::npos) return PortRange{*low, *low};
    auto high = parse_port(text.substr(dash + 1));
    if (!high || *high < *low) return std::nullopt;
    return PortRange{*low, *high};
}

std::string port_range_problem(std::string_view text) {
    std::string quoted = "\"" + std::string(text) + "\"";
    auto dash = text.find('-');
    auto bad_number = [](std::string_view s) {
        return all_digits(s) && s.size() <= 9 ? " is out of range 0-65535"
                                              : " is not a port number";
    };
    auto low = text.substr(0, dash);
    if (!parse_port(low)) return "port " + quoted + bad_number(low);
    if (dash == std::string_view::npos) return {};
    auto high = text.substr(dash + 1);
    if (!parse_port(high)) return "port " + quoted + bad_number(high);
    return "port range " + quoted + " is reversed";
}

std::string format_port_range(const PortRange& range) {
    if (range.low == range.high) return std::to_string(range.low);
    return std::to_string(range.low) + "-" + std::to_string(range.high);
}

bool is_full_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    if (!all_digits(s.substr(0, 4)) || !all_digits(s.substr(5, 2)) || !all_digits(s.substr(8, 2)))
        return false;
    int year = std::stoi(std::string(s.substr(0, 4)));
    int month = two(s, 5);
    int day = two(s, 8);
    if (month < 1 || month > 12 || day < 1) return false;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    int limit = days[month - 1] + (month == 2 && leap ? 1 : 0);
    return day <= limit;
}

bool is_registry_date(std::string_view s) {
    if (s.size() == 7) {
        if (s[4] != '-' || !all_digits(s.substr(0, 4)) || !all_digits(s.substr(5, 2))) return false;
        int month = two(s, 5);
        return month >= 1 && month <= 12;
    }
    return is_full_date(s);
}

bool is_transport(std::string_view t) {
    return t == "tcp" || t == "udp" || t == "sctp" || t == "dccp";
}

} // namespace portreg
