#pragma once
// Which record versions are one record: the same service name (ignoring
// case, as RFC 6335 compares them), transport and ports. Versions of one
// identity with other content are a change of that record, in the
// importer's counts, in `log` and in change reports.
//
// The view record_identity (sql/views.sql) says the same in SQL, for the
// statements that count changes there; a test keeps the two agreeing.

#include "portreg/release.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace portreg {

// "name|transport|low-high", the name in lower case; "-" for no port.
std::string record_identity(std::string_view name, std::string_view transport,
                            const std::optional<PortRange>& port);

inline std::string record_identity(const Record& r) {
    return record_identity(r.name, r.transport, r.port);
}

} // namespace portreg
