#include "portreg/membership.hpp"

#include "portreg/database.hpp"
#include "portreg/embedded_sql.hpp"
#include "portreg/ordkey.hpp"

#include <algorithm>

namespace portreg {

namespace {

// Marks the entries of `keys` (nullptr = no key) that form a longest
// strictly increasing subsequence: those items keep their order key.
std::vector<bool> longest_increasing(const std::vector<const std::string*>& keys) {
    // Nearly always (a release that moved no element) all of them: one pass
    // tells, where the search below compares keys 14 times as often.
    const std::string* last = nullptr;
    bool increasing = true;
    for (const auto* key : keys) {
        if (!key) continue;
        if (last && !(*last < *key)) {
            increasing = false;
            break;
        }
        last = key;
    }
    if (increasing) {
        std::vector<bool> keep(keys.size());
        for (std::size_t i = 0; i < keys.size(); ++i)
            keep[i] = keys[i] != nullptr;
        return keep;
    }
    std::vector<std::size_t> tails; // index into keys of the smallest tail per length
    std::vector<std::ptrdiff_t> parent(keys.size(), -1);
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (!keys[i]) continue;
        auto pos =
            std::lower_bound(tails.begin(), tails.end(), i,
                             [&](std::size_t a, std::size_t b) { return *keys[a] < *keys[b]; });
        if (pos != tails.begin()) parent[i] = static_cast<std::ptrdiff_t>(*(pos - 1));
        if (pos == tails.end())
            tails.push_back(i);
        else
            *pos = i;
    }
    std::vector<bool> keep(keys.size(), false);
    if (tails.empty()) return keep;
    for (auto i = static_cast<std::ptrdiff_t>(tails.back()); i >= 0; i = parent[i])
        keep[static_cast<std::size_t>(i)] = true;
    return keep;
}

// New spans are written this many rows per statement.
constexpr int span_columns = 5;
constexpr int span_batch = 64;

} // namespace

Membership::Membership(SQLite::Database& db, ItemKind kind)
    : db_(db), kind_(kind), covering_(db, sql::statement("span.covering")),
      insert_(db, sql::statement("span.insert")),
      insert_rows_(db,
                   sql::multi_row(sql::statement("span.insert_rows"), span_batch, span_columns)),
      set_lo_(db, sql::statement("span.set_lo")), set_hi_(db, sql::statement("span.set_hi")),
      delete_(db, sql::statement("span.delete")) {}

PositionState Membership::load(std::int64_t position) {
    PositionState out;
    for (auto row = covering_.query(static_cast<int>(kind_), position); row.next();)
        out.set(row.int64(1), SpanRow{row.int64(0), row.int64(2), row.int64(3), row.text(4)});
    return out;
}

std::int64_t Membership::add_span(std::int64_t item, std::int64_t lo, std::int64_t hi,
                                  const std::string& ord) {
    pending_.push_back({item, lo, hi, ord});
    return -static_cast<std::int64_t>(pending_.size());
}

void Membership::flush_spans() {
    // Rows inserted by one statement get consecutive rowids, the last of
    // them last_insert_rowid: the real rowid of each queued span.
    std::vector<std::int64_t> rowids(pending_.size());
    auto bind = [&](Statement& st, int first, const PendingSpan& span) {
        st.bind_from(first, static_cast<int>(kind_), span.item, span.lo, span.hi, span.ord);
    };
    std::size_t i = 0;
    for (; i + span_batch <= pending_.size(); i += span_batch) {
        for (int k = 0; k < span_batch; ++k)
            bind(insert_rows_, 1 + k * span_columns, pending_[i + static_cast<std::size_t>(k)]);
        insert_rows_.run();
        const auto last = db_.getLastInsertRowid();
        for (int k = 0; k < span_batch; ++k)
            rowids[i + static_cast<std::size_t>(k)] = last - (span_batch - 1) + k;
    }
    for (; i < pending_.size(); ++i) {
        bind(insert_, 1, pending_[i]);
        insert_.run();
        rowids[i] = db_.getLastInsertRowid();
    }
    pending_.clear();
    for (auto item : state_.items()) {
        SpanRow row = *state_.find(item);
        if (row.rowid >= 0) continue;
        row.rowid = rowids[static_cast<std::size_t>(-row.rowid - 1)];
        state_.set(item, std::move(row));
    }
}

