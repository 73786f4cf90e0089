#pragma once
// A prepared statement used the one way: values bound to ?1, ?2, ... in the
// order given, and the statement reset when the use ends, by an exception
// too, so that no statement is left mid-step to hold a read lock.

#include "portreg/digest.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace portreg {

// A text column that is NULL where the value is empty.
struct TextOrNull {
    const std::string& text;
};
inline TextOrNull or_null(const std::string& text) {
    return {text};
}

struct Blob {
    std::string_view bytes;
};
inline Blob blob(std::string_view bytes) {
    return {bytes};
}

// One row after another of a statement in use; resets it when it goes.
class Rows {
public:
    explicit Rows(SQLite::Statement& st) : st_(&st) {}
    Rows(Rows&& other) noexcept : st_(other.st_) { other.st_ = nullptr; }
    Rows(const Rows&) = delete;
    Rows& operator=(const Rows&) = delete;
    Rows& operator=(Rows&&) = delete;
    ~Rows() {
        if (st_) st_->tryReset();
    }

    bool next() { return st_->executeStep(); }
    std::int64_t int64(int column) const { return st_->getColumn(column).getInt64(); }
    std::string text(int column) const { return st_->getColumn(column).getString(); }
    bool null(int column) const { return st_->getColumn(column).isNull(); }
    // Valid until the next step.
    std::string_view bytes(int column) const {
        const auto& value = st_->getColumn(column);
        return {static_cast<const char*>(value.getBlob()),
                static_cast<std::size_t>(value.getBytes())};
    }
    DigestKey digest(int column) const {
        auto b = bytes(column);
        return DigestKey(b.data(), b.size());
    }

private:
    SQLite::Statement* st_;
};

class Statement {
public:
    Statement(SQLite::Database& db, const std::string& text) : st_(db, text) {}

    // Binds `values` and steps through every row (an INSERT, an UPDATE).
    template <typename... Values> void exec(const Values&... values) {
        auto rows = query(values...);
        while (rows.next()) {
        }
    }
    template <typename... Values> Rows query(const Values&... values) {
        bind_from(1, values...);
        return Rows(st_);
    }
    // The first column of the first row, if there is a row.
    template <typename... Values> std::optional<std::int64_t> int64(const Values&... values) {
        auto rows = query(values...);
        if (!rows.next()) return std::nullopt;
        return rows.int64(0);
    }
    // Binds `values` to the parameters from `first` on, for a statement of
    // many rows (sql::multi_row) bound one row at a time; run() it after.
    template <typename... Values> void bind_from(int first, const Values&... values) {
        (bind_one(first++, values), ...);
    }
    void run() { Rows(st_).next(); }

private:
    SQLite::Statement st_;

    void bind_one(int i, std::int64_t value) { st_.bind(i, value); }
    void bind_one(int i, int value) { st_.bind(i, value); }
    void bind_one(int i, std::size_t value) { st_.bind(i, static_cast<std::int64_t>(value)); }
    void bind_one(int i, const std::string& value) { st_.bind(i, value); }
    void bind_one(int i, const char* value) { st_.bind(i, value); }
    void bind_one(int i, std::nullopt_t) { st_.bind(i); }
    void bind_one(int i, TextOrNull value) {
        if (value.text.empty())
            st_.bind(i);
        else
            st_.bind(i, value.text);
    }
    void bind_one(int i, Blob value) {
        st_.bind(i, value.bytes.data(), static_cast<int>(value.bytes.size()));
    }
    template <typename T> void bind_one(int i, const std::optional<T>& value) {
        if (value)
            bind_one(i, *value);
        else
            st_.bind(i);
    }
};

} // namespace portreg
