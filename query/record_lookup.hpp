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

// The snapshot's records of a service name, ignoring case (RFC 6335), or
// with `glob`, of the names the pattern matches (* ? [), in registry order.
std::vector<RecordPtr> records_named(QueryContext& ctx, const std::string& name, bool glob = false);

// The snapshot's people with these ids (compared without regard to case),
// or whose id, name or organization contains `text`, in registry order.
std::vector<PersonPtr> people_with_ids(QueryContext& ctx, const std::vector<std::string>& ids);
std::vector<PersonPtr> people_matching(QueryContext& ctx, const std::string& text);

// The ids of the people a record names as assignee or contact.
std::vector<std::string> people_named(const Record& record);
// "; nearest: postgresql" when one of the snapshot's words that
// `statement` lists (its one parameter is the snapshot) is near `word`,
// else empty: what a message says after something was not found.
std::string nearest_suffix(QueryContext& ctx, const char* statement, const std::string& word);

// The records found and the people they name; when none were found, the
// empty answer (a header, []) in the formats for programs, and NotFound
// with `none_found` (one line saying what was asked and what there is).
void write_found(QueryContext& ctx, const std::vector<RecordPtr>& records,
                 const std::string& none_found);

// The people the records name, in the order first named, when the format
// shows people (output.hpp: for_people); else none, looked up for nothing.
std::vector<PersonPtr> people_of(QueryContext& ctx, const std::vector<RecordPtr>& records);

} // namespace portreg::query
