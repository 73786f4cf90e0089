// libFuzzer target: the CSV reader on any bytes, with the release date
// inferred from the data (the path that reads every date column). A rejected
// input must be a portreg::Error; anything else escaping is a bug.
//
// The input is two releases (two_releases.hpp). The second is read twice:
// with the index of the first, the way a new portreg-import reads the CSV
// after the newest stored one, and afresh. Both must give the same result,
// or the same error: the index hands out a row of the release before only
// for the same bytes.

#include "csv_reader.hpp"
#include "two_releases.hpp"

namespace {

portreg::fuzz::Outcome read(const std::string& bytes,
                            std::shared_ptr<const portreg::NewestIndex> index = nullptr) {
    return portreg::fuzz::outcome_of([&] {
        return portreg::read_csv_release(bytes, {"fuzz.csv", {}, 0, 0}, {}, [&] { return index; });
    });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto input = portreg::fuzz::two_releases(data, size);
    const auto before = read(input.first);
    if (!before.release) return 0;
    const auto indexed = read(input.second, portreg::test::index_of(*before.release));
    portreg::fuzz::compare("with the index", indexed, read(input.second), &*before.release);
    return 0;
}
