// libFuzzer target: the XML reader on any bytes. A rejected input must be a
// portreg::Error; anything else escaping, or a sanitizer report, is a bug.
//
// The input is two releases, split at the first form feed (a byte no XML
// document holds; without one the second is the first again). The second
// is read three times: through the cache of the first, the way
// portreg-import reads consecutive releases; with the index of the first,
// the way a new portreg-import reads the release after the newest stored
// one; and afresh. Reading it must give the same result every way, or the
// same error: the cache and the index hand out an element of the release
// before only for the same bytes.

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

Outcome read(std::string bytes, portreg::XmlCache* cache,
             std::shared_ptr<const portreg::NewestIndex> index = nullptr) {
    Outcome out;
    try {
        out.release =
            portreg::read_xml_release(bytes, {"fuzz.xml", {}, 0, 0}, cache, [&] { return index; });
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

[[noreturn]] void differ(const char* how, const char* what) {
    std::cerr << "read " << how << " and afresh, the second release differs: " << what << "\n";
    std::abort();
}

void compare(const char* how, const Outcome& got, const Outcome& fresh,
             const portreg::Release* before) {
    if (got.error != fresh.error) differ(how, "error");
    if (!fresh.release) return;
    const auto& a = *got.release;
    const auto& b = *fresh.release;
    const auto records = before ? portreg::test::resolved_records(a, *before) : a.records;
    const auto people = before ? portreg::test::resolved_people(a, *before) : a.people;
    if (a.registry_date != b.registry_date) differ(how, "registry date");
    if (portreg::test::full_records(records) != portreg::test::full_records(b.records))
        differ(how, "records");
    if (portreg::test::person_rows(people) != portreg::test::person_rows(b.people))
        differ(how, "people");
    if (warnings(a) != warnings(b)) differ(how, "warnings");
    if (a.record_keys != b.record_keys || a.person_keys != b.person_keys) differ(how, "keys");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    const auto split = input.find('\f');
    const std::string first = input.substr(0, split);
    const std::string second = split == std::string::npos ? first : input.substr(split + 1);

    portreg::XmlCache cache;
    auto before = read(first, &cache);
    auto cached = read(second, &cache);
    auto fresh = read(second, nullptr);
    compare("through the cache", cached, fresh, nullptr);
    if (before.release) {
        auto indexed = read(second, nullptr, portreg::test::index_of(*before.release));
        compare("with the index", indexed, fresh, &*before.release);
    }
    return 0;
}
