#pragma once
// The frame of portreg's self-contained HTML pages: one file, its style
// inline, no script and no external asset, readable offline and in mail.

#include <ostream>
#include <string>

namespace portreg::query {

std::string html_escape(const std::string& text);
// `extra` goes into the head as it is (portreg-serve's links to twins).
void write_html_head(std::ostream& out, const std::string& title, const std::string& extra = "");
void write_html_tail(std::ostream& out);
// What a page of write_html_head and write_html_tail holds between the two:
// portreg-serve sets the commands' pages in a frame of its own.
std::string html_body(const std::string& page);

} // namespace portreg::query
