#pragma once
// The XML reader's state, shared by the files that make it up:
// xml_reader.cpp (the document: its checks, the registry, records and
// people in order), xml_elements.cpp (one record, person or reference, and
// rich text) and xml_reader_index.cpp (leaving out what the index of the
// newest release holds). Only those include it.

#include "xml_outline.hpp"
#include "xml_reader.hpp"

#include "portreg/read_release.hpp"

#include "portreg/id_set.hpp"
#include "portreg/text.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portreg::xml_detail {

class XmlReader {
public:
    XmlReader(std::string_view bytes, const Location& where, XmlCache* cache,
              const IndexSource& index)
        : bytes_(bytes), where_(where), cache_(cache), index_source_(index) {}

    ReadRelease read();

private:
    std::string_view bytes_;
    Location where_;
    XmlCache* cache_;
    const IndexSource& index_source_;
    std::shared_ptr<const NewestIndex> index_;
    bool index_asked_ = false;
    std::unique_ptr<LineIndex> lines_;
    ReleaseDraft draft_; // the release as it is read (read_release.hpp)

    // With an outline and an index, the document parsed is the input
    // without the elements the index holds (reduce()): this, with cuts_
    // saying where they were.
    std::optional<XmlOutline> outline_;
    std::string reduced_;
    struct Cut {
        std::size_t at;      // in reduced_: where the bytes left out stood
        std::size_t removed; // bytes left out up to and including here
    };
    std::vector<Cut> cuts_;
    // The outline's next records and people that the walk of the parsed
    // document meets (the ones the index does not hold).
    std::size_t record_slot_ = 0, person_slot_ = 0;
    // Where each record starts in the input, for its warnings.
    std::vector<std::size_t> record_starts_;

    // The input's offset of an offset in the document parsed.
    std::size_t original(std::ptrdiff_t offset) const {
        const auto at = static_cast<std::size_t>(offset < 0 ? 0 : offset);
        auto after = std::upper_bound(cuts_.begin(), cuts_.end(), at,
                                      [](std::size_t o, const Cut& c) { return o < c.at; });
        return after == cuts_.begin() ? at : at + std::prev(after)->removed;
    }
    // An element's start in the input: offset_debug() points at its name.
    std::size_t start_of(const pugi::xml_node& node) {
        auto off = node.offset_debug();
        return original(node.type() == pugi::node_element && off > 0 ? off - 1 : off);
    }

    LineColumn position(std::size_t offset) {
        if (!lines_) lines_ = std::make_unique<LineIndex>(bytes_);
        return lines_->at(offset);
    }

    // `offset`: in the input.
    [[noreturn]] void fail_at(std::size_t offset, const std::string& message) {
        auto lc = position(offset);
        Location at = where_;
        at.line = lc.line;
        at.column = lc.column;
        throw Error(at, message);
    }

    [[noreturn]] void fail(const pugi::xml_node& node, const std::string& message) {
        fail_at(start_of(node), message);
    }

    void warn_at(std::size_t offset, const std::string& message) {
        auto lc = position(offset);
        draft_.release.warnings.push_back({lc.line, lc.column, message});
    }

    void ask_index() {
        if (index_asked_) return;
        index_asked_ = true;
        if (index_source_) index_ = index_source_();
        // Only an index of XML elements knows these elements' bytes.
        if (index_ && index_->format != "xml") index_.reset();
    }
    void outline_with_index();
    pugi::xml_node checked_root(const pugi::xml_document& doc);
    void read_registry(const pugi::xml_node& root, IdSet& person_ids);
    void check_outline_met() const;
    void warn_undefined_people(const IdSet& person_ids);
    RegistryNote registry_note(const pugi::xml_node& element);
    Footnote footnote(const pugi::xml_node& element);
    void key_outline();
    void reduce();
    void parse(pugi::xml_document& doc);
    void read_record(const pugi::xml_node& element);
    void read_people(const pugi::xml_node& element, IdSet& person_ids);
    // Outline mode (xml_reader_index.cpp): the elements the index holds are
    // not in the document parsed, and those it does not fill the outline's
    // slots.
    void record_in_slot(const pugi::xml_node& element);
    void person_in_slot(const pugi::xml_node& element, IdSet& person_ids);
    void held_people_before(std::size_t offset, IdSet& person_ids);
    void held_people_after(IdSet& person_ids);
    void held_person(std::size_t slot, IdSet& person_ids);
    std::optional<IndexCursor> known_;

    void check_bytes();
    void check_outside_root(const pugi::xml_document& doc, const pugi::xml_node& root);
    std::string plain_text(const pugi::xml_node& element);
    void rich_text(const pugi::xml_node& element, std::string& out, std::vector<Xref>& xrefs);
    std::string rich_text(const pugi::xml_node& element, std::vector<Xref>& xrefs);
    Xref xref(const pugi::xml_node& element);
    std::string date_attribute(const pugi::xml_node& element, const pugi::xml_attribute& a);
    Record record(const pugi::xml_node& element);
    // Which of a record's elements that may stand once were met.
    struct RecordSeen {
        bool name = false, protocol = false, description = false, number = false, sc = false,
             note = false, unauthorized = false;
    };
    void record_attributes(const pugi::xml_node& element, Record& r);
    void record_child(const pugi::xml_node& child, Record& r, RecordSeen& seen);
    void assignee(const pugi::xml_node& element, Record& r);
    std::string_view raw_bytes(const pugi::xml_node& element);
    template <typename T, typename Read>
    std::shared_ptr<const T> cached(PreviousElements<T>* seen, const pugi::xml_node& element,
                                    std::string_view raw, Read read);
    Person person(const pugi::xml_node& element);
    void set_once(const pugi::xml_node& element, std::string& field, std::string value, bool& seen);
};

} // namespace portreg::xml_detail
