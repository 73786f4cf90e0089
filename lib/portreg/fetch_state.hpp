#pragma once
// What portreg-import --fetch keeps of each URL it asked (table
// fetch_state): the validators of the last release received, for a
// conditional request next time, and when the server last answered.

#include <SQLiteCpp/Database.h>

#include <optional>
#include <string>

namespace portreg {

struct FetchValidators {
    std::string etag;          // as the server sent it, quotes included; empty if none
    std::string last_modified; // an HTTP date, as sent; empty if none
    std::string sha256;        // of the release those validators are of
    std::string checked_at;    // ISO 8601 UTC
};

class FetchState {
public:
    explicit FetchState(SQLite::Database& db) : db_(db) {}

    std::optional<FetchValidators> get(const std::string& url);
    // A release arrived and was stored (or was stored already).
    void received(const std::string& url, const FetchValidators& validators);
    // The server said 304: only the time of the check moves on.
    void not_modified(const std::string& url, const std::string& checked_at);

private:
    SQLite::Database& db_;
};

} // namespace portreg
