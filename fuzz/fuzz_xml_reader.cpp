// libFuzzer target: the XML reader on any bytes. A rejected input must be a
// portreg::Error; anything else escaping, or a sanitizer report, is a bug.
//
// The input is two releases (two_releases.hpp). The second is read three
// times: through the cache of the first, the way portreg-import reads
// consecutive releases; with the index of the first, the way a new
// portreg-import reads the release after the newest stored one; and
// afresh. Reading it must give the same result every way, or the same
// error: the cache and the index hand out an element of the release before
// only for the same bytes.

#include "two_releases.hpp"
#include "xml_reader.hpp"

namespace {

portreg::fuzz::Outcome read(std::string bytes, portreg::XmlCache* cache,
                            std::shared_ptr<const portreg::NewestIndex> index = nullptr) {
    return portreg::fuzz::outcome_of([&] {
        return portreg::read_xml_release(bytes, {"fuzz.xml", {}, 0, 0}, cache,
                                         [&] { return index; });
    });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto input = portreg::fuzz::two_releases(data, size);
    portreg::XmlCache cache;
    const auto before = read(input.first, &cache);
    const auto cached = read(input.second, &cache);
    const auto fresh = read(input.second, nullptr);
    portreg::fuzz::compare("through the cache", cached, fresh, nullptr);
    if (before.release) {
        const auto indexed = read(input.second, nullptr, portreg::test::index_of(*before.release));
        portreg::fuzz::compare("with the index", indexed, fresh, &*before.release);
    }
    return 0;
}
