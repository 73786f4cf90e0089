#pragma once
// Reads one IANA XML release (service-names-port-numbers.xml) into a
// Release. Checks what pugixml lets pass (text outside the root element,
// invalid UTF-8, a DOCTYPE) and the registry's own rules (transports, port
// ranges, dates, people), naming line and column of each problem.

#include "portreg/error.hpp"
#include "portreg/newest_index.hpp"
#include "portreg/release.hpp"

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>

namespace portreg {

// The elements of the release read before, in order, by their exact bytes.
// Consecutive releases repeat nearly every record and person byte for byte
// and in the same order, so walking both side by side finds them: such an
// element is handed out again instead of read again.
template <typename T> class PreviousElements {
public:
    using Ptr = std::shared_ptr<const T>;

    // The previous release's element with exactly these bytes, if it stands
    // near where the walk has got to.
    Ptr match(std::string_view raw) {
        auto end = std::min(cursor_ + window, previous_.size());
        for (auto k = cursor_; k < end; ++k) {
            if (previous_[k].raw == raw) {
                cursor_ = k + 1;
                return previous_[k].value;
            }
        }
        return nullptr;
    }
    void add(std::string_view raw, Ptr value) { current_.push_back({raw, std::move(value)}); }
    // The release just read becomes the previous one.
    void next_release() {
        previous_ = std::move(current_);
        current_.clear();
        cursor_ = 0;
    }
    // The release just read failed: forget it.
    void discard() {
        current_.clear();
        cursor_ = 0;
    }

private:
    static constexpr std::size_t window = 16;
    struct Seen {
        std::string_view raw;
        Ptr value;
    };
    std::vector<Seen> previous_, current_;
    std::size_t cursor_ = 0;
};

// What a reader keeps of the release it read last.
struct XmlCache {
    PreviousElements<Record> records;
    PreviousElements<Person> people;
    std::string bytes; // the bytes the `raw` views of the previous release point into
};

// The text of the registry's <updated> when it stands before the first
// record, as in every release; empty otherwise. Found without parsing, so
// only a hint (for deciding what can run beside the reading).
std::string peek_registry_date(std::string_view bytes);

// Fills everything but sha256, source and captured. Throws Error. With a
// cache, `bytes` is taken over on success (it backs the cache): the string,
// its buffer staying where it is. With the index of the newest stored
// release, asked for once the input is outlined (xml_outline.hpp) or else
// once it is parsed, the records and people it holds are neither parsed nor
// read but handed out as its entries (see Release).
Release read_xml_release(std::string& bytes, const Location& where, XmlCache* cache = nullptr,
                         const IndexSource& index = {});

} // namespace portreg
