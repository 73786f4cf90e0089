#include "command.hpp"
#include "commands.hpp"
#include "log_html.hpp"
#include "output.hpp"

#include "portreg/embedded_sql.hpp"
#include "portreg/error.hpp"
#include "portreg/values.hpp"

#include <SQLiteCpp/Statement.h>

namespace portreg::query {

// One line per release in history order, with its record changes against
// the release before it, as portreg-import counts them.
int run_log(QueryContext& ctx, const std::string& since, const std::string& until) {
    for (const auto* d : {&since, &until})
        if (!d->empty() && !is_full_date(*d))
            throw UsageError("--since and --until take a date YYYY-MM-DD, not \"" + *d + "\"");
    if (!since.empty() && !until.empty() && since > until)
        throw UsageError("--since " + since + " is after --until " + until);
    SQLite::Statement st(ctx.db, sql::statement("query.log"));
    st.bind(1, since.empty() ? std::string("0000-00-00") : since);
    st.bind(2, until.empty() ? std::string("9999-99-99") : until);
    Table t;
    std::vector<LogEntry> entries;
    const bool people =
        ctx.format == Format::table || ctx.format == Format::markdown || ctx.format == Format::html;
    t.header = people ? std::vector<std::string>{"DATE",  "HASH",    "FORMAT", "RECORDS",
                                                 "ADDED", "REMOVED", "CHANGED"}
                      : std::vector<std::string>{"registry_date", "sha256",  "format", "records",
                                                 "added",         "removed", "changed"};
    while (st.executeStep()) {
        auto col = [&](int i) { return st.getColumn(i).getString(); };
        bool first = st.getColumn(0).getInt64() == 1;
        t.rows.push_back({col(1), people ? col(2).substr(0, 8) : col(2), col(3), col(4),
                          first ? "" : col(5), first ? "" : col(6), first ? "" : col(7)});
        entries.push_back(
            {col(1), col(2), col(3), st.getColumn(4).getInt(), first ? 0 : st.getColumn(5).getInt(),
             first ? 0 : st.getColumn(6).getInt(), first ? 0 : st.getColumn(7).getInt()});
    }
    if (ctx.format == Format::html)
        write_log_html(ctx.out, entries, t);
    else
        write_table(ctx.out, ctx.format, t, ctx.width);
    return t.rows.empty() ? 1 : 0;
}

namespace {

class LogCommand final : public Command {
    std::string since_, until_;
    CommandSpec spec() override {
        CommandSpec command("log", "one line per release with its record changes");
        command.value("--since", since_, "from this day").type_name("YYYY-MM-DD");
        command.value("--until", until_, "to this day").type_name("YYYY-MM-DD");
        return command;
    }
    int run(QueryContext& ctx) override { return run_log(ctx, since_, until_); }
};

} // namespace

std::unique_ptr<Command> log_command() {
    return std::make_unique<LogCommand>();
}

} // namespace portreg::query
