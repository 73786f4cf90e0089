#pragma once
// portreg-import --report: after a run, the change report of each release
// it added against the release before it, as portreg-query diff writes it.
// Part of the portreg-import binary, which joins the import to the query
// side's diff engine and renderers; the import library knows neither.

#include "portreg/import_result.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace portreg {

// Whether --report takes `format`: text, markdown, html, json.
bool is_report_format(const std::string& format);

// Nothing for releases found stored already, nor for one with no release
// before it (said on `err`).
void write_added_reports(const std::string& database, const std::vector<ImportResult>& accepted,
                         const std::string& format, std::ostream& out, std::ostream& err);

} // namespace portreg
