// libFuzzer target: the XML reader on any bytes. A rejected input must be a
// portreg::Error; anything else escaping, or a sanitizer report, is a bug.
//
// The input is two releases, split at the first form feed (a byte no XML
// document holds; without one the second is the first again). The second
// is read twice: through the cache of the first, the way portreg-import
// reads consecutive releases, and afresh. Reading it must give the same
// result either way, or the same error: the cache hands out an element of
// the release before only for the same bytes.

#include "store_support.hpp"
#include "xml_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

namespace {

struct Outcome {
    std::optional<portreg::Release> release;
    std::string error;
};

Outcome read(std::string bytes, portreg::XmlCache* cache) {
    Outcome out;
    try {
        out.release = portreg::read_xml_release(bytes, {"fuzz.xml", {}, 0, 0}, cache);
    } catch (const portreg::Error& e) {
        out.error = e.what();
    }
    return out;
}

std::string warnings(const portreg::Release& r) {
    std::string s;
    for (const auto& w : r.warnings)
        s += std::to_string(w.line) + ":" + std::to_string(w.column) + " " + w.message + "\n";
    return s;
}

[[noreturn]] void differ(const char* what) {
    std::cerr << "read through the cache and afresh, the second release differs: " << what << "\n";
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    const auto split = input.find('\f');
    const std::string first = input.substr(0, split);
    const std::string second = split == std::string::npos ? first : input.substr(split + 1);

    portreg::XmlCache cache;
    read(first, &cache);
    auto cached = read(second, &cache);
    auto fresh = read(second, nullptr);
    if (cached.error != fresh.error) differ("error");
    if (!fresh.release) return 0;
    const auto& a = *cached.release;
    const auto& b = *fresh.release;
    if (a.registry_date != b.registry_date) differ("registry date");
    if (portreg::test::full_records(a.records) != portreg::test::full_records(b.records))
        differ("records");
    if (portreg::test::person_rows(a.people) != portreg::test::person_rows(b.people))
        differ("people");
    if (warnings(a) != warnings(b)) differ("warnings");
    return 0;
}
