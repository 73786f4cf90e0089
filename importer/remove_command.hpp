#pragma once
// portreg-import --remove ID|HASH: one release out of the history, with the
// versions no other release holds, in one transaction.

#include "portreg/history_store.hpp"

#include <iosfwd>
#include <string>

namespace portreg {

// Removes the release `which` names (release_name.hpp) from `database` and
// prints a line of what went. Returns the exit code: 0 removed, 1 no such
// release (a line on `err`). Throws Error when the database is missing or
// cannot be used, or a hash start fits more than one release.
// `fast_path`: FastPath::on carries the index of the newest release over
// when that release stays the newest; off, the index is deleted.
int run_remove(const std::string& database, const std::string& which, FastPath fast_path,
               std::ostream& out, std::ostream& err);

} // namespace portreg
