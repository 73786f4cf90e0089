#pragma once
// What of an element's content is kept as published where the model holds
// rich text (Record::description_xml and the like).

#include <pugixml.hpp>

#include <string>

namespace portreg {

// The content of `element` (its text and its child elements, all the way
// down) as an XML fragment: white space folded, ends trimmed, attributes
// in document order with folded values, an element without content
// written <name/>. Empty when `element` has no child element: its text
// alone says all.
std::string inner_xml(const pugi::xml_node& element);

} // namespace portreg
