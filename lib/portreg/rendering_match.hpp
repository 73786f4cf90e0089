#pragma once
// A CSV release carries only the 12 published columns: each of its records
// is the stored version that renders the same (normally its XML twin's),
// preferring the versions of the releases beside it in history order.

#include "portreg/digest.hpp"
#include "portreg/placed_versions.hpp"
#include "portreg/statement.hpp"

#include <SQLiteCpp/Database.h>

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace portreg {

class RenderingMatch {
public:
    RenderingMatch(SQLite::Database& db, const PlacedVersions& placed);

    // A release is being added at `position`, of `last`.
    void begin_release(std::int64_t position, std::int64_t last);
    // A stored version that renders as `render_digest` and is not placed
    // in the release yet, or 0: one of the neighbours' first, then any,
    // each by id.
    std::int64_t version_rendering(const std::string& render_digest);
    // A version was stored.
    void stored(const std::string& render_digest, std::int64_t id);

private:
    using VersionsByRendering =
        std::unordered_map<DigestKey, std::vector<std::int64_t>, DigestKeyHash>;
    const PlacedVersions& placed_;
    Statement neighbour_renderings_at_, all_renderings_, by_rendering_;
    std::array<std::int64_t, 2> neighbours_{}; // positions; 0: none
    // The first few records that need them are looked up one query each
    // (the index leaves few such records); past that, reading all of the
    // neighbours' renderings at once costs less.
    static constexpr int queries_max = 32;
    int queries_ = 0;
    VersionsByRendering neighbour_versions_;
    bool neighbours_loaded_ = false;
    // Every stored version: read in one pass when a record is not among its
    // neighbours' (one query per record cost more), then kept up to date.
    VersionsByRendering all_versions_;
    bool all_loaded_ = false;

    std::int64_t query_one(const std::string& render_digest);
    std::int64_t first_unplaced(const VersionsByRendering& versions,
                                const std::string& digest) const;
    void load_neighbours();
    void load_all();
};

} // namespace portreg
