// With the index of the newest release, the records and people it holds
// are cut out of the document before it is parsed, and handed out as its
// entries (read_release.hpp).

#include "xml_reader_impl.hpp"

namespace portreg::xml_detail {

// The element_key() of every record and person of the outline.
void XmlReader::key_outline() {
    auto key = [&](const ElementExtent& extent) {
        return element_key(bytes_.substr(extent.start, extent.next - extent.start));
    };
    record_keys_.reserve(outline_->records.size());
    person_keys_.reserve(outline_->people.size());
    record_starts_.reserve(outline_->records.size());
    for (const auto& extent : outline_->records) {
        record_keys_.push_back(key(extent));
        record_starts_.push_back(extent.start);
    }
    for (const auto& extent : outline_->people)
        person_keys_.push_back(key(extent));
}

// Takes the index's entries for the outline's elements, and leaves the
// elements it holds out of the document to parse. Their bytes are those of
// elements parsed and checked before, and what is left is a document of its
// own, which a parser reads as it would read those parts of the whole.
void XmlReader::reduce() {
    const auto& outline = *outline_;
    IndexCursor known(*index_);
    std::vector<std::pair<std::size_t, std::size_t>> held; // [start, end) in the input
    release_.records.assign(outline.records.size(), nullptr);
    release_.people.assign(outline.people.size(), nullptr);
    record_entries_.reserve(outline.records.size());
    person_entries_.reserve(outline.people.size());
    for (std::size_t i = 0; i < outline.records.size(); ++i) {
        record_entries_.push_back(known.take_record(record_keys_[i]));
        if (record_entries_.back() >= 0)
            held.emplace_back(outline.records[i].start, outline.records[i].end);
    }
    for (std::size_t i = 0; i < outline.people.size(); ++i) {
        person_entries_.push_back(known.take_person(person_keys_[i]));
        if (person_entries_.back() >= 0)
            held.emplace_back(outline.people[i].start, outline.people[i].end);
    }
    // In document order already where the people follow the records.
    if (!std::is_sorted(held.begin(), held.end())) std::sort(held.begin(), held.end());
    std::size_t removed = 0, from = 0;
    for (const auto& [start, end] : held)
        removed += end - start;
    reduced_.reserve(bytes_.size() - removed);
    removed = 0;
    for (const auto& [start, end] : held) {
        reduced_.append(bytes_.substr(from, start - from));
        removed += end - start;
        cuts_.push_back({reduced_.size(), removed});
        from = end;
    }
    reduced_.append(bytes_.substr(from));
}

// A person the index holds: known by the id it keeps.
void XmlReader::held_person(std::size_t slot, IdSet& person_ids) {
    const auto entry = static_cast<std::size_t>(person_entries_[slot]);
    const std::string_view id = index_->text(index_->people[entry].refs);
    if (!person_ids.insert(id))
        fail_at((*outline_).people[slot].start, "duplicate person id \"" + std::string(id) + "\"");
}

} // namespace portreg::xml_detail
