// With the index of the newest release, the records and people it holds
// are cut out of the document before it is parsed, and handed out as its
// entries (read_release.hpp).

#include "xml_reader_impl.hpp"

#include <stdexcept>

namespace portreg::xml_detail {

// With an index, the elements it holds need not be parsed: the outline
// finds them first. Where it cannot (or no index is given), the whole input
// is parsed and the index asked for once it is known to be a registry.
void XmlReader::outline_with_index() {
    if (!index_source_) return;
    outline_ = outline_registry(bytes_);
    if (outline_) {
        // Before the index is asked for, which may still be on its way.
        key_outline();
        ask_index();
    }
    if (index_) {
        reduce();
    } else if (outline_) {
        outline_.reset();
        draft_.record_keys.clear();
        draft_.person_keys.clear();
        record_starts_.clear();
    }
}

// Every record and person of the outline the index does not hold was met.
void XmlReader::check_outline_met() const {
    if (!outline_) return;
    for (std::size_t i = 0; i < draft_.release.records.size(); ++i)
        if (!draft_.release.records[i] && draft_.record_entries[i] < 0)
            throw std::logic_error("XML reader: a record of the outline was not parsed");
    for (std::size_t i = 0; i < draft_.release.people.size(); ++i)
        if (!draft_.release.people[i] && draft_.person_entries[i] < 0)
            throw std::logic_error("XML reader: a person of the outline was not parsed");
}

// The element_key() of every record and person of the outline.
void XmlReader::key_outline() {
    auto key = [&](const ElementExtent& extent) {
        return element_key(bytes_.substr(extent.start, extent.next - extent.start));
    };
    draft_.record_keys.reserve(outline_->records.size());
    draft_.person_keys.reserve(outline_->people.size());
    record_starts_.reserve(outline_->records.size());
    for (const auto& extent : outline_->records) {
        draft_.record_keys.push_back(key(extent));
        record_starts_.push_back(extent.start);
    }
    for (const auto& extent : outline_->people)
        draft_.person_keys.push_back(key(extent));
}

// Takes the index's entries for the outline's elements, and leaves the
// elements it holds out of the document to parse. Their bytes are those of
// elements parsed and checked before, and what is left is a document of its
// own, which a parser reads as it would read those parts of the whole.
void XmlReader::reduce() {
    const auto& outline = *outline_;
    IndexCursor known(*index_);
    std::vector<std::pair<std::size_t, std::size_t>> held; // [start, end) in the input
    draft_.release.records.assign(outline.records.size(), nullptr);
    draft_.release.people.assign(outline.people.size(), nullptr);
    draft_.record_entries.reserve(outline.records.size());
    draft_.person_entries.reserve(outline.people.size());
    for (std::size_t i = 0; i < outline.records.size(); ++i) {
        draft_.record_entries.push_back(known.take_record(draft_.record_keys[i]));
        if (draft_.record_entries.back() >= 0)
            held.emplace_back(outline.records[i].start, outline.records[i].end);
    }
    for (std::size_t i = 0; i < outline.people.size(); ++i) {
        draft_.person_entries.push_back(known.take_person(draft_.person_keys[i]));
        if (draft_.person_entries.back() >= 0)
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
    const auto entry = static_cast<std::size_t>(draft_.person_entries[slot]);
    const std::string_view id = index_->text(index_->people[entry].refs);
    if (!person_ids.insert(id))
        fail_at((*outline_).people[slot].start, "duplicate person id \"" + std::string(id) + "\"");
}

// The next record of the outline the index does not hold: the one the
// walk of the document parsed meets.
void XmlReader::record_in_slot(const pugi::xml_node& c) {
    while (record_slot_ < draft_.record_entries.size() && draft_.record_entries[record_slot_] >= 0)
        ++record_slot_;
    const auto slot = record_slot_++;
    const auto& outline = *outline_;
    if (slot >= outline.records.size() || outline.records[slot].start != start_of(c))
        throw std::logic_error("XML reader: a record is not where the outline has it");
    const auto& extent = outline.records[slot];
    draft_.release.records[slot] =
        cached(cache_ ? &cache_->records : nullptr, c,
               bytes_.substr(extent.start, extent.next - extent.start), &XmlReader::record);
}

void XmlReader::person_in_slot(const pugi::xml_node& pn, IdSet& person_ids) {
    const auto slot = person_slot_++;
    if (slot >= outline_->people.size() || outline_->people[slot].start != start_of(pn))
        throw std::logic_error("XML reader: a person is not where the outline has it");
    const auto& extent = outline_->people[slot];
    auto p = cached(cache_ ? &cache_->people : nullptr, pn,
                    bytes_.substr(extent.start, extent.next - extent.start), &XmlReader::person);
    if (!person_ids.insert(p->id)) fail(pn, "duplicate person id \"" + p->id + "\"");
    draft_.release.people[slot] = std::move(p);
}

// The people the index holds that stand before `offset` and after the
// last one met: their ids count for duplicates where a full reading meets
// them.
void XmlReader::held_people_before(std::size_t offset, IdSet& person_ids) {
    const std::size_t slots = outline_->people.size();
    for (; person_slot_ < slots && draft_.person_entries[person_slot_] >= 0 &&
           outline_->people[person_slot_].start < offset;
         ++person_slot_)
        held_person(person_slot_, person_ids);
}

// Those of the first <people> after the last one read (a second <people>
// is refused before any of its own).
void XmlReader::held_people_after(IdSet& person_ids) {
    const std::size_t slots = outline_->people.size();
    std::size_t end = person_slot_;
    while (end < slots && outline_->people[end].group == 0)
        ++end;
    held_people_before(end < slots ? outline_->people[end].start : bytes_.size(), person_ids);
}

} // namespace portreg::xml_detail
