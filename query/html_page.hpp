#pragma once
// The frame of portreg's self-contained HTML pages: one file, its style
// inline, no script and no external asset, readable offline and in mail.

#include <ostream>
#include <string>

namespace portreg::query {

std::string html_escape(const std::string& text);
void write_html_head(std::ostream& out, const std::string& title);
void write_html_tail(std::ostream& out);

} // namespace portreg::query
