#include "command.hpp"
#include "commands.hpp"
#include "day_argument.hpp"
#include "log_html.hpp"
#include "output.hpp"
#include "report_writers.hpp"

#include "portreg/embedded_sql.hpp"
#include "portreg/error.hpp"
#include "portreg/values.hpp"

#include <SQLiteCpp/Statement.h>

namespace portreg::query {

// One line per release in history order, with its record changes against
// the release before it, as portreg-import counts them.
int run_log(QueryContext& ctx, const std::string& since_arg, const std::string& until_arg) {
    const auto since = since_arg.empty() ? since_arg : parse_day("--since", since_arg, ctx.today());
    const auto until = until_arg.empty() ? until_arg : parse_day("--until", until_arg, ctx.today());
    if (!since.empty() && !until.empty() && since > until)
        throw UsageError("--since " + since + " is after --until " + until);
    if (const auto newest = newest_release(ctx.db); since > newest.registry_date)
        throw NotFound("--since " + since + " is after the newest release, " +
                       release_label(newest) +
                       " (portreg-import --fetch brings the database up to date)");
    SQLite::Statement st(ctx.db, sql::statement("query.log"));
    st.bind(1, since.empty() ? std::string("0000-00-00") : since);
    st.bind(2, until.empty() ? std::string("9999-99-99") : until);
    Table t;
    t.json_types = {JsonType::text,   JsonType::text,   JsonType::text,  JsonType::number,
                    JsonType::number, JsonType::number, JsonType::number};
    std::vector<LogEntry> entries;
    const bool people =
        ctx.format == Format::text || ctx.format == Format::markdown || ctx.format == Format::html;
    t.header = people ? std::vector<std::string>{"DATE",  "HASH",    "FORMAT", "RECORDS",
                                                 "ADDED", "REMOVED", "CHANGED"}
                      : std::vector<std::string>{"registry_date", "sha256",  "format", "records",
                                                 "added",         "removed", "changed"};
    while (st.executeStep()) {
        auto col = [&](int i) { return st.getColumn(i).getString(); };
        bool first = st.getColumn(0).getInt64() == 1;
        t.rows.push_back({col(1), people ? col(2).substr(0, 8) : col(2), col(3), col(4),
                          first ? "" : col(5), first ? "" : col(6), first ? "" : col(7)});
        // On a page each release links to its change report, but the
        // first, which has no release before it.
        if (ctx.link_to && ctx.format == Format::html)
            t.links.push_back({first ? "" : ctx.link_to(LinkTo::diff, col(2))});
        entries.push_back(
            {col(1), col(2), col(3), st.getColumn(4).getInt(), first ? 0 : st.getColumn(5).getInt(),
             first ? 0 : st.getColumn(6).getInt(), first ? 0 : st.getColumn(7).getInt()});
    }
    if (ctx.format == Format::html)
        write_log_html(ctx.out, entries, t);
    else
        write_table(ctx, t);
    return t.rows.empty() ? 1 : 0;
}

namespace {

class LogCommand final : public Command {
    std::string since_, until_;
    CommandSpec spec() override {
        CommandSpec command("log", "one line per release with its record changes");
        command.value("--since", since_, "from this day (YYYY-MM-DD, today, 7d, 2w, 3m, 1y)")
            .type_name("DAY");
        command.value("--until", until_, "to this day").type_name("DAY");
        return command;
    }
    int run(QueryContext& ctx) override { return run_log(ctx, since_, until_); }
};

} // namespace

std::unique_ptr<Command> log_command() {
    return std::make_unique<LogCommand>();
}

} // namespace portreg::query
