#include "commands.hpp"
#include "output.hpp"
#include "record_lookup.hpp"

namespace portreg::query {

int run_port(QueryContext& ctx, const std::string& spec_text) {
    auto spec = parse_port_spec(spec_text);
    auto records = records_on_ports(ctx, spec.range, spec.transport);
    write_records(ctx.out, ctx.format, records, ctx.width);
    return records.empty() ? 1 : 0;
}

} // namespace portreg::query
