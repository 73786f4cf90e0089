#pragma once
// Order keys: strings over the 62 digits 0-9A-Za-z, compared bytewise, read
// as base-62 fractions. There is always a key strictly between two others,
// so an item inserted into an ordered list gets a key without renumbering
// its neighbours. Keys never end in '0', which keeps room below each one.

#include <string>
#include <string_view>
#include <vector>

namespace portreg {

// A key strictly between `low` and `high`; an empty `low` means the start,
// an empty `high` the end. Requires low < high when both are given.
std::string ordkey_between(std::string_view low, std::string_view high);

// `count` increasing keys strictly between `low` and `high`, spread out so
// that they stay short.
std::vector<std::string> ordkeys_between(std::string_view low, std::string_view high,
                                         std::size_t count);

} // namespace portreg
