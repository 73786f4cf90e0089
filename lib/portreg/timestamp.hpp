#pragma once
// ISO 8601 UTC timestamps, as stored in release.captured and imported_at.

#include <ctime>
#include <string>

namespace portreg {

std::string iso_utc(std::time_t t);
inline std::string utc_now() {
    return iso_utc(std::time(nullptr));
}

} // namespace portreg
