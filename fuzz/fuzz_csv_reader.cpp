// libFuzzer target: the CSV reader on any bytes, with the release date
// inferred from the data (the path that reads every date column). A rejected
// input must be a portreg::Error; anything else escaping is a bug.

#include "csv_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        portreg::read_csv_release(bytes, {"fuzz.csv", {}, 0, 0}, {});
    } catch (const portreg::Error&) {
    }
    return 0;
}
