#pragma once
// Finding the records of the chosen snapshot through the indexes.

#include "query_context.hpp"

#include "portreg/release.hpp"

#include <SQLiteCpp/Statement.h>

#include <optional>
#include <string>
#include <vector>

namespace portreg::query {

// "443", "443/tcp", "4200-4299", "4200-4299/udp"; throws UsageError.
struct PortSpec {
    PortRange range;
    std::string transport; // empty: any
};
PortSpec parse_port_spec(const std::string& text);

// Whether a service name argument is a pattern: it has * ? or [ (GLOB's).
bool is_name_pattern(const std::string& name);

// The ids the statement's first column gives.
std::vector<std::int64_t> ids_of(SQLite::Statement& st);

// The snapshot's records that overlap `range` on `transport` (empty: any),
// in registry order.
std::vector<RecordPtr> records_on_ports(QueryContext& ctx, const PortRange& range,
                                        const std::string& transport);

// The snapshot's people with these ids (compared without regard to case),
// or whose id, name or organization contains `text`, in registry order.
std::vector<PersonPtr> people_with_ids(QueryContext& ctx, const std::vector<std::string>& ids);
std::vector<PersonPtr> people_matching(QueryContext& ctx, const std::string& text);

// The ids of the people a record names as assignee or contact.
std::vector<std::string> people_named(const Record& record);

} // namespace portreg::query
