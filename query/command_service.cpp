#include "command.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "record_lookup.hpp"

#include "portreg/embedded_sql.hpp"

namespace portreg::query {

// Service names compare without regard to case (RFC 6335); a name with
// glob characters (* ? [) is a pattern.
int run_service(QueryContext& ctx, const std::string& name) {
    const auto seq = ctx.snapshot().seq;
    bool pattern = is_name_pattern(name);
    SQLite::Statement st(ctx.db,
                         sql::statement(pattern ? "query.ids_by_name_glob" : "query.ids_by_name"));
    st.bind(1, seq);
    st.bind(2, name);
    auto records = SnapshotReader(ctx.db).records(seq, ids_of(st));
    write_records(ctx.out, ctx.format, records, ctx.width);
    return records.empty() ? 1 : 0;
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