namespace {

// The order key of each item at the new position, pointed to: that of its
// span in a neighbour (nearly all: no copies), unless keeping it would break
// the order; then a fresh one between the keys of its neighbours.
struct OrderKeys {
    std::vector<const std::string*> of;
    std::vector<std::string> fresh;
};

OrderKeys order_keys(const std::vector<std::int64_t>& items, const PositionState& prev,
                     const PositionState& next) {
    std::vector<const std::string*> candidate(items.size(), nullptr);
    for (std::size_t j = 0; j < items.size(); ++j) {
        if (auto* before = prev.find(items[j]))
            candidate[j] = &before->ord;
        else if (auto* after = next.find(items[j]))
            candidate[j] = &after->ord;
    }
    auto keep = longest_increasing(candidate);
    OrderKeys keys;
    keys.of.resize(items.size());
    // Reserved whole: `of` points into it.
    keys.fresh.reserve(static_cast<std::size_t>(std::count(keep.begin(), keep.end(), false)));
    for (std::size_t j = 0; j < items.size();) {
        if (keep[j]) {
            keys.of[j] = candidate[j];
            ++j;
            continue;
        }
        std::size_t end = j;
        while (end < items.size() && !keep[end])
            ++end;
        std::string low = j > 0 ? *keys.of[j - 1] : std::string();
        std::string high = end < items.size() ? *candidate[end] : std::string();
        for (auto& key : ordkeys_between(low, high, end - j)) {
            keys.fresh.push_back(std::move(key));
            keys.of[j++] = &keys.fresh.back();
        }
        j = end;
    }
    return keys;
}

} // namespace

// Cuts position position out of a span that runs across it.
void Membership::split(const SpanRow& span, std::int64_t item, std::int64_t position,
                       std::int64_t last) {
    set_hi_.exec(span.rowid, position - 1);
    if (position < last) add_span(item, position + 1, span.hi, span.ord);
}

// The span that holds `item` at position with order key `ord`: one of those at
// position - 1 (`before`) and position + 1 (`after`) stretched or joined, or a new one.
SpanRow Membership::span_at(std::int64_t item, const std::string& ord, const SpanRow* before,
                            const SpanRow* after, std::int64_t position, std::int64_t last) {
    const std::int64_t new_hi = position == last ? open_span : position;
    if (before && before->hi > position) { // runs across position
        if (before->ord == ord) return *before;
        split(*before, item, position, last);
        return {add_span(item, position, new_hi, ord), position, new_hi, ord};
    }
    const bool join_before = before && before->ord == ord;
    const bool join_after = after && after->ord == ord;
    if (join_before && join_after) {
        set_hi_.exec(before->rowid, after->hi);
        delete_.exec(after->rowid);
        return {before->rowid, before->lo, after->hi, ord};
    }
    if (join_before) {
        set_hi_.exec(before->rowid, new_hi);
        return {before->rowid, before->lo, new_hi, ord};
    }
    if (join_after) {
        set_lo_.exec(after->rowid, position);
        return {after->rowid, position, after->hi, ord};
    }
    return {add_span(item, position, new_hi, ord), position, new_hi, ord};
}

MembershipChange Membership::insert(std::int64_t position, std::int64_t last,
                                    const std::vector<std::int64_t>& items,
                                    const PositionState* previous) {
    PositionState loaded_prev;
    if (!previous && position > 1) loaded_prev = load(position - 1);
    const PositionState& prev = previous ? *previous : loaded_prev;
    PositionState next;
    if (position < last) next = load(position + 1);
    const auto ords = order_keys(items, prev, next);

    MembershipChange change;
    change.has_previous = position > 1;
    // The new position's state; it also says which items are present.
    state_ = PositionState();
    if (!items.empty()) state_.reserve(*std::max_element(items.begin(), items.end()), items.size());
    for (std::size_t j = 0; j < items.size(); ++j) {
        const SpanRow* before = prev.find(items[j]);
        if (!before && position > 1) change.added.push_back(items[j]);
        state_.set(items[j],
                   span_at(items[j], *ords.of[j], before, next.find(items[j]), position, last));
    }
    for (auto item : prev.items()) {
        if (state_.find(item)) continue;
        change.removed.push_back(item);
        const SpanRow& span = *prev.find(item);
        if (span.hi > position) split(span, item, position, last);
    }
    flush_spans();
    return change;
}

} // namespace portreg
