#pragma once
// The releases in history order: each stands at a position (release.seq),
// 1 the oldest, and the database's generation moves on with every release
// added, so that what a process knows of the newest release can be checked
// against it.

#include "portreg/import_result.hpp"
#include "portreg/release.hpp"
#include "portreg/statement.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>

namespace portreg {

class ReleaseOrder {
public:
    explicit ReleaseOrder(SQLite::Database& db);

    std::int64_t count();
    std::int64_t generation();
    void set_generation(std::int64_t generation);
    // The generation the last removal of a release left (0: none). A
    // removal deletes versions: what a process remembers of versions
    // (warm_state.hpp) counts only while this stays as it was, and an index
    // only if it was written at this generation or later.
    std::int64_t removed_at();
    void set_removed_at(std::int64_t generation);

    // The stored release with these bytes (sha256 hex), if there is one.
    std::optional<ImportResult> find(const std::string& sha256);
    bool holds_date(const std::string& registry_date);
    std::optional<ReleaseRef> at(std::int64_t position);

    // The position `release` takes in history order.
    std::int64_t position_for(const ReleaseHead& release);
    // Frees `position` by moving every later release and span bound up one.
    void make_room(std::int64_t position);
    void insert(const ReleaseHead& release, std::int64_t position,
                std::optional<std::int64_t> meta_id, std::size_t records, std::size_t people);

private:
    Statement get_property_, set_property_, by_sha_, count_, position_, park_, unpark_, insert_,
        at_, with_date_, span_shift_lo_, span_shift_hi_;
};

} // namespace portreg
