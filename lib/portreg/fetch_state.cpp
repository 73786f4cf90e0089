#include "portreg/fetch_state.hpp"

#include "portreg/embedded_sql.hpp"
#include "portreg/statement.hpp"

namespace portreg {

std::optional<FetchValidators> FetchState::get(const std::string& url) {
    Statement get(db_, sql::statement("fetch_state.get"));
    auto rows = get.query(url);
    if (!rows.next()) return std::nullopt;
    return FetchValidators{rows.text(0), rows.text(1), rows.text(2), rows.text(3)};
}

void FetchState::received(const std::string& url, const FetchValidators& v) {
    Statement(db_, sql::statement("fetch_state.received"))
        .exec(url, or_null(v.etag), or_null(v.last_modified), v.sha256, v.checked_at);
}

void FetchState::not_modified(const std::string& url, const std::string& checked_at) {
    Statement(db_, sql::statement("fetch_state.not_modified")).exec(url, checked_at);
}

} // namespace portreg
