#pragma once
// Reads one IANA XML release (service-names-port-numbers.xml) into a
// Release. Checks what pugixml lets pass (text outside the root element,
// invalid UTF-8, a DOCTYPE) and the registry's own rules (transports, port
// ranges, dates, people), naming line and column of each problem.

#include "portreg/error.hpp"
#include "portreg/release.hpp"

#include <string_view>

namespace portreg {

// Fills everything but sha256, source and captured. Throws Error.
Release read_xml_release(std::string_view bytes, const Location& where);

} // namespace portreg
