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

} // namespace

Membership::Membership(SQLite::Database& db, ItemKind kind)
    : db_(db), kind_(kind), covering_(db, sql::statement("span.covering")),
      insert_(db, sql::statement("span.insert")), set_lo_(db, sql::statement("span.set_lo")),
      set_hi_(db, sql::statement("span.set_hi")), delete_(db, sql::statement("span.delete")) {}

PositionState Membership::load(std::int64_t position) {
    PositionState out;
    covering_.reset();
    covering_.bind(1, static_cast<int>(kind_));
    covering_.bind(2, static_cast<std::int64_t>(position));
    while (covering_.executeStep()) {
        SpanRow row{covering_.getColumn(0).getInt64(), covering_.getColumn(2).getInt64(),
                    covering_.getColumn(3).getInt64(), covering_.getColumn(4).getString()};
        out.set(covering_.getColumn(1).getInt64(), std::move(row));
    }
    covering_.reset();
    return out;
}

std::int64_t Membership::add_span(std::int64_t item, std::int64_t lo, std::int64_t hi,
                                  const std::string& ord) {
    insert_.bind(1, static_cast<int>(kind_));
    insert_.bind(2, static_cast<std::int64_t>(item));
    insert_.bind(3, static_cast<std::int64_t>(lo));
    insert_.bind(4, static_cast<std::int64_t>(hi));
    insert_.bind(5, ord);
    insert_.exec();
    insert_.reset();
    return db_.getLastInsertRowid();
}

void Membership::set_lo(std::int64_t rowid, std::int64_t lo) {
    set_lo_.bind(1, static_cast<std::int64_t>(rowid));
    set_lo_.bind(2, static_cast<std::int64_t>(lo));
    set_lo_.exec();
    set_lo_.reset();
}

void Membership::set_hi(std::int64_t rowid, std::int64_t hi) {
    set_hi_.bind(1, static_cast<std::int64_t>(rowid));
    set_hi_.bind(2, static_cast<std::int64_t>(hi));
    set_hi_.exec();
    set_hi_.reset();
}

MembershipChange Membership::insert(std::int64_t p, std::int64_t last,
                                    const std::vector<std::int64_t>& items,
                                    const PositionState* previous) {
    PositionState loaded_prev;
    if (!previous && p > 1) loaded_prev = load(p - 1);
    const PositionState& prev = previous ? *previous : loaded_prev;
    PositionState next;
    if (p < last) next = load(p + 1);

    // The order key each item would keep: that of its span in a neighbour.
    std::vector<const std::string*> candidate(items.size(), nullptr);
    for (std::size_t j = 0; j < items.size(); ++j) {
        if (auto* before = prev.find(items[j]))
            candidate[j] = &before->ord;
        else if (auto* after = next.find(items[j]))
            candidate[j] = &after->ord;
    }
    auto keep = longest_increasing(candidate);

    // Items that cannot keep a key get fresh ones between their neighbours.
    std::vector<std::string> ords(items.size());
    for (std::size_t j = 0; j < items.size();) {
        if (keep[j]) {
            ords[j] = *candidate[j];
            ++j;
            continue;
        }
        std::size_t end = j;
        while (end < items.size() && !keep[end])
            ++end;
        std::string low = j > 0 ? ords[j - 1] : std::string();
        std::string high = end < items.size() ? *candidate[end] : std::string();
        auto fresh = ordkeys_between(low, high, end - j);
        for (std::size_t k = 0; k < fresh.size(); ++k)
            ords[j + k] = std::move(fresh[k]);
        j = end;
    }

    const std::int64_t new_hi = p == last ? open_span : p;
    // Cuts position p out of a span that runs across it.
    auto split = [&](const SpanRow& span, std::int64_t item) {
        set_hi(span.rowid, p - 1);
        if (p < last) add_span(item, p + 1, span.hi, span.ord);
    };

    MembershipChange change;
    change.has_previous = p > 1;
    // The new position's state; it also says which items are present.
    state_ = PositionState();
    for (std::size_t j = 0; j < items.size(); ++j) {
        const std::int64_t item = items[j];
        const std::string& ord = ords[j];
        const SpanRow* before = prev.find(item);
        const SpanRow* after = next.find(item);
        if (!before && p > 1) change.added.push_back(item);

        SpanRow result;
        if (before && before->hi > p) { // runs across p
            if (before->ord == ord) {
                result = *before;
            } else {
                split(*before, item);
                result = {add_span(item, p, new_hi, ord), p, new_hi, ord};
            }
        } else {
            bool join_before = before && before->ord == ord;
            bool join_after = after && after->ord == ord;
            if (join_before && join_after) {
                set_hi(before->rowid, after->hi);
                delete_.bind(1, static_cast<std::int64_t>(after->rowid));
                delete_.exec();
                delete_.reset();
                result = {before->rowid, before->lo, after->hi, ord};
            } else if (join_before) {
                set_hi(before->rowid, new_hi);
                result = {before->rowid, before->lo, new_hi, ord};
            } else if (join_after) {
                set_lo(after->rowid, p);
                result = {after->rowid, p, after->hi, ord};
            } else {
                result = {add_span(item, p, new_hi, ord), p, new_hi, ord};
            }
        }
        state_.set(item, std::move(result));
    }
    for (auto item : prev.items()) {
        if (state_.find(item)) continue;
        change.removed.push_back(item);
        const SpanRow& span = *prev.find(item);
        if (span.hi > p) split(span, item);
    }
    return change;
}

} // namespace portreg
