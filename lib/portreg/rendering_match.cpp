#include "portreg/rendering_match.hpp"

#include "portreg/embedded_sql.hpp"

#include <algorithm>

namespace portreg {

RenderingMatch::RenderingMatch(SQLite::Database& db, const PlacedVersions& placed)
    : placed_(placed), neighbour_renderings_at_(db, sql::statement("record.render_digests_at")),
      all_renderings_(db, sql::statement("record.render_digests")),
      by_rendering_(db, sql::statement("record.by_rendering")) {}

void RenderingMatch::begin_release(std::int64_t position, std::int64_t last) {
    neighbours_ = {position - 1, position + 1 <= last ? position + 1 : 0};
    queries_ = 0;
    neighbour_versions_.clear();
    neighbours_loaded_ = false;
    all_versions_.clear();
    all_loaded_ = false;
}

std::int64_t RenderingMatch::version_rendering(const std::string& render_digest) {
    if (!neighbours_loaded_ && queries_ < queries_max) {
        ++queries_;
        return query_one(render_digest);
    }
    if (!neighbours_loaded_) load_neighbours();
    if (auto id = first_unplaced(neighbour_versions_, render_digest)) return id;
    if (!all_loaded_) load_all();
    return first_unplaced(all_versions_, render_digest);
}

void RenderingMatch::stored(const std::string& render_digest, std::int64_t id) {
    if (all_loaded_) all_versions_[render_digest].push_back(id);
}

std::int64_t RenderingMatch::query_one(const std::string& render_digest) {
    auto rows = by_rendering_.query(blob(render_digest), neighbours_[0], neighbours_[1]);
    while (rows.next())
        if (auto id = rows.int64(0); !placed_.placed(id)) return id;
    return 0;
}

std::int64_t RenderingMatch::first_unplaced(const VersionsByRendering& versions,
                                            const std::string& digest) const {
    auto it = versions.find(digest);
    if (it == versions.end()) return 0;
    for (auto id : it->second)
        if (!placed_.placed(id)) return id;
    return 0;
}

void RenderingMatch::load_neighbours() {
    for (auto position : neighbours_) {
        if (position < 1) continue;
        for (auto row = neighbour_renderings_at_.query(position); row.next();)
            neighbour_versions_[row.digest(0)].push_back(row.int64(1));
    }
    for (auto& entry : neighbour_versions_)
        std::sort(entry.second.begin(), entry.second.end());
    neighbours_loaded_ = true;
}

void RenderingMatch::load_all() {
    for (auto row = all_renderings_.query(); row.next();)
        all_versions_[row.digest(0)].push_back(row.int64(1));
    all_loaded_ = true;
}

} // namespace portreg
