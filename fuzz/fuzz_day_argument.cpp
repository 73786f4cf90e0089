// libFuzzer target: the days the command line takes (--as-of, diff's FROM
// and TO, log's --since and --until): a date, today, or 7d, 2w, 3m, 1y
// before today. Each text is a day of the calendar or a usage error that
// says why; never a crash, never a malformed day.

#include "day_argument.hpp"

#include "portreg/error.hpp"
#include "portreg/values.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const auto day = portreg::query::parse_day("--as-of", text, "2026-12-01");
        if (!portreg::is_registry_date(day) || (day > "2026-12-01" && text != day)) std::abort();
    } catch (const portreg::UsageError& e) {
        if (std::string(e.what()).empty()) std::abort();
    }
    return 0;
}
