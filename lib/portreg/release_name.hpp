#pragma once
// A stored release as a user names it on a command line: by its id (up to
// 7 decimal digits) or by the start of the SHA-256 of its bytes (at least 4
// hex digits). portreg-query --snapshot and portreg-import --remove.

#include "portreg/snapshot_reader.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>

namespace portreg {

struct ReleaseName {
    std::optional<std::int64_t> id;
    std::string hash_prefix; // lower case; when there is no id
    // "with id 12", "with a hash starting 4bbf": for messages.
    std::string described() const;
};

// Nothing when `text` is neither an id nor a hash prefix.
std::optional<ReleaseName> parse_release_name(const std::string& text);

// The stored release so named, if there is one. Throws Error when a hash
// prefix fits more than one, naming them.
std::optional<ReleaseInfo> find_release(SQLite::Database& db, const ReleaseName& name);

} // namespace portreg
