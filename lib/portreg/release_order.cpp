#include "portreg/release_order.hpp"

#include "portreg/embedded_sql.hpp"
#include "portreg/timestamp.hpp"

namespace portreg {

ReleaseOrder::ReleaseOrder(SQLite::Database& db)
    : get_property_(db, sql::statement("property.get")),
      set_property_(db, sql::statement("property.set")),
      by_sha_(db, sql::statement("release.by_sha")), count_(db, sql::statement("release.count")),
      position_(db, sql::statement("release.position")),
      park_(db, sql::statement("release.shift_park")),
      unpark_(db, sql::statement("release.shift_unpark")),
      insert_(db, sql::statement("release.insert")), at_(db, sql::statement("release.at")),
      with_date_(db, sql::statement("release.with_date")),
      span_shift_lo_(db, sql::statement("span.shift_lo")),
      span_shift_hi_(db, sql::statement("span.shift_hi")) {}

std::int64_t ReleaseOrder::count() {
    return count_.int64().value_or(0);
}

std::int64_t ReleaseOrder::generation() {
    return get_property_.int64("generation").value_or(0);
}

void ReleaseOrder::set_generation(std::int64_t generation) {
    set_property_.exec("generation", std::to_string(generation));
}

std::int64_t ReleaseOrder::removed_at() {
    return get_property_.int64("removed_at").value_or(0);
}

void ReleaseOrder::set_removed_at(std::int64_t generation) {
    set_property_.exec("removed_at", std::to_string(generation));
}

std::optional<ImportResult> ReleaseOrder::find(const std::string& sha256) {
    auto row = by_sha_.query(sha256);
    if (!row.next()) return std::nullopt;
    ImportResult found;
    found.already_present = true;
    found.sha256 = sha256;
    found.registry_date = row.text(1);
    found.records = row.int64(3);
    found.people = row.int64(4);
    return found;
}

bool ReleaseOrder::holds_date(const std::string& registry_date) {
    return with_date_.query(registry_date).next();
}

std::optional<ReleaseRef> ReleaseOrder::at(std::int64_t position) {
    auto row = at_.query(position);
    if (!row.next()) return std::nullopt;
    return ReleaseRef{row.text(0), row.text(1)};
}

std::int64_t ReleaseOrder::position_for(const ReleaseHead& release) {
    return position_.int64(release.registry_date, release.captured, release.sha256, release.format)
        .value_or(1);
}

void ReleaseOrder::make_room(std::int64_t position) {
    park_.exec(position);
    unpark_.exec();
    // hi before lo, so that no span is ever seen with lo > hi.
    span_shift_hi_.exec(position);
    span_shift_lo_.exec(position);
}

void ReleaseOrder::insert(const ReleaseHead& release, std::int64_t position,
                          std::optional<std::int64_t> meta_id, std::size_t records,
                          std::size_t people) {
    insert_.exec(release.sha256, release.registry_date, release.captured, position, release.format,
                 release.source, utc_now(), meta_id, records, people);
}

} // namespace portreg
