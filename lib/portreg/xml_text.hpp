#pragma once
// Writing text into XML: what the exporter writes and the XML reader keeps
// of rich text (release.hpp) escape the same characters the same way.

#include <string>
#include <string_view>

namespace portreg {

// Appends `text` with &, < and > (in an attribute value also " and ')
// written as references, which XML and HTML read alike.
void append_xml_escaped(std::string& out, std::string_view text, bool in_attribute = false);

// The same, folding white space as append_folded does (text.hpp).
void append_xml_folded(std::string& out, std::string_view text, bool in_attribute = false);

} // namespace portreg
