#include "commands.hpp"
#include "output.hpp"
#include "record_lookup.hpp"

#include "portreg/render.hpp"

#include <algorithm>
#include <set>

namespace portreg::query {

namespace {

std::string folded(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

} // namespace

// IANA's web search: the records in which the term occurs, ignoring case,
// in any of the 12 rendered columns, in registry order; on a table the
// people of those records follow, as on IANA's page.
int run_search(QueryContext& ctx, const std::string& term) {
    const auto needle = folded(term);
    std::vector<RecordPtr> found;
    for (auto& r : SnapshotReader(ctx.db).records(ctx.snapshot().seq)) {
        auto columns = render_record(*r);
        if (std::any_of(columns.begin(), columns.end(), [&](const std::string& c) {
                return folded(c).find(needle) != std::string::npos;
            }))
            found.push_back(std::move(r));
    }
    write_records(ctx.out, ctx.format, found, ctx.width);
    if (ctx.format == Format::table && !found.empty()) {
        std::vector<std::string> ids;
        std::set<std::string> seen;
        for (const auto& r : found)
            for (auto& id : people_named(*r))
                if (seen.insert(id).second) ids.push_back(id);
        auto people = people_with_ids(ctx, ids);
        if (!people.empty()) {
            ctx.out << '\n';
            write_people(ctx.out, ctx.format, people, ctx.width);
        }
    }
    return found.empty() ? 1 : 0;
}

} // namespace portreg::query
