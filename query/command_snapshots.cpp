#include "command.hpp"
#include "commands.hpp"
#include "output.hpp"

namespace portreg::query {

int run_snapshots(QueryContext& ctx) {
    auto releases = SnapshotReader(ctx.db).releases();
    Table t;
    if (ctx.format == Format::text) {
        t.header = {"DATE", "HASH", "FORMAT", "RECORDS", "PEOPLE", "SOURCE"};
        for (const auto& r : releases)
            t.rows.push_back({r.registry_date, r.sha256.substr(0, 8), r.format,
                              std::to_string(r.record_count), std::to_string(r.people_count),
                              r.source});
    } else {
        t.header = {"id",     "registry_date", "sha256",   "format",     "records",
                    "people", "source",        "captured", "imported_at"};
        for (const auto& r : releases)
            t.rows.push_back({std::to_string(r.id), r.registry_date, r.sha256, r.format,
                              std::to_string(r.record_count), std::to_string(r.people_count),
                              r.source, r.captured, r.imported_at});
        t.json_types = {JsonType::number,        JsonType::text,          JsonType::text,
                        JsonType::text,          JsonType::number,        JsonType::number,
                        JsonType::optional_text, JsonType::optional_text, JsonType::text};
    }
    write_table(ctx, t);
    return releases.empty() ? 1 : 0;
}

namespace {

class SnapshotsCommand final : public Command {
    CommandSpec spec() override { return {"snapshots", "every stored release"}; }
    int run(QueryContext& ctx) override { return run_snapshots(ctx); }
};

} // namespace

std::unique_ptr<Command> snapshots_command() {
    return std::make_unique<SnapshotsCommand>();
}

} // namespace portreg::query
