#pragma once
// The subcommands of portreg-query, one file each. Each returns the exit
// code: 0 with results, 1 when nothing matched; errors are thrown.

#include "query_context.hpp"

#include <string>

namespace portreg::query {

int run_snapshots(QueryContext& ctx);
int run_port(QueryContext& ctx, const std::string& spec);
int run_service(QueryContext& ctx, const std::string& name);
int run_search(QueryContext& ctx, const std::string& term, bool fts = false);

// The words of `text` as an FTS5 query that punctuation cannot break: each
// word a quoted string, all of them required.
std::string fts_query(const std::string& text);
int run_person(QueryContext& ctx, const std::string& id, const std::string& search);
int run_free(QueryContext& ctx, const std::string& range, const std::string& transport);
// Ad-hoc SQL; with `most_rows` > 0, the first that many rows alone.
int run_sql(QueryContext& ctx, const std::string& statement, std::size_t most_rows = 0);
int run_export(QueryContext& ctx);
// Record changes between two snapshots (dates, ids or hash prefixes; by
// default the newest and the one before it).
int run_diff(QueryContext& ctx, const std::string& from, const std::string& to);
// history port N[/T] | service NAME | person ID: the releases that changed it.
int run_history(QueryContext& ctx, const std::string& what, const std::string& subject);
int run_log(QueryContext& ctx, const std::string& since, const std::string& until);

} // namespace portreg::query
