#pragma once
// Where the records and people of an XML release stand, found from its tags
// alone, without building a parse tree: the reader then parses only the
// elements the index of the newest release does not hold (xml_reader.cpp).
// A daily release repeats all but a few of them.

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace portreg {

struct ElementExtent {
    std::size_t start = 0; // its '<'
    std::size_t end = 0;   // just past its end tag (or its "/>")
    // The next start tag after it, or the end of the input: the bytes from
    // `start` to here are the ones element_key() is taken of.
    std::size_t next = 0;
    std::size_t group = 0; // a person: which <people> element holds it (0, 1, ...)
};

struct XmlOutline {
    std::vector<ElementExtent> records; // children <record> of the root, in order
    std::vector<ElementExtent> people;  // <person> children of the root's <people>
};

// What XML allows outside the root element, from `from` on: white space,
// processing instructions and comments (and a byte order mark at offset 0).
struct Misc {
    std::size_t end = 0;       // the first byte of anything else, or the end
    bool unterminated = false; // one of them starts at `end` and never ends
};
Misc skip_misc(std::string_view bytes, std::size_t from);

// The outline of a document whose root is <registry>, or nothing when the
// tags are not all as the outline understands them: not matched, cut off, a
// comment, CDATA section or processing instruction after the root's start,
// a DOCTYPE, anything but white space after the root. Then only a parser
// can tell what the input is and say what is wrong with it. An outline
// given is one a parser agrees with on every element's start and end.
std::optional<XmlOutline> outline_registry(std::string_view bytes);

} // namespace portreg
