#include "portreg/release_name.hpp"

#include "portreg/embedded_sql.hpp"
#include "portreg/error.hpp"
#include "portreg/text.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <cctype>
#include <vector>

namespace portreg {

std::string ReleaseName::described() const {
    return id ? "with id " + std::to_string(*id) : "with a hash starting " + hash_prefix;
}

std::optional<ReleaseName> parse_release_name(const std::string& text) {
    const bool digits =
        std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
    const bool hex =
        std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isxdigit(c); });
    if (text.empty() || !hex || (!digits && text.size() < 4)) return std::nullopt;
    ReleaseName name;
    if (digits && text.size() < 8)
        name.id = std::stoll(text);
    else
        name.hash_prefix = ascii_lower(text);
    return name;
}

namespace {

// "2026-08-17 4bbf00ef, 2019-02-01 4bbf01aa": as many hex digits as tell
// them apart, at least 8.
std::string listed(const std::vector<ReleaseInfo>& releases) {
    std::size_t digits = 8;
    auto apart = [&] {
        for (std::size_t i = 0; i < releases.size(); ++i)
            for (std::size_t j = i + 1; j < releases.size(); ++j)
                if (releases[i].sha256.compare(0, digits, releases[j].sha256, 0, digits) == 0)
                    return false;
        return true;
    };
    while (digits < 64 && !apart())
        ++digits;
    std::string out;
    for (const auto& r : releases)
        out += (out.empty() ? "" : ", ") + r.registry_date + " " + r.sha256.substr(0, digits);
    return out;
}

} // namespace

std::optional<ReleaseInfo> find_release(SQLite::Database& db, const ReleaseName& name) {
    SnapshotReader reader(db);
    if (name.id) {
        SQLite::Statement st(db, sql::statement("snapshot.seq_by_id"));
        st.bind(1, *name.id);
        if (!st.executeStep()) return std::nullopt;
        return reader.release_at(st.getColumn(0).getInt64());
    }
    SQLite::Statement st(db, sql::statement("snapshot.seq_by_hash_prefix"));
    st.bind(1, name.hash_prefix);
    std::vector<ReleaseInfo> found;
    while (st.executeStep())
        if (auto release = reader.release_at(st.getColumn(0).getInt64())) found.push_back(*release);
    if (found.size() > 1)
        throw Error("the hash start " + name.hash_prefix + " fits " + std::to_string(found.size()) +
                    " releases: " + listed(found) + "; give more of it");
    if (found.empty()) return std::nullopt;
    return found.front();
}

} // namespace portreg
