#pragma once
// Renderers of query results: an aligned table for people, CSV and JSON for
// programs. Records use IANA's 12 columns (CSV: IANA's own header; JSON:
// those names in snake_case plus structured fields).

#include "query_context.hpp"
#include "table.hpp"

#include "portreg/release.hpp"

#include <nlohmann/json_fwd.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace portreg::query {

// The JSON object of one record (snake_case columns plus structured fields)
// or person, as the json formats write them.
nlohmann::json record_json(const Record& record);
nlohmann::json person_json(const Person& person);

// Records in IANA's 12 columns: a terminal shows the first six (service,
// port, transport, description, assignee, contact), every other format all
// twelve; --columns chooses others, in every format.
void write_records(QueryContext& ctx, const std::vector<RecordPtr>& records);
// The records, then, in the formats for people (table, markdown, html), the
// people they name, as IANA's page does.
void write_records_and_people(QueryContext& ctx, const std::vector<RecordPtr>& records,
                              const std::vector<PersonPtr>& people);
void write_people(std::ostream& out, Format format, const std::vector<PersonPtr>& people,
                  int width);

// Whether `format` is one for people to read, where people follow records.
bool for_people(Format format);

// Any rows, in any format but services and xml.
void write_table(std::ostream& out, Format format, const Table& table, int width);
// The same with the columns --columns chose.
void write_table(QueryContext& ctx, const Table& table);
void write_markdown_table(std::ostream& out, const Table& table);
void write_html_table(std::ostream& out, const Table& table); // the table alone
// JSON values as one array (json) or one per line (jsonl).
void write_json_list(std::ostream& out, Format format, const std::vector<nlohmann::json>& items);
// The same, as the page of a list when one was asked for (paging.hpp).
void write_json_results(QueryContext& ctx, const std::vector<nlohmann::json>& items);
// The rows as JSON objects keyed by the header, typed as the table says.
std::vector<nlohmann::json> table_json(const Table& table);

// One CSV field, quoted when it must be (RFC 4180).
std::string csv_field(const std::string& value);

} // namespace portreg::query
