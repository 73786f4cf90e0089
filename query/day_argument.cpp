#include "day_argument.hpp"

#include "portreg/error.hpp"
#include "portreg/values.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>

namespace portreg::query {
namespace {

std::string ymd(int year, int month, int day) {
    char text[40]; // room for any int, which the compiler cannot rule out
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
    return text;
}

bool leap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return days[month - 1] + (month == 2 && leap(year) ? 1 : 0);
}

struct Relative {
    int count;
    char unit; // d, w, m or y
};

// "7d", "2w", "3m", "1y": a count of at most 5 digits and its unit.
std::optional<Relative> relative(const std::string& text) {
    if (text.size() < 2 || text.size() > 6) return std::nullopt;
    const char unit = text.back();
    if (unit != 'd' && unit != 'w' && unit != 'm' && unit != 'y') return std::nullopt;
    for (std::size_t i = 0; i + 1 < text.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    return Relative{std::stoi(text.substr(0, text.size() - 1)), unit};
}

bool date_shaped(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    return true;
}

std::string days_before(int year, int month, int day, int days) {
    std::tm t{};
    t.tm_year = year - 1900;
    t.tm_mon = month - 1;
    t.tm_mday = day - days;
    t.tm_hour = 12;
    const std::time_t normalized = timegm(&t); // normalizes the fields, in UTC: no DST jumps
    std::tm out{};
    gmtime_r(&normalized, &out);
    return ymd(out.tm_year + 1900, out.tm_mon + 1, out.tm_mday);
}

std::optional<std::string> months_before(int year, int month, int day, int months) {
    const int index = year * 12 + (month - 1) - months;
    if (index < 12) return std::nullopt; // before the year 1
    const int y = index / 12, m = index % 12 + 1;
    return ymd(y, m, std::min(day, days_in_month(y, m)));
}

} // namespace

std::string local_today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return ymd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

std::optional<std::string> day_named(const std::string& text, const std::string& today) {
    if (is_full_date(text)) return text;
    if (text == "today") return today;
    auto back = relative(text);
    if (!back) return std::nullopt;
    const int year = std::stoi(today.substr(0, 4)), month = std::stoi(today.substr(5, 2)),
              day = std::stoi(today.substr(8, 2));
    switch (back->unit) {
    case 'd':
        return days_before(year, month, day, back->count);
    case 'w':
        return days_before(year, month, day, 7 * back->count);
    case 'm':
        return months_before(year, month, day, back->count);
    default:
        return months_before(year, month, day, 12 * back->count);
    }
}

bool looks_like_day(const std::string& text) {
    return date_shaped(text) || text == "today" || relative(text).has_value();
}

std::string parse_day(const std::string& option, const std::string& text,
                      const std::string& today) {
    if (auto day = day_named(text, today)) return *day;
    if (date_shaped(text)) throw UsageError(option + ": " + text + " is no day of the calendar");
    throw UsageError(option +
                     " takes a day: YYYY-MM-DD, today, or Nd, Nw, Nm, Ny before today; not \"" +
                     text + "\"");
}

} // namespace portreg::query
