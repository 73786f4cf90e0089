#include "command.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "record_lookup.hpp"
#include "report_writers.hpp"

namespace portreg::query {

// A name with glob characters (* ? [) is a pattern.
int run_service(QueryContext& ctx, const std::string& name) {
    const bool pattern = is_name_pattern(name);
    auto records = records_named(ctx, name, pattern);
    const auto none_found =
        records.empty()
            ? "no service " + name + " in " + release_label(ctx.snapshot()) +
                  (pattern ? std::string() : nearest_suffix(ctx, "query.service_names", name))
            : std::string();
    write_found(ctx, records, none_found);
    return 0;
}

namespace {

class ServiceCommand final : public Command {
    std::string name_;
    CommandSpec spec() override {
        CommandSpec command("service", "records of a service name (case-insensitive; * ? [ glob)");
        command.value("name", name_, "service name or pattern").required();
        return command;
    }
    int run(QueryContext& ctx) override { return run_service(ctx, name_); }
};

} // namespace

std::unique_ptr<Command> service_command() {
    return std::make_unique<ServiceCommand>();
}

} // namespace portreg::query
