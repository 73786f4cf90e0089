// libFuzzer target: the port and date parsers. Besides not crashing, they
// must agree with each other: a refused range has a reason to give, a
// parsed range prints back as the same range, and a full date is a registry
// date.

#include "portreg/values.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto range = portreg::parse_port_range(text);
    // port_range_problem is asked only about refused text.
    if (!range && portreg::port_range_problem(text).empty()) std::abort();
    if (range) {
        if (range->low < 0 || range->high > 65535 || range->low > range->high) std::abort();
        // Leading zeros ("080") parse but print without them.
        auto printed = portreg::format_port_range(*range);
        if (!(portreg::parse_port_range(printed) == range)) std::abort();
    }
    if (portreg::is_full_date(text) && !portreg::is_registry_date(text)) std::abort();
    portreg::is_transport(text);
    return 0;
}
