#pragma once
// A release as a reader of the fast path gives it. Given the index of the
// newest stored release (newest_index.hpp), a reader hands out, for each
// element that index holds byte for byte, the entry naming the version
// stored for it, instead of reading the element; and it keeps the key of
// every element's bytes, for the index of this release. Read whole, with
// no index, it is a Release.

#include "portreg/digest.hpp"
#include "portreg/release.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <variant>
#include <vector>

namespace portreg {

class NewestIndex;

// An element left unread: its entry in the index's records or people.
struct HandedOut {
    std::size_t entry;
};

template <typename T> using ReadElement = std::variant<std::shared_ptr<const T>, HandedOut>;

struct ReadRelease : ReleaseHead {
    std::vector<ReadElement<Record>> records;
    std::vector<ReadElement<Person>> people;
    // element_key() of each element's bytes; empty when not taken (a CSV row
    // whose bytes held more rows than one has a zero key).
    std::vector<DigestKey> record_keys, person_keys;
    // The index the HandedOut entries are of; null when none was given.
    std::shared_ptr<const NewestIndex> index;

    bool any_handed_out() const;
    // The release whole; throws std::logic_error if an element was handed out.
    Release whole() &&;
};

// What a reader gathers: the release with a null pointer for each element
// handed out (or not read yet), per element its entry in the index (>= 0)
// or -1 where it was read (empty: no index given), and the keys of the
// elements' bytes.
struct ReleaseDraft {
    Release release;
    std::vector<std::int64_t> record_entries, person_entries;
    std::vector<DigestKey> record_keys, person_keys;
    // The release as handed over; `index`: the one the entries are of.
    ReadRelease finish(std::shared_ptr<const NewestIndex> index) &&;
};

} // namespace portreg
