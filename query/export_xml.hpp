#pragma once
// A snapshot written back out as IANA's XML registry document.

#include "portreg/release.hpp"

#include <iosfwd>

namespace portreg::query {

// The registry element with everything the release holds, in published
// order. A release read from a CSV holds only records and person ids: an
// XML comment at the top says so.
void write_release_xml(std::ostream& out, const Release& release);

} // namespace portreg::query
