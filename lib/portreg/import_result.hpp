#pragma once
// What adding or removing a release did, as the history store reports it.

#include <cstdint>
#include <optional>
#include <string>

namespace portreg {

struct ReleaseRef {
    std::string registry_date;
    std::string sha256;
};

struct ImportResult {
    bool already_present = false;
    std::string registry_date;
    std::string sha256;
    std::int64_t records = 0;
    std::int64_t people = 0;
    // Against the release before it in history order, when there is one.
    std::optional<ReleaseRef> previous;
    std::int64_t records_added = 0;
    std::int64_t records_removed = 0;
    std::int64_t records_changed = 0; // same name, port and transport, other content
    std::int64_t new_record_versions = 0;
};

struct RemovalResult {
    std::string registry_date;
    std::string sha256;
    std::string format;
    std::int64_t position = 0; // in history order, 1 the oldest
    std::int64_t records = 0;
    std::int64_t people = 0;
    // The versions no other release held, which went with it.
    std::int64_t record_versions = 0;
    std::int64_t person_versions = 0;
    bool meta_version = false;
};

} // namespace portreg
