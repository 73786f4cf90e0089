#include "change_loader.hpp"
#include "command.hpp"
#include "commands.hpp"
#include "day_argument.hpp"
#include "output.hpp"
#include "report_writers.hpp"

#include "portreg/error.hpp"

#include <nlohmann/json.hpp>

namespace portreg::query {

namespace {

ReleaseInfo resolve(QueryContext& ctx, const std::string& which) {
    GlobalOptions options;
    options.today = ctx.today();
    if (looks_like_day(which))
        options.as_of = which;
    else
        options.snapshot = which;
    return choose_snapshot(ctx.db, options);
}

// A FROM day after the newest release would compare the newest with
// itself: nothing changed as far as the database knows, which is not news.
void check_from_day(QueryContext& ctx, const std::string& from_arg) {
    if (!looks_like_day(from_arg)) return;
    const auto day = parse_day("FROM", from_arg, ctx.today());
    const auto newest = newest_release(ctx.db);
    if (day > newest.registry_date)
        throw NotFound("FROM " + day + " is after the newest release, " + release_label(newest) +
                       " (portreg-import --fetch brings the database up to date)");
}

// The events as rows, for --format csv, with the keys of their JSON: the
// service name (the new one when renamed) and the old one apart, and no
// port for a name without one.
Table event_table(const ChangeReport& report) {
    Table t;
    t.header = {"event", "port", "transport", "service", "old_service", "description", "detail"};
    for (const auto& e : report.events)
        t.rows.push_back({kind_name(e.kind), port_text(e.port), e.transport, e.name, e.old_name,
                          e.description, event_detail(e)});
    return t;
}

} // namespace

void write_change_report(std::ostream& out, const ChangeReport& report, Format format, int width) {
    switch (format) {
    case Format::json:
        out << report_json(report).dump(2) << '\n';
        break;
    case Format::jsonl:
        out << report_json(report).dump() << '\n';
        break;
    case Format::markdown:
        write_report_markdown(out, report);
        break;
    case Format::html:
        write_report_html(out, report);
        break;
    case Format::csv:
        write_table(out, format, event_table(report), width);
        break;
    default:
        write_report_text(out, report, width);
    }
}

int run_diff(QueryContext& ctx, const std::string& from_arg, const std::string& to_arg) {
    ReleaseInfo to = to_arg.empty() ? ctx.snapshot() : resolve(ctx, to_arg);
    ReleaseInfo from;
    if (from_arg.empty()) {
        auto before = SnapshotReader(ctx.db).release_at(to.seq - 1);
        if (!before) throw Error("no release before " + to.registry_date + " to compare with");
        from = *before;
    } else {
        check_from_day(ctx, from_arg);
        from = resolve(ctx, from_arg);
    }
    if (from.seq > to.seq)
        throw UsageError("FROM (" + release_label(from) + ") comes after TO (" + release_label(to) +
                         ")");
    auto report = diff_snapshots(ctx.db, from, to);
    // Into a pipe, changed values are whole; on a terminal, fitted to it.
    if (ctx.format == Format::csv && !ctx.columns.empty())
        write_table(ctx, event_table(report)); // the events' columns chosen
    else
        write_change_report(ctx.out, report, ctx.format, ctx.terminal ? ctx.width : 0);
    return report.empty() ? 1 : 0;
}

namespace {

class DiffCommand final : public Command {
    std::string from_, to_;
    CommandSpec spec() override {
        CommandSpec command(
            "diff", "what changed between two snapshots: records, events, people, registry");
        command.value("from", from_,
                      "day (YYYY-MM-DD, 7d, 2w, 3m, 1y), release id or hash prefix (default: the "
                      "one before TO)");
        command.value("to", to_, "day, release id or hash prefix (default: the newest)");
        return command;
    }
    int run(QueryContext& ctx) override { return run_diff(ctx, from_, to_); }
};

} // namespace

std::unique_ptr<Command> diff_command() {
    return std::make_unique<DiffCommand>();
}

} // namespace portreg::query
