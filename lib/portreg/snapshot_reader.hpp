#pragma once
// Reads stored releases back into the plain structs of release.hpp.

#include "portreg/release.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace portreg {

struct ReleaseInfo {
    std::int64_t id = 0;
    std::int64_t seq = 0; // position in history order, 1 = oldest
    std::string registry_date;
    std::string sha256;
    std::string captured;
    std::string format;
    std::string source;
    std::string imported_at;
    std::optional<std::int64_t> meta_id;
    std::int64_t record_count = 0;
    std::int64_t people_count = 0;
};

class SnapshotReader {
public:
    explicit SnapshotReader(SQLite::Database& db) : db_(db) {}

    std::vector<ReleaseInfo> releases(); // in history order
    std::optional<ReleaseInfo> release_at(std::int64_t seq);
    std::vector<RecordPtr> records(std::int64_t seq);
    // The records of release `seq` among the versions `ids`, in its order.
    std::vector<RecordPtr> records(std::int64_t seq, const std::vector<std::int64_t>& ids);
    // The record versions `ids`, in that order.
    std::vector<RecordPtr> records_listed(const std::vector<std::int64_t>& ids);
    std::vector<PersonPtr> people(std::int64_t seq);
    // The person versions `ids`, in that order.
    std::vector<PersonPtr> people_listed(const std::vector<std::int64_t>& ids);
    RegistryMeta meta(std::int64_t meta_id);
    // Everything of one release, as a reader would have produced it.
    Release release(const ReleaseInfo& info);

private:
    SQLite::Database& db_;
};

} // namespace portreg
