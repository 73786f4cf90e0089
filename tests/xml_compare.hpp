#pragma once
// A reference comparison of two XML documents for the tests, written on
// pugixml and on nothing of portreg's: it must not share the mistakes of the
// readers it checks.

#include <string>
#include <string_view>

namespace portreg::test {

// Empty when `a` and `b` are the same document; else one line naming the first
// difference: the element's path (e.g. /registry/record[1234]/description,
// the index 1-based among same-named siblings, given when there are several)
// and what differs (name, attributes, child count, text).
// Equal means: same element names; same attributes as a set, values with white
// space folded; the same children in order, a child being an element or a
// text (adjacent text and CDATA joined, white space folded, empty dropped).
// Comments, processing instructions and all outside the root are ignored.
std::string xml_difference(std::string_view a, std::string_view b);

} // namespace portreg::test
