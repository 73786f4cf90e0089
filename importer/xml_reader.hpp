#pragma once
// Reads one IANA XML release (service-names-port-numbers.xml) into a
// Release. Checks what pugixml lets pass (text outside the root element,
// invalid UTF-8, a DOCTYPE) and the registry's own rules (transports, port
// ranges, dates, people), naming line and column of each problem.

#include "input_bytes.hpp"

#include "portreg/error.hpp"
#include "portreg/newest_index.hpp"
#include "portreg/read_release.hpp"
#include "portreg/release.hpp"
#include "portreg/walk_beside.hpp"

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>

namespace portreg {

// The elements of the release read before, by their exact bytes: an
// element found again is handed out again instead of read again.
template <typename T>
using PreviousElements = WalkBeside<std::string_view, std::shared_ptr<const T>>;

// What a reader keeps of the release it read last.
struct XmlCache {
    PreviousElements<Record> records;
    PreviousElements<Person> people;
    InputBytes bytes; // the bytes the views of the previous release point into
};

// The text of the registry's <updated> when it stands before the first
// record, as in every release; empty otherwise. Found without parsing, so
// only a hint (for deciding what can run beside the reading).
std::string peek_registry_date(std::string_view bytes);

// Fills everything but sha256, source and captured. Throws Error. With a
// cache, `bytes` are kept in it on success (its views point into them).
Release read_xml_release(const InputBytes& bytes, const Location& where, XmlCache* cache = nullptr);

// The same, with the index of the newest stored release (the fast path),
// asked for once the input is outlined (xml_outline.hpp) or else once it is
// parsed: the records and people it holds are neither parsed nor read but
// handed out as its entries (read_release.hpp).
ReadRelease read_xml_release(const InputBytes& bytes, const Location& where, XmlCache* cache,
                             const IndexSource& index);

} // namespace portreg
