#include "portreg/timestamp.hpp"

namespace portreg {

std::string iso_utc(std::time_t t) {
    char stamp[32];
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return stamp;
}

} // namespace portreg
