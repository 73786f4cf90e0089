#include "portreg/index_keeper.hpp"

#include "portreg/embedded_sql.hpp"

#include <stdexcept>
#include <unordered_set>
#include <variant>

namespace portreg {

namespace {

PositionState spans_of(const std::vector<IndexedElement>& entries) {
    PositionState state;
    std::int64_t max_version = 0;
    for (const auto& e : entries)
        max_version = std::max(max_version, e.version);
    state.reserve(max_version, entries.size());
    for (const auto& e : entries)
        state.set(e.version, SpanRow{e.span_rowid, e.span_lo, open_span, e.ord});
    return state;
}

// Sets where the span of the entry's version is.
void place(IndexedElement& e, const PositionState& spans) {
    const SpanRow* span = spans.find(e.version);
    if (!span) throw std::logic_error("newest index: a version without its span");
    e.span_rowid = span->rowid;
    e.span_lo = span->lo;
    e.ord = span->ord;
}

IndexedElement entry_of(std::int64_t version, const PositionState& spans) {
    IndexedElement e;
    e.version = version;
    place(e, spans);
    return e;
}

} // namespace

IndexKeeper::IndexKeeper(SQLite::Database& db, WarmState& warm, const PlacedVersions& placed)
    : warm_(warm), placed_(placed), get_(db, sql::statement("newest_index.get")),
      put_(db, sql::statement("newest_index.put")),
      hashes_(db, sql::statement("newest_index.hashes")),
      delete_(db, sql::statement("newest_index.delete")) {}

std::shared_ptr<const NewestIndex> IndexKeeper::load(std::int64_t generation, std::int64_t count,
                                                     const std::string& format) {
    std::string head, chunk;
    auto read = [&](std::int64_t hash, std::string& out) {
        auto row = get_.query(hash);
        out.assign(row.next() ? row.bytes(0) : std::string_view());
        return std::string_view(out);
    };
    // The chunks are read only for an index of use: of the format wanted,
    // and written since the last release was added.
    std::optional<NewestIndex::HeadInfo> info;
    if (count > 0 && !read(0, head).empty()) info = NewestIndex::head_info(head);
    if (!info || (!format.empty() && info->format != format) || info->generation != generation ||
        info->position != count)
        return nullptr;
    auto index = NewestIndex::decode(head, [&](std::int64_t hash) { return read(hash, chunk); });
    if (!index) return nullptr;
    warm_.adopt(generation, count, spans_of(index->records), spans_of(index->people));
    return std::make_shared<const NewestIndex>(std::move(*index));
}

void IndexKeeper::added_newest(const ReadRelease& release, std::vector<std::int64_t> record_ids,
                               std::vector<std::int64_t> person_ids) {
    newest_.reset();
    if (release.record_keys.size() != release.records.size() ||
        release.person_keys.size() != release.people.size() || release.records.empty())
        return;
    newest_ = Newest{release.record_keys,   release.person_keys, std::move(record_ids),
                     std::move(person_ids), release.records,     release.people,
                     release.format,        release.index};
}

void IndexKeeper::write(std::int64_t generation, std::int64_t position) {
    if (!newest_) return;
    auto index = build(*newest_, generation, position);
    store(index, newest_->index.get());
    newest_.reset();
}

void IndexKeeper::carry_over(const NewestIndex& index, std::int64_t generation,
                             std::int64_t position, const PositionState& records,
                             const PositionState& people) {
    NewestIndex moved = index;
    moved.generation = generation;
    moved.position = position;
    for (auto& e : moved.records)
        place(e, records);
    for (auto& e : moved.people)
        place(e, people);
    store(moved, &index);
}

NewestIndex IndexKeeper::build(const Newest& n, std::int64_t generation,
                               std::int64_t position) const {
    NewestIndex index;
    index.format = n.format;
    index.generation = generation;
    index.position = position;
    // The texts of the entries an index handed out are taken over whole.
    if (n.index) index.share_texts(*n.index);
    const auto& record_spans = *warm_.newest_spans(ItemKind::record);
    index.records.reserve(n.record_ids.size());
    for (std::size_t i = 0; i < n.record_ids.size(); ++i) {
        auto e = entry_of(n.record_ids[i], record_spans);
        // Left without a key, it is never handed out, but its span counts.
        if (!placed_.repeated(e.version)) e.key = n.record_keys[i];
        if (const auto* r = std::get_if<RecordPtr>(&n.records[i]))
            e.refs = index.add_text(index_text(**r, n.format));
        else
            e.refs = n.index->records[std::get<HandedOut>(n.records[i]).entry].refs;
        index.records.push_back(std::move(e));
    }
    const auto& person_spans = *warm_.newest_spans(ItemKind::person);
    index.people.reserve(n.person_ids.size());
    for (std::size_t i = 0; i < n.person_ids.size(); ++i) {
        auto e = entry_of(n.person_ids[i], person_spans);
        e.key = n.person_keys[i];
        if (const auto* p = std::get_if<PersonPtr>(&n.people[i]))
            e.refs = index.add_text((*p)->id);
        else
            e.refs = n.index->people[std::get<HandedOut>(n.people[i]).entry].refs;
        index.people.push_back(std::move(e));
    }
    return index;
}

// Only the chunks that differ from those stored are written; those the
// index handed out from repeats are not even encoded again.
void IndexKeeper::store(const NewestIndex& index, const NewestIndex* stored_index) {
    std::unordered_set<std::int64_t> stored;
    for (auto row = hashes_.query(); row.next();)
        stored.insert(row.int64(0));
    auto encoded = index.encode(stored_index);
    for (const auto& [hash, data] : encoded.chunks)
        if (data.empty() && !stored.count(hash)) { // not as it was decoded: damage, or a bug
            encoded = index.encode();
            break;
        }
    for (const auto& [hash, data] : encoded.chunks)
        if (stored.erase(hash) == 0) put_.exec(hash, blob(data));
    for (auto hash : stored)
        delete_.exec(hash);
    put_.exec(std::int64_t{0}, blob(encoded.head));
}

} // namespace portreg
