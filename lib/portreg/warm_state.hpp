#pragma once
// The fast path's memory (with newest_index.hpp): what a store knows of
// the releases it added in this process, so that the next one is matched
// with few questions to the database. Every answer may be "not known"; the
// store then asks the database, and a store without a WarmState (the fast
// path switched off) stores the same.

#include "portreg/digest.hpp"
#include "portreg/membership.hpp"
#include "portreg/recent_cache.hpp"
#include "portreg/release.hpp"
#include "portreg/statement.hpp"
#include "portreg/walk_beside.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

namespace portreg {

class WarmState {
public:
    explicit WarmState(SQLite::Database& db);

    // Reads ahead the versions and spans of the newest release of a
    // database at generation `generation` holding `count` releases, unless
    // known already; `records` and `people` read the spans.
    void prepare(std::int64_t generation, std::int64_t count, Membership& records,
                 Membership& people);
    // A release is being added at `position`: when what this knows is not
    // of the release right before it, it reads that release's versions.
    void begin(std::int64_t generation, std::int64_t count, std::int64_t position);
    // The spans of the release before the one being added, when known.
    const PositionState* previous_spans(ItemKind kind) const;

    // The version of an object a reader handed out again (the same bytes
    // as in the release before), found near where the walk has got to.
    std::int64_t version_of(const RecordPtr& record) { return records_by_object_.match(record); }
    std::int64_t version_of(const PersonPtr& person) { return people_by_object_.match(person); }
    void saw(const RecordPtr& record, std::int64_t id) { records_by_object_.add(record, id); }
    void saw(const PersonPtr& person, std::int64_t id) { people_by_object_.add(person, id); }

    // The version with this content digest, when known.
    std::optional<std::int64_t> version_with(ItemKind kind, const std::string& digest);
    void remember(ItemKind kind, const std::string& digest, std::int64_t id);

    // The release being added is not the newest: what this knows of the
    // newest release is out of date.
    void forget_newest() { generation_ = -1; }
    // The release being added is committed: the caches know its versions.
    void committed();
    // The newest release is at `count`, of a database at `generation`,
    // and holds these spans: from the release just added, or its index.
    void adopt(std::int64_t generation, std::int64_t count, PositionState records,
               PositionState people);
    // The spans of the newest release, for its index (index_keeper.hpp).
    const PositionState* newest_spans(ItemKind kind) const {
        return kind == ItemKind::record ? &record_spans_ : &person_spans_;
    }
    bool knows_newest(std::int64_t generation, std::int64_t count) const {
        return generation == generation_ && count == position_;
    }

private:
    using DigestMap = std::unordered_map<DigestKey, std::int64_t, DigestKeyHash>;
    Statement record_digests_at_, person_digests_at_;
    // Content digest -> version id, of what the last two releases used.
    RecentCache<DigestKey, std::int64_t, DigestKeyHash> record_versions_, person_versions_;
    // Content digest -> version id, of the release before the one being
    // added, when the caches above know nothing of it (a new process).
    DigestMap record_digests_, person_digests_;
    WalkBeside<RecordPtr, std::int64_t> records_by_object_;
    WalkBeside<PersonPtr, std::int64_t> people_by_object_;
    // The newest release as this store last wrote it: usable while the
    // database's generation is the one written. -1: none.
    std::int64_t generation_ = -1;
    std::int64_t position_ = 0;
    PositionState record_spans_, person_spans_;
    bool spans_of_previous_ = false; // for the release being added

    void load_digests(std::int64_t position);
};

} // namespace portreg
