// libFuzzer target: the CSV reader on any bytes, with the release date
// inferred from the data (the path that reads every date column). A rejected
// input must be a portreg::Error; anything else escaping is a bug.
//
// The input is two releases, split at the first form feed (without one the
// second is the first again). The second is read twice: with the index of
// the first, the way a new portreg-import reads the CSV after the newest
// stored one, and afresh. Both must give the same result, or the same
// error: the index hands out a row of the release before only for the same
// bytes.

#include "csv_reader.hpp"
#include "store_support.hpp"

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

Outcome read(const std::string& bytes,
             std::shared_ptr<const portreg::NewestIndex> index = nullptr) {
    Outcome out;
    try {
        out.release =
            portreg::read_csv_release(bytes, {"fuzz.csv", {}, 0, 0}, {}, [&] { return index; });
    } catch (const portreg::Error& e) {
        out.error = e.what();
    }
    return out;
}

[[noreturn]] void differ(const char* what) {
    std::cerr << "read with the index and afresh, the second release differs: " << what << "\n";
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    const auto split = input.find('\f');
    const std::string first = input.substr(0, split);
    const std::string second = split == std::string::npos ? first : input.substr(split + 1);

    auto before = read(first);
    if (!before.release) return 0;
    auto indexed = read(second, portreg::test::index_of(*before.release));
    auto fresh = read(second);
    if (indexed.error != fresh.error) differ("error");
    if (!fresh.release) return 0;
    const auto& a = *indexed.release;
    const auto& b = *fresh.release;
    if (a.registry_date != b.registry_date) differ("registry date");
    if (portreg::test::full_records(portreg::test::resolved_records(a, *before.release)) !=
        portreg::test::full_records(b.records))
        differ("records");
    if (portreg::test::person_rows(portreg::test::resolved_people(a, *before.release)) !=
        portreg::test::person_rows(b.people))
        differ("people");
    if (a.record_keys != b.record_keys || a.person_keys != b.person_keys) differ("keys");
    return 0;
}
