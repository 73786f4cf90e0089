// libFuzzer target: the bracketed-reference parser ("[RFC6335][Jon_Postel]").
// The first byte chooses the people columns' reading; the rest is the text.
// Rejected text must be std::invalid_argument, and every item read must lie
// within the text.

#include "csv_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    bool people = data[0] & 1;
    std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    try {
        for (const auto& x : portreg::parse_reference_list(text, people))
            if (x.data.size() > text.size()) std::abort();
    } catch (const std::invalid_argument&) {
    }
    return 0;
}
