#include "command.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "record_lookup.hpp"
#include "report_writers.hpp"

namespace portreg::query {

int run_port(QueryContext& ctx, const std::string& spec_text) {
    auto spec = parse_port_spec(spec_text);
    auto records = records_on_ports(ctx, spec.range, spec.transport);
    write_found(ctx, records,
                "no record covers " + spec_text + " in " + release_label(ctx.snapshot()));
    return 0;
}

namespace {

class PortCommand final : public Command {
    std::string port_;
    CommandSpec spec() override {
        CommandSpec command("port", "records covering a port or overlapping a range");
        command.value("port", port_, "443, 443/tcp, 4200-4299 or 4200-4299/udp").required();
        return command;
    }
    int run(QueryContext& ctx) override { return run_port(ctx, port_); }
};

} // namespace

std::unique_ptr<Command> port_command() {
    return std::make_unique<PortCommand>();
}

} // namespace portreg::query
