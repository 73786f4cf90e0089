#include "command.hpp"
#include "commands.hpp"
#include "export_xml.hpp"
#include "output.hpp"
#include "services_file.hpp"

#include "portreg/error.hpp"

#include <fmt/format.h>

namespace portreg::query {

namespace {

// /etc/services as distributions ship it; the policy is in the README.
void write_services(QueryContext& ctx, const std::vector<RecordPtr>& records) {
    const auto& s = ctx.snapshot();
    ctx.out << "# Network services, Internet style\n"
            << "# From IANA's Service Name and Transport Protocol Port Number Registry,\n"
            << "# release " << s.registry_date << " (" << s.sha256.substr(0, 8)
            << "), by portreg-query export --format services.\n";
    for (const auto& e : service_ports(records)) {
        std::string aliases;
        for (std::size_t i = 1; i < e.names.size(); ++i)
            aliases += (i > 1 ? " " : "") + e.names[i];
        std::string line =
            fmt::format("{:<15} {:<15}", e.names[0], fmt::format("{}/{}", e.port, e.transport));
        if (!aliases.empty()) line += " " + aliases;
        if (!e.description.empty()) line += "\t# " + e.description;
        ctx.out << line << '\n';
    }
}

} // namespace

int run_export(QueryContext& ctx) {
    if (ctx.format == Format::xml) {
        const auto release = SnapshotReader(ctx.db).release(ctx.snapshot());
        write_release_xml(ctx.out, release);
        return release.records.empty() ? 1 : 0;
    }
    auto records = SnapshotReader(ctx.db).records(ctx.snapshot().seq);
    switch (ctx.format) {
    case Format::services:
        write_services(ctx, records);
        break;
    case Format::text:
        throw UsageError("export writes csv, json, jsonl, xml or services; pass --format");
    default:
        write_records(ctx, records);
    }
    return records.empty() ? 1 : 0;
}

namespace {

class ExportCommand final : public Command {
    CommandSpec spec() override {
        return {"export", "the whole snapshot as IANA's CSV (or --format xml, services)"};
    }
    bool writes(Format) const override { return true; }
    int run(QueryContext& ctx) override { return run_export(ctx); }
};

} // namespace

std::unique_ptr<Command> export_command() {
    return std::make_unique<ExportCommand>();
}

} // namespace portreg::query
