#pragma once
// Renderers of query results: an aligned table for people, CSV and JSON for
// programs. Records use IANA's 12 columns (CSV: IANA's own header; JSON:
// those names in snake_case plus structured fields).

#include "query_context.hpp"

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

void write_records(std::ostream& out, Format format, const std::vector<RecordPtr>& records,
                   int width);
void write_people(std::ostream& out, Format format, const std::vector<PersonPtr>& people,
                  int width);

// Any rows: a header and text cells (NULL as empty).
struct Table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
};
void write_table(std::ostream& out, Format format, const Table& table, int width);
void write_markdown_table(std::ostream& out, const Table& table);
void write_html_table(std::ostream& out, const Table& table); // the table alone

// One CSV field, quoted when it must be (RFC 4180).
std::string csv_field(const std::string& value);

} // namespace portreg::query
