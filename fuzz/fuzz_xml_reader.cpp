// libFuzzer target: the XML reader on any bytes. A rejected input must be a
// portreg::Error; anything else escaping, or a sanitizer report, is a bug.
// The input is read twice through one cache, the way portreg-import reads
// consecutive releases, so the reuse of the previous release's elements is
// fuzzed too.

#include "xml_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    portreg::XmlCache cache;
    portreg::Location where{"fuzz.xml", {}, 0, 0};
    for (int pass = 0; pass < 2; ++pass) {
        std::string bytes(reinterpret_cast<const char*>(data), size);
        try {
            portreg::read_xml_release(bytes, where, &cache);
            cache.records.next_release();
            cache.people.next_release();
        } catch (const portreg::Error&) {
            return 0;
        }
    }
    return 0;
}
