#pragma once
// A day as portreg-query's options and arguments take it: YYYY-MM-DD,
// `today`, or a number of days, weeks, months or years before today (7d,
// 2w, 3m, 1y), so that "what changed in the last month" needs no calendar.

#include <optional>
#include <string>

namespace portreg::query {

// Today's date, YYYY-MM-DD, in local time (what "today" means to the user).
std::string local_today();

// The day `text` names, counted back from `today`; nothing when it is no
// day in any of those forms. A month back from the 31st is the last day of
// the shorter month.
std::optional<std::string> day_named(const std::string& text, const std::string& today);

// Whether `text` has the form of a day (YYYY-MM-DD, today, Nd...), valid or
// not: a diff's FROM may also be a release id or a hash start.
bool looks_like_day(const std::string& text);

// The day `text` names for `option` ("--as-of", "FROM"); throws UsageError
// saying what is wrong: the form, or a date that is no day (2025-02-30).
std::string parse_day(const std::string& option, const std::string& text, const std::string& today);

} // namespace portreg::query
