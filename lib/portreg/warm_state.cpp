#include "portreg/warm_state.hpp"

#include "portreg/embedded_sql.hpp"

namespace portreg {

WarmState::WarmState(SQLite::Database& db)
    : record_digests_at_(db, sql::statement("record.digests_at")),
      person_digests_at_(db, sql::statement("person.digests_at")) {}

void WarmState::prepare(std::int64_t generation, std::int64_t count, Membership& records,
                        Membership& people) {
    if (knows_newest(generation, count) || count == 0) return;
    load_digests(count);
    record_spans_ = records.load(count);
    person_spans_ = people.load(count);
    generation_ = generation;
    position_ = count;
}

void WarmState::begin(std::int64_t generation, std::int64_t count, std::int64_t position) {
    spans_of_previous_ = knows_newest(generation, count) && position == count + 1;
    // Without them, the versions of the release before are recognized by
    // their digests rather than one query each.
    if (!spans_of_previous_) load_digests(position - 1);
}

const PositionState* WarmState::previous_spans(ItemKind kind) const {
    return spans_of_previous_ ? newest_spans(kind) : nullptr;
}

std::optional<std::int64_t> WarmState::version_with(ItemKind kind, const std::string& digest) {
    auto& recent = kind == ItemKind::record ? record_versions_ : person_versions_;
    if (auto id = recent.find(digest)) return *id;
    auto& before = kind == ItemKind::record ? record_digests_ : person_digests_;
    if (auto it = before.find(digest); it != before.end()) {
        recent.add(digest, it->second);
        return it->second;
    }
    return std::nullopt;
}

void WarmState::remember(ItemKind kind, const std::string& digest, std::int64_t id) {
    (kind == ItemKind::record ? record_versions_ : person_versions_).add(digest, id);
}

void WarmState::committed() {
    record_digests_.clear();
    person_digests_.clear();
    record_versions_.next_release();
    person_versions_.next_release();
    records_by_object_.next_release();
    people_by_object_.next_release();
}

void WarmState::adopt(std::int64_t generation, std::int64_t count, PositionState records,
                      PositionState people) {
    record_spans_ = std::move(records);
    person_spans_ = std::move(people);
    record_digests_.clear();
    person_digests_.clear();
    generation_ = generation;
    position_ = count;
}

void WarmState::load_digests(std::int64_t position) {
    record_digests_.clear();
    person_digests_.clear();
    if (position < 1) return;
    auto load = [position](Statement& st, DigestMap& out) {
        for (auto row = st.query(position); row.next();)
            out.emplace(row.digest(0), row.int64(1));
    };
    load(record_digests_at_, record_digests_);
    load(person_digests_at_, person_digests_);
}

} // namespace portreg
