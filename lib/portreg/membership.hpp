#pragma once
// Which releases hold which versions, as spans of release positions (see the
// `span` table). Adding a release touches only the spans of versions that
// differ from its neighbours in history order.

#include "portreg/database.hpp"
#include "portreg/statement.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace portreg {

struct SpanRow {
    std::int64_t rowid = 0;
    std::int64_t lo = 0;
    std::int64_t hi = 0;
    std::string ord;
};

// The spans holding the items of one release position. Item ids are the
// dense rowids of their version tables, so a vector indexed by id serves.
class PositionState {
public:
    const SpanRow* find(std::int64_t item) const {
        auto i = static_cast<std::size_t>(item);
        return i < rows_.size() && rows_[i].rowid ? &rows_[i] : nullptr;
    }
    void set(std::int64_t item, SpanRow row) {
        auto i = static_cast<std::size_t>(item);
        if (i >= rows_.size()) rows_.resize(std::max(i + 1, rows_.size() * 2));
        if (!rows_[i].rowid) items_.push_back(item);
        rows_[i] = std::move(row);
    }
    // Room for items up to `max_item`, `count` of them, set at once
    // rather than by doubling.
    void reserve(std::int64_t max_item, std::size_t count) {
        rows_.resize(std::max(rows_.size(), static_cast<std::size_t>(max_item) + 1));
        items_.reserve(count);
    }
    // Every item, in no particular order.
    const std::vector<std::int64_t>& items() const { return items_; }

private:
    std::vector<SpanRow> rows_;
    std::vector<std::int64_t> items_;
};

struct MembershipChange {
    std::vector<std::int64_t> added;   // in the new release, not in the one before it
    std::vector<std::int64_t> removed; // in the one before it, not in the new release
    bool has_previous = false;
};

class Membership {
public:
    Membership(SQLite::Database& db, ItemKind kind);

    // Records that release position `position` (already made free by
    // shifting later positions up; `last` is the newest position after the
    // insert) holds `items`, in published order. Returns the difference to
    // position - 1. `previous`, when given, is the state of position - 1
    // (a cache of the caller's); otherwise it is read from the database.
    MembershipChange insert(std::int64_t position, std::int64_t last,
                            const std::vector<std::int64_t>& items, const PositionState* previous);

    // The state of the position just inserted, valid when it was the newest.
    PositionState take_state() { return std::move(state_); }

    PositionState load(std::int64_t position);

private:
    SQLite::Database& db_;
    ItemKind kind_;
    Statement covering_, insert_, insert_rows_, set_lo_, set_hi_, delete_;
    PositionState state_;
    // New spans, written many rows per statement at the end of insert().
    struct PendingSpan {
        std::int64_t item, lo, hi;
        std::string ord;
    };
    std::vector<PendingSpan> pending_;

    // Queues a new span; returns a stand-in rowid (negative) that
    // flush_spans replaces in state_ with the real one.
    std::int64_t add_span(std::int64_t item, std::int64_t lo, std::int64_t hi,
                          const std::string& ord);
    void flush_spans();
    void split(const SpanRow& span, std::int64_t item, std::int64_t position, std::int64_t last);
    SpanRow span_at(std::int64_t item, const std::string& ord, const SpanRow* before,
                    const SpanRow* after, std::int64_t position, std::int64_t last);
};

} // namespace portreg
