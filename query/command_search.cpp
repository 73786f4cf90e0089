#include "command.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "record_lookup.hpp"
#include "report_writers.hpp"

#include "portreg/embedded_sql.hpp"
#include "portreg/error.hpp"
#include "portreg/render.hpp"
#include "portreg/text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <unordered_set>

namespace portreg::query {

std::string fts_query(const std::string& text) {
    std::string out;
    std::size_t pos = 0;
    while ((pos = text.find_first_not_of(" \t\r\n", pos)) != std::string::npos) {
        auto end = text.find_first_of(" \t\r\n", pos);
        auto word = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        if (!out.empty()) out += ' ';
        out += '"';
        for (char c : word)
            out += c == '"' ? std::string("\"\"") : std::string(1, c);
        out += '"';
        pos = end;
    }
    return out;
}

namespace {

// The snapshot's records in which `term` occurs, ignoring case, in any of
// the 12 rendered columns, in registry order. The columns are stored
// rendered, each ended by a line feed, which no term may hold.
std::vector<RecordPtr> substring_search(QueryContext& ctx, const std::string& term) {
    if (term.find_first_of("\r\n") != std::string::npos) return {};
    const auto seq = ctx.snapshot().seq;
    SQLite::Statement st(ctx.db, sql::statement("query.ids_containing"));
    st.bind(1, seq);
    st.bind(2, ascii_lower(term));
    return SnapshotReader(ctx.db).records(seq, ids_of(st));
}

// The snapshot's records matching the words of `text` in SQLite's FTS5
// index, best first.
std::vector<RecordPtr> ranked_search(QueryContext& ctx, const std::string& text) {
    auto query = fts_query(text);
    if (query.empty()) throw UsageError("search --fts needs a word to look for");
    SQLite::Statement matches(ctx.db, sql::statement("query.ids_fts"));
    matches.bind(1, query);
    auto ranked = ids_of(matches);
    if (ranked.empty()) return {};
    SQLite::Statement held(ctx.db, sql::statement("query.ids_in_snapshot"));
    held.bind(1, ctx.snapshot().seq);
    held.bind(2, nlohmann::json(ranked).dump());
    auto in_snapshot = ids_of(held);
    std::unordered_set<std::int64_t> keep(in_snapshot.begin(), in_snapshot.end());
    ranked.erase(std::remove_if(ranked.begin(), ranked.end(),
                                [&](std::int64_t id) { return !keep.count(id); }),
                 ranked.end());
    return SnapshotReader(ctx.db).records_listed(ranked);
}

} // namespace

// IANA's web search, or a ranked full-text search.
int run_search(QueryContext& ctx, const std::string& term, bool fts) {
    auto found = fts ? ranked_search(ctx, term) : substring_search(ctx, term);
    write_found(ctx, found,
                "nothing in " + release_label(ctx.snapshot()) +
                    (fts ? " matches \"" : " holds \"") + term + "\"");
    return 0;
}

namespace {

class SearchCommand final : public Command {
    std::string term_;
    bool fts_ = false;
    CommandSpec spec() override {
        CommandSpec command("search", "IANA's web search: TERM in any of the 12 columns");
        command.value("term", term_, "text to look for, ignoring case").required();
        command.flag("--fts", fts_,
                     "rank with SQLite FTS5: records with all the words, best first");
        return command;
    }
    int run(QueryContext& ctx) override { return run_search(ctx, term_, fts_); }
};

} // namespace

std::unique_ptr<Command> search_command() {
    return std::make_unique<SearchCommand>();
}

} // namespace portreg::query
