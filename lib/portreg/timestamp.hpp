#pragma once
// ISO 8601 UTC timestamps, as stored in release.captured and imported_at.

#include <ctime>
#include <optional>
#include <string>

namespace portreg {

std::string iso_utc(std::time_t t);
inline std::string utc_now() {
    return iso_utc(std::time(nullptr));
}

// The moment an iso_utc stamp ("2026-08-17T05:12:00Z") names; the seconds'
// fraction and zone letter after it are ignored. nullopt for other text.
std::optional<std::time_t> parse_iso_utc(const std::string& stamp);

} // namespace portreg
