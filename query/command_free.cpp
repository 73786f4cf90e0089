#include "command.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "record_lookup.hpp"

#include "portreg/error.hpp"
#include "portreg/text.hpp"
#include "portreg/values.hpp"

#include <vector>

namespace portreg::query {

// The ports of a range that no record assigns or reserves, on every
// transport asked for (by default tcp and udp, what a new service needs),
// merged into ranges. Unassigned rows assign nothing; a row without a
// transport holds its ports on every transport.
int run_free(QueryContext& ctx, const std::string& range_text, const std::string& transport_text) {
    const auto transport = ascii_lower(transport_text);
    auto range = parse_port_range(range_text);
    if (!range) throw UsageError(port_range_problem(range_text));
    if (!transport.empty() && !is_transport(transport))
        throw UsageError("unknown transport \"" + transport +
                         "\" (expected tcp, udp, sctp or dccp)");
    std::vector<std::string> transports = {"tcp", "udp"};
    if (!transport.empty()) transports = {transport};

    std::vector<bool> taken(static_cast<std::size_t>(range->high - range->low + 1), false);
    for (const auto& t : transports) {
        for (const auto& r : records_on_ports(ctx, *range, t)) {
            if (r->description == "Unassigned" && r->name.empty()) continue;
            for (int p = std::max(r->port->low, range->low);
                 p <= std::min(r->port->high, range->high); ++p)
                taken[static_cast<std::size_t>(p - range->low)] = true;
        }
    }
    Table t;
    t.header = ctx.format == Format::text ? std::vector<std::string>{"FREE", "PORTS"}
                                          : std::vector<std::string>{"low", "high", "ports"};
    for (std::size_t i = 0; i < taken.size();) {
        if (taken[i]) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j + 1 < taken.size() && !taken[j + 1])
            ++j;
        PortRange free{range->low + static_cast<int>(i), range->low + static_cast<int>(j)};
        auto count = std::to_string(j - i + 1);
        if (ctx.format == Format::text)
            t.rows.push_back({format_port_range(free), count});
        else
            t.rows.push_back({std::to_string(free.low), std::to_string(free.high), count});
        i = j + 1;
    }
    t.json_types.assign(t.header.size(), JsonType::number);
    write_table(ctx, t);
    return t.rows.empty() ? 1 : 0;
}

namespace {

class FreeCommand final : public Command {
    std::string range_, transport_;
    CommandSpec spec() override {
        CommandSpec command("free", "ports in a range that no record assigns or reserves");
        command.value("range", range_, "LOW-HIGH").required();
        command.value("--transport", transport_, "only this transport (default: tcp and udp)");
        return command;
    }
    int run(QueryContext& ctx) override { return run_free(ctx, range_, transport_); }
};

} // namespace

std::unique_ptr<Command> free_command() {
    return std::make_unique<FreeCommand>();
}

} // namespace portreg::query
