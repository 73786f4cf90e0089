#pragma once
// Feeds the diff engine from the history store: only the versions in which
// two snapshots differ are read, and the records around the ports they
// touch, so a diff of neighbouring releases reads a handful of rows.

#include "change_engine.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace portreg::query {

ChangeReport diff_snapshots(SQLite::Database& db, const ReleaseInfo& from, const ReleaseInfo& to);

// The records of release `seq` covering any port of `ranges` (merged).
std::vector<RecordPtr> records_covering(SQLite::Database& db, std::int64_t seq,
                                        const std::vector<PortRange>& ranges);

// Whether a service name is registered in release `seq`.
std::function<bool(const std::string&)> name_registered(SQLite::Database& db, std::int64_t seq);

} // namespace portreg::query
