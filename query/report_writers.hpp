#pragma once
// Writers of change reports (diff) and of history, one file per format:
// text for a terminal, Markdown for a mailing list or an issue, JSON for
// programs, one self-contained HTML page.

#include "change_report.hpp"
#include "query_context.hpp"

#include <nlohmann/json_fwd.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace portreg::query {

// A change report in `format`, as `diff` writes it: csv gives the events;
// a format with no report of its own gives text (command_diff.cpp). Text
// fits changed values to `width` columns (0: whole, as into a pipe).
void write_change_report(std::ostream& out, const ChangeReport& report, Format format, int width);

void write_report_text(std::ostream& out, const ChangeReport& report, int width = 0);
void write_report_markdown(std::ostream& out, const ChangeReport& report);
nlohmann::json report_json(const ChangeReport& report);
void write_report_html(std::ostream& out, const ChangeReport& report);

nlohmann::json release_json(const ReleaseInfo& release);
nlohmann::json event_json(const Event& event);

// "4 added, 1 removed, 0 modified" and the like, as the text and Markdown
// summaries say it.
std::string record_summary(const ChangeReport& report);
std::string people_summary(const ChangeReport& report);
std::string registry_summary(const ChangeReport& report);

// "2026-02-02 6a34aef6"
std::string release_label(const ReleaseInfo& release);

} // namespace portreg::query
