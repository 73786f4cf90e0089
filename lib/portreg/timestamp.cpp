#include "portreg/timestamp.hpp"

#include <cctype>
#include <cstdio>
#include <string_view>

namespace portreg {

std::string iso_utc(std::time_t t) {
    char stamp[32];
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return stamp;
}

std::optional<std::time_t> parse_iso_utc(const std::string& stamp) {
    // d: a digit; any other character stands for itself.
    static constexpr std::string_view shape = "dddd-dd-ddTdd:dd:dd";
    if (stamp.size() < shape.size()) return std::nullopt;
    for (std::size_t i = 0; i < shape.size(); ++i)
        if (shape[i] == 'd' ? !std::isdigit(static_cast<unsigned char>(stamp[i]))
                            : stamp[i] != shape[i])
            return std::nullopt;
    std::tm tm{};
    std::sscanf(stamp.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                &tm.tm_hour, &tm.tm_min, &tm.tm_sec);
    if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
        tm.tm_min > 59 || tm.tm_sec > 60)
        return std::nullopt;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return timegm(&tm);
}

} // namespace portreg
