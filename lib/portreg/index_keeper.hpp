#pragma once
// The index of the newest release (newest_index.hpp) as the database keeps
// it: read for the reader of the next release, and written, only the
// chunks that changed, once the release it describes is the newest. Part
// of the fast path, with warm_state.hpp.

#include "portreg/newest_index.hpp"
#include "portreg/placed_versions.hpp"
#include "portreg/read_release.hpp"
#include "portreg/statement.hpp"
#include "portreg/warm_state.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace portreg {

class IndexKeeper {
public:
    IndexKeeper(SQLite::Database& db, WarmState& warm, const PlacedVersions& placed);

    // The stored index, if it is of the newest release of a database at
    // `generation` holding `count` releases, and of `format` if one is
    // given. The warm state then starts from the spans it holds.
    std::shared_ptr<const NewestIndex> load(std::int64_t generation, std::int64_t count,
                                            const std::string& format);
    // `release`, stored as these versions, is the newest now: what its
    // index needs is kept until write(), if its reader took its elements'
    // keys.
    void added_newest(const ReadRelease& release, std::vector<std::int64_t> record_ids,
                      std::vector<std::int64_t> person_ids);
    // Another release was added: nothing is kept.
    void forget() { newest_.reset(); }
    bool holds() const { return newest_.has_value(); }
    // Writes the index of the release kept, as of `generation`, at `position`.
    void write(std::int64_t generation, std::int64_t position);
    // A release before the newest was removed: `index`, the one load() read
    // before, holds the same versions, now in the spans `records` and
    // `people` of the newest release, as of `generation`, at `position`.
    void carry_over(const NewestIndex& index, std::int64_t generation, std::int64_t position,
                    const PositionState& records, const PositionState& people);

private:
    WarmState& warm_;
    const PlacedVersions& placed_;
    Statement get_, put_, hashes_, delete_;
    struct Newest {
        std::vector<DigestKey> record_keys, person_keys;
        std::vector<std::int64_t> record_ids, person_ids;
        std::vector<ReadElement<Record>> records;
        std::vector<ReadElement<Person>> people;
        std::string format;
        std::shared_ptr<const NewestIndex> index; // the one its reader was given
    };
    std::optional<Newest> newest_;

    NewestIndex build(const Newest& n, std::int64_t generation, std::int64_t position) const;
    void store(const NewestIndex& index, const NewestIndex* stored);
};

} // namespace portreg
