#pragma once
// What the database keeps of its newest release so that a new process can
// add the next one without reading everything again: for each record and
// person, in published order, the key of its bytes (element_key), the stored
// version it is and the span that holds it. A reader that meets the same
// bytes hands out the stored version instead of reading the element, and the
// store starts from these spans instead of querying them. Stored in the
// `newest_index` table; valid while the database's generation is the one it
// was written at (every release added moves it on).

#include "portreg/digest.hpp"
#include "portreg/release.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portreg {

struct IndexedElement {
    DigestKey key;            // element_key() of its bytes
    std::int64_t version = 0; // record.id or person.id
    std::int64_t span_rowid = 0;
    std::int64_t span_lo = 0; // the span runs through the newest release
    std::string ord;
    // A record: the person ids it references, in reading order, each ended
    // by '\n' (what the check for undefined people needs). A person: its id.
    // Into the index's table of such texts (NewestIndex::text).
    std::uint32_t refs = 0;
};

class NewestIndex {
public:
    // Of the release the keys were taken from: "xml" (keys of elements) or
    // "csv" (keys of rows, and of person ids).
    std::string format;
    std::int64_t generation = 0;
    std::int64_t position = 0; // release.seq of the newest release
    std::vector<IndexedElement> records, people;

    // The text an element's `refs` names.
    std::string_view text(std::uint32_t refs) const { return texts_[refs]; }
    std::uint32_t add_text(std::string text) {
        texts_.push_back(std::move(text));
        return static_cast<std::uint32_t>(texts_.size() - 1);
    }
    // Takes over the texts of `other`, so that its entries' `refs` name the
    // same texts here.
    void share_texts(const NewestIndex& other) { texts_ = other.texts_; }

    // Builds the look-ups below; call once the vectors are filled. An entry
    // whose key is all zero bytes is left out of them.
    void build_lookup();
    // The first entry with this key, or -1; later entries with the same key
    // (an element repeated whole within the release) follow through next().
    std::int64_t first_record(const DigestKey& key) const {
        return record_lookup_.first(records, key);
    }
    std::int64_t first_person(const DigestKey& key) const {
        return person_lookup_.first(people, key);
    }
    std::int64_t next_record(std::size_t entry) const { return record_lookup_.next[entry]; }
    std::int64_t next_person(std::size_t entry) const { return person_lookup_.next[entry]; }
    // Whether an entry's key is that of no other entry.
    bool record_alone(std::size_t entry) const { return record_lookup_.alone[entry]; }
    bool person_alone(std::size_t entry) const { return person_lookup_.alone[entry]; }

    // Stored as a head and chunks of consecutive entries, each chunk under
    // a hash of its bytes. Chunks end where an entry's key says so, so an
    // element added or removed changes the chunk around it only: keeping
    // the index of the next release writes a few chunks and the head.
    struct Encoded {
        std::string head;
        std::vector<std::pair<std::int64_t, std::string>> chunks; // hash, bytes
    };
    // `stored`: an index decoded from the chunks stored now. A chunk of it
    // whose entries this one repeats (a release repeats nearly all of the
    // one before) is named by its hash with no bytes: it is not encoded
    // again.
    Encoded encode(const NewestIndex* stored = nullptr) const;
    // The chunks the head names, in order; nothing when the head is not one
    // this version wrote.
    static std::optional<std::vector<std::int64_t>> chunks_of(std::string_view head);
    // What a head says of its index, without its chunks: nothing when it
    // is not one this version wrote.
    struct HeadInfo {
        std::string format;
        std::int64_t generation = 0, position = 0;
    };
    static std::optional<HeadInfo> head_info(std::string_view head);
    // `chunk`: the bytes stored under a hash, empty when there are none.
    // Nothing when anything is missing or not as this version writes it.
    static std::optional<NewestIndex>
    decode(std::string_view head, const std::function<std::string_view(std::int64_t)>& chunk);

private:
    std::vector<std::string> texts_;
    // Of a decoded index: its chunks, each as the hash it is stored under
    // and the entries it holds.
    struct Chunk {
        std::int64_t hash;
        std::size_t first, count;
    };
    std::vector<Chunk> record_chunks_, person_chunks_;
    // Open addressing over the entries' keys: built once, read many times.
    struct Lookup {
        std::vector<std::uint32_t> slots; // entry number + 1; 0 = empty
        std::vector<std::int64_t> next;
        std::vector<char> alone;
        void build(const std::vector<IndexedElement>& entries);
        std::int64_t first(const std::vector<IndexedElement>& entries, const DigestKey& key) const;
    };
    Lookup record_lookup_, person_lookup_;
};

// The text an index keeps of a record (IndexedElement::refs) read from XML.
std::string person_refs(const Record& record);
// The text an index keeps of a record read from CSV: the latest full date
// among its registration and modification dates (what dates a CSV given no
// --date) on a line, then the person ids of its Assignee and Contact
// columns in reading order (the order a CSV's people come in), each ended
// by '\n'. The CSV reader derives both from this text, for every row.
std::string csv_row_facts(const Record& record);
// The one of those two that an index of `format` keeps.
std::string index_text(const Record& record, const std::string& format);

// Gives a reader the index once it is ready to use one (the store may still
// be reading it meanwhile); nullptr: none.
using IndexSource = std::function<std::shared_ptr<const NewestIndex>()>;

// Hands out the entries of an index for the elements of one release, each
// entry once: an element repeated whole takes the repeats' entries in order.
// A release mostly repeats the one before in order, so the entry after the
// one handed out last is tried first: read in order, not looked up.
class IndexCursor {
public:
    explicit IndexCursor(const NewestIndex& index)
        : index_(index), records_used_(index.records.size()), people_used_(index.people.size()) {}
    // The entry for a record or person with this key, or -1.
    std::int64_t take_record(const DigestKey& key) {
        return take(
            key, index_.records, records_used_, record_after_,
            [&](std::size_t e) { return index_.record_alone(e); },
            [&] { return index_.first_record(key); },
            [&](std::size_t e) { return index_.next_record(e); });
    }
    std::int64_t take_person(const DigestKey& key) {
        return take(
            key, index_.people, people_used_, person_after_,
            [&](std::size_t e) { return index_.person_alone(e); },
            [&] { return index_.first_person(key); },
            [&](std::size_t e) { return index_.next_person(e); });
    }

private:
    const NewestIndex& index_;
    std::vector<bool> records_used_, people_used_;
    std::size_t record_after_ = 0, person_after_ = 0; // the entry tried first
    template <typename Alone, typename First, typename Next>
    static std::int64_t take(const DigestKey& key, const std::vector<IndexedElement>& entries,
                             std::vector<bool>& used, std::size_t& after, Alone alone, First first,
                             Next next) {
        // The only entry with its key is the one a look-up would give.
        std::int64_t entry = -1;
        if (after < entries.size() && alone(after) && !used[after] && entries[after].key == key) {
            entry = static_cast<std::int64_t>(after);
        } else {
            entry = first();
            while (entry >= 0 && used[static_cast<std::size_t>(entry)])
                entry = next(static_cast<std::size_t>(entry));
        }
        if (entry >= 0) {
            used[static_cast<std::size_t>(entry)] = true;
            after = static_cast<std::size_t>(entry) + 1;
        }
        return entry;
    }
};

} // namespace portreg
