#pragma once
// How a release's records differ from the release before it, in numbers:
// of the versions that entered and those that left, as many as pair up by
// record identity (record_identity.hpp) were changed, the others added or
// removed. The store counts so as it adds a release; the statement
// query.log (sql/query.sql) counts the same in SQL for `log`, and a test
// (tests/test-query.cpp, "log") keeps the two agreeing.

#include <cstdint>
#include <string>
#include <vector>

namespace portreg {

struct ChangeCounts {
    std::int64_t added = 0;
    std::int64_t removed = 0;
    std::int64_t changed = 0;
};

// The identities of the versions that entered and of those that left.
ChangeCounts count_changes(const std::vector<std::string>& entered,
                           const std::vector<std::string>& left);

} // namespace portreg
