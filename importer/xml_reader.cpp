#include "xml_reader.hpp"
#include "xml_markup.hpp"
#include "xml_outline.hpp"

#include "portreg/id_set.hpp"
#include "portreg/layout.hpp"
#include "portreg/render.hpp"
#include "portreg/text.hpp"
#include "portreg/values.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <memory>
#include <optional>
#include <stdexcept>

namespace portreg {
namespace {

constexpr std::string_view registry_ns = "http://www.iana.org/assignments";
constexpr std::string_view registry_id = "service-names-port-numbers";

class XmlReader {
public:
    XmlReader(std::string_view bytes, const Location& where, XmlCache* cache,
              const IndexSource& index)
        : bytes_(bytes), where_(where), cache_(cache), index_source_(index) {}

    Release read();

private:
    std::string_view bytes_;
    Location where_;
    XmlCache* cache_;
    const IndexSource& index_source_;
    std::shared_ptr<const NewestIndex> index_;
    bool index_asked_ = false;
    std::unique_ptr<LineIndex> lines_;
    Release release_;

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
        release_.warnings.push_back({lc.line, lc.column, message});
    }

    void ask_index() {
        if (index_asked_) return;
        index_asked_ = true;
        if (index_source_) index_ = index_source_();
        // Only an index of XML elements knows these elements' bytes.
        if (index_ && index_->format != "xml") index_.reset();
    }
    void key_outline();
    void reduce();
    void parse(pugi::xml_document& doc);
    void read_record(const pugi::xml_node& element);
    void read_people(const pugi::xml_node& element, IdSet& person_ids);
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
    std::string_view raw_bytes(const pugi::xml_node& element);
    template <typename T, typename Read>
    std::shared_ptr<const T> cached(PreviousElements<T>* seen, const pugi::xml_node& element,
                                    std::string_view raw, Read read);
    Person person(const pugi::xml_node& element);
    void set_once(const pugi::xml_node& element, std::string& field, std::string value, bool& seen);
};

void XmlReader::check_bytes() {
    if (bytes_.empty()) throw Error(where_, "empty input");
    if (auto problem = text_problem(bytes_, "control character not allowed in XML"))
        fail_at(problem->offset, problem->message);
}

// pugixml drops text before and after the root element without a word; a
// well-formed document has only white space, comments and processing
// instructions there.
void XmlReader::check_outside_root(const pugi::xml_document& doc, const pugi::xml_node& root) {
    int elements = 0;
    for (auto n : doc.children()) {
        if (n.type() == pugi::node_element && ++elements > 1)
            fail(n, "ill-formed XML: more than one root element");
        if (n.type() == pugi::node_doctype)
            fail(n, "DOCTYPE declarations are not accepted (the registry has none)");
    }
    auto scan = [&](std::size_t from, std::size_t to) {
        const auto part = bytes_.substr(0, to);
        const auto misc = skip_misc(part, from);
        if (misc.unterminated)
            fail_at(misc.end, "ill-formed XML: unterminated markup outside the root element");
        if (misc.end == to) return;
        if (part.substr(misc.end, 9) == "<!DOCTYPE")
            fail_at(misc.end, "DOCTYPE declarations are not accepted (the registry has none)");
        fail_at(misc.end, "ill-formed XML: text outside the root element");
    };
    auto root_start = start_of(root);
    scan(0, root_start);
    // The root's end tag is the last "</name" in the file; pugixml has
    // checked that it matches.
    std::string end_tag = std::string("</") + root.name();
    auto end = bytes_.rfind(end_tag);
    if (end == std::string_view::npos || end < root_start) return; // <registry/> form
    auto gt = bytes_.find('>', end);
    if (gt != std::string_view::npos) scan(gt + 1, bytes_.size());
}

std::string XmlReader::plain_text(const pugi::xml_node& element) {
    std::string out;
    append_folded(out, element.value()); // embedded text, before the children
    for (auto c : element.children()) {
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata)
            append_folded(out, c.value());
        else if (c.type() == pugi::node_element)
            fail(c,
                 std::string("unexpected element <") + c.name() + "> in <" + element.name() + ">");
    }
    trim_ws(out);
    return out;
}

void XmlReader::rich_text(const pugi::xml_node& element, std::string& out,
                          std::vector<Xref>& xrefs) {
    append_folded(out, element.value()); // embedded text, before the children
    for (auto c : element.children()) {
        switch (c.type()) {
        case pugi::node_pcdata:
        case pugi::node_cdata:
            append_folded(out, c.value());
            break;
        case pugi::node_element: {
            std::string_view name = c.name();
            if (name == "xref") {
                xrefs.push_back(xref(c));
                append_rendered_xref(out, xrefs.back());
            } else if (name == "br") {
                append_folded(out, " ");
            } else if (name == "paragraph") {
                append_folded(out, " ");
                rich_text(c, out, xrefs);
                append_folded(out, " ");
            } else if (name == "artwork") {
                append_folded(out, " ");
                append_folded(out, plain_text(c));
                append_folded(out, " ");
            } else {
                fail(c,
                     "unexpected element <" + std::string(name) + "> in <" + element.name() + ">");
            }
            break;
        }
        default:
            break;
        }
    }
}

std::string XmlReader::rich_text(const pugi::xml_node& element, std::vector<Xref>& xrefs) {
    std::string out;
    rich_text(element, out, xrefs);
    trim_ws(out);
    return out;
}

Xref XmlReader::xref(const pugi::xml_node& element) {
    Xref x;
    for (auto a : element.attributes()) {
        std::string_view name = a.name();
        if (name == "type")
            x.type = normalize_ws(a.value());
        else if (name == "data")
            x.data = normalize_ws(a.value());
        else if (name == "section")
            x.section = normalize_ws(a.value());
        else
            fail(element, "unexpected attribute " + std::string(name) + " on <xref>");
    }
    if (x.type.empty()) fail(element, "<xref> without a type");
    x.text = plain_text(element);
    return x;
}

std::string XmlReader::date_attribute(const pugi::xml_node& element, const pugi::xml_attribute& a) {
    auto value = normalize_ws(a.value());
    const char* what = std::string_view(a.name()) == "date" ? "registration" : "modification";
    if (!is_registry_date(value))
        fail(element, std::string("bad ") + what + " date \"" + value +
                          "\" (expected YYYY-MM-DD or YYYY-MM)");
    return value;
}

void XmlReader::set_once(const pugi::xml_node& element, std::string& field, std::string value,
                         bool& seen) {
    if (seen) fail(element, "repeated <" + std::string(element.name()) + ">");
    seen = true;
    field = std::move(value);
}

Record XmlReader::record(const pugi::xml_node& element) {
    Record r;
    for (auto a : element.attributes()) {
        std::string_view name = a.name();
        if (name == "date")
            r.reg_date = date_attribute(element, a);
        else if (name == "updated")
            r.mod_date = date_attribute(element, a);
        else
            fail(element, "unexpected attribute " + std::string(name) + " on <record>");
    }
    bool seen_name = false, seen_protocol = false, seen_description = false, seen_number = false,
         seen_sc = false, seen_note = false, seen_unauthorized = false;
    if (!normalize_ws(element.value()).empty()) fail(element, "text directly inside <record>");
    for (auto c : element.children()) {
        if (c.type() != pugi::node_element) {
            if ((c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) &&
                !normalize_ws(c.value()).empty())
                fail(element, "text directly inside <record>");
            continue;
        }
        std::string_view name = c.name();
        if (const char letter = layout_letter(record_layout, name)) r.layout += letter;
        if (name == "name") {
            set_once(c, r.name, plain_text(c), seen_name);
        } else if (name == "protocol") {
            set_once(c, r.transport, plain_text(c), seen_protocol);
            if (!is_transport(r.transport))
                fail(c,
                     "unknown transport \"" + r.transport + "\" (expected tcp, udp, sctp or dccp)");
        } else if (name == "description") {
            std::string text = rich_text(c, r.description_xrefs);
            set_once(c, r.description, std::move(text), seen_description);
            r.description_xml = inner_xml(c);
        } else if (name == "number") {
            set_once(c, r.number, plain_text(c), seen_number);
            r.port = parse_port_range(r.number);
            if (!r.port) fail(c, port_range_problem(r.number));
        } else if (name == "sc") {
            set_once(c, r.service_code, plain_text(c), seen_sc);
            if (r.service_code.empty() ||
                r.service_code.find_first_not_of("0123456789") != std::string::npos)
                fail(c, "service code \"" + r.service_code + "\" is not a number");
        } else if (name == "note") {
            std::string text = rich_text(c, r.note_xrefs);
            set_once(c, r.notes, std::move(text), seen_note);
            r.notes_xml = inner_xml(c);
        } else if (name == "unauthorized") {
            set_once(c, r.unauthorized, plain_text(c), seen_unauthorized);
        } else if (name == "xref") {
            r.own.push_back(xref(c));
        } else if (name == "assignee") {
            if (r.has_assignee) fail(c, "repeated <assignee>");
            r.has_assignee = true;
            for (auto x : c.children()) {
                if (x.type() == pugi::node_element && std::string_view(x.name()) == "xref")
                    r.assignee.push_back(xref(x));
                else if (x.type() == pugi::node_element)
                    fail(x, "unexpected element <" + std::string(x.name()) + "> in <assignee>");
            }
        } else {
            fail(c, "unexpected element <" + std::string(name) + "> in <record>");
        }
    }
    if (!seen_description) fail(element, "record without <description>");
    return r;
}

// The bytes from an element's start tag to the element after it in document
// order (or to the end of the input), which hold all of it: equal bytes read
// as equal elements. For a last child that takes in its parent's end tag.
std::string_view XmlReader::raw_bytes(const pugi::xml_node& element) {
    auto start = static_cast<std::size_t>(element.offset_debug() - 1);
    std::size_t end = bytes_.size();
    for (auto at = element; at && at.type() == pugi::node_element; at = at.parent()) {
        auto next = at.next_sibling();
        while (next && next.type() != pugi::node_element)
            next = next.next_sibling();
        if (next) {
            end = static_cast<std::size_t>(next.offset_debug() - 1);
            break;
        }
    }
    if (end <= start) return {};
    return bytes_.substr(start, end - start);
}

template <typename T, typename Read>
std::shared_ptr<const T> XmlReader::cached(PreviousElements<T>* seen, const pugi::xml_node& element,
                                           std::string_view raw, Read read) {
    if (!seen || raw.empty()) return std::make_shared<const T>((this->*read)(element));
    auto value = seen->match(raw);
    if (!value) value = std::make_shared<const T>((this->*read)(element));
    seen->add(raw, value);
    return value;
}

Person XmlReader::person(const pugi::xml_node& element) {
    Person p;
    auto id = element.attribute("id");
    if (!id) fail(element, "person without an id");
    p.id = normalize_ws(id.value());
    if (p.id.empty()) fail(element, "person with an empty id");
    bool seen_name = false, seen_org = false, seen_updated = false;
    for (auto c : element.children()) {
        if (c.type() != pugi::node_element) continue;
        std::string_view name = c.name();
        if (const char letter = layout_letter(person_layout, name)) p.layout += letter;
        if (name == "name")
            set_once(c, p.name, plain_text(c), seen_name);
        else if (name == "org")
            set_once(c, p.org, plain_text(c), seen_org);
        else if (name == "uri")
            p.uris.push_back(plain_text(c));
        else if (name == "updated") {
            set_once(c, p.updated, plain_text(c), seen_updated);
            if (!is_registry_date(p.updated))
                fail(c, "bad updated date \"" + p.updated + "\" (expected YYYY-MM-DD or YYYY-MM)");
        } else
            fail(c, "unexpected element <" + std::string(name) + "> in <person>");
    }
    return p;
}

// The element_key() of every record and person of the outline.
void XmlReader::key_outline() {
    auto key = [&](const ElementSpan& span) {
        return element_key(bytes_.substr(span.start, span.next - span.start));
    };
    release_.record_keys.reserve(outline_->records.size());
    release_.person_keys.reserve(outline_->people.size());
    record_starts_.reserve(outline_->records.size());
    for (const auto& span : outline_->records) {
        release_.record_keys.push_back(key(span));
        record_starts_.push_back(span.start);
    }
    for (const auto& span : outline_->people)
        release_.person_keys.push_back(key(span));
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
    release_.record_entries.reserve(outline.records.size());
    release_.person_entries.reserve(outline.people.size());
    for (std::size_t i = 0; i < outline.records.size(); ++i) {
        release_.record_entries.push_back(known.take_record(release_.record_keys[i]));
        if (release_.record_entries.back() >= 0)
            held.emplace_back(outline.records[i].start, outline.records[i].end);
    }
    for (std::size_t i = 0; i < outline.people.size(); ++i) {
        release_.person_entries.push_back(known.take_person(release_.person_keys[i]));
        if (release_.person_entries.back() >= 0)
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

void XmlReader::parse(pugi::xml_document& doc) {
    // Text that comes first in an element is kept in the element itself
    // rather than in a node of its own (element.value(), read before the
    // children): a third fewer nodes to build, and to fault in the memory of.
    const auto options = pugi::parse_default | pugi::parse_doctype | pugi::parse_embed_pcdata;
    auto parsed = outline_
                      ? doc.load_buffer_inplace(reduced_.data(), reduced_.size(), options,
                                                pugi::encoding_utf8)
                      : doc.load_buffer(bytes_.data(), bytes_.size(), options, pugi::encoding_utf8);
    if (parsed) return;
    const auto at = original(parsed.offset);
    // A parse that fails on the last line holding anything but space, in a
    // file without the end tag of its root, most likely met a cut-off file
    // (cut anywhere, also right after a line break).
    auto content_end = bytes_.find_last_not_of(" \t\r\n");
    auto last_line = content_end == std::string_view::npos ? std::string_view::npos
                                                           : bytes_.rfind('\n', content_end);
    bool cut_short = bytes_.find("</registry>") == std::string_view::npos &&
                     (last_line == std::string_view::npos || at > last_line);
    fail_at(at, std::string("ill-formed XML: ") + parsed.description() +
                    (cut_short ? " (the input ends early: truncated?)" : ""));
}

void XmlReader::read_record(const pugi::xml_node& c) {
    if (outline_) {
        // The next record the index does not hold.
        while (record_slot_ < release_.record_entries.size() &&
               release_.record_entries[record_slot_] >= 0)
            ++record_slot_;
        const auto slot = record_slot_++;
        const auto& outline = *outline_;
        if (slot >= outline.records.size() || outline.records[slot].start != start_of(c))
            throw std::logic_error("XML reader: a record is not where the outline has it");
        const auto& span = outline.records[slot];
        release_.records[slot] =
            cached(cache_ ? &cache_->records : nullptr, c,
                   bytes_.substr(span.start, span.next - span.start), &XmlReader::record);
        return;
    }
    auto raw = raw_bytes(c);
    const auto key = element_key(raw);
    release_.record_keys.push_back(key);
    const auto entry = known_ ? known_->take_record(key) : -1;
    if (known_) release_.record_entries.push_back(entry);
    if (entry >= 0)
        release_.records.push_back(nullptr);
    else
        release_.records.push_back(
            cached(cache_ ? &cache_->records : nullptr, c, raw, &XmlReader::record));
    record_starts_.push_back(start_of(c));
}

// A person the index holds: known by the id it keeps.
void XmlReader::held_person(std::size_t slot, IdSet& person_ids) {
    const auto entry = static_cast<std::size_t>(release_.person_entries[slot]);
    const std::string_view id = index_->text(index_->people[entry].refs);
    if (!person_ids.insert(id))
        fail_at((*outline_).people[slot].start, "duplicate person id \"" + std::string(id) + "\"");
}

void XmlReader::read_people(const pugi::xml_node& c, IdSet& person_ids) {
    // The people the index holds are met in document order too: one of
    // them may be the first with an id already seen.
    const std::size_t slots = outline_ ? outline_->people.size() : 0;
    auto held_before = [&](std::size_t offset) {
        for (; person_slot_ < slots && release_.person_entries[person_slot_] >= 0 &&
               outline_->people[person_slot_].start < offset;
             ++person_slot_)
            held_person(person_slot_, person_ids);
    };
    for (auto pn : c.children()) {
        if (pn.type() != pugi::node_element) continue;
        if (outline_) held_before(start_of(pn));
        if (std::string_view(pn.name()) != "person")
            fail(pn, "unexpected element <" + std::string(pn.name()) + "> in <people>");
        PersonPtr p;
        if (outline_) {
            const auto slot = person_slot_++;
            if (slot >= slots || outline_->people[slot].start != start_of(pn))
                throw std::logic_error("XML reader: a person is not where the outline has it");
            const auto& span = outline_->people[slot];
            p = cached(cache_ ? &cache_->people : nullptr, pn,
                       bytes_.substr(span.start, span.next - span.start), &XmlReader::person);
            if (!person_ids.insert(p->id)) fail(pn, "duplicate person id \"" + p->id + "\"");
            release_.people[slot] = std::move(p);
            continue;
        }
        const auto raw = raw_bytes(pn);
        const auto key = element_key(raw);
        release_.person_keys.push_back(key);
        const auto entry = known_ ? known_->take_person(key) : -1;
        if (known_) release_.person_entries.push_back(entry);
        if (entry < 0) p = cached(cache_ ? &cache_->people : nullptr, pn, raw, &XmlReader::person);
        // A person the index holds is known by the id it keeps.
        const std::string_view id =
            p ? std::string_view(p->id)
              : index_->text(index_->people[static_cast<std::size_t>(entry)].refs);
        if (!person_ids.insert(id)) fail(pn, "duplicate person id \"" + std::string(id) + "\"");
        release_.people.push_back(std::move(p));
    }
    // The rest of this element's, after the last one read. It is the first
    // <people>: a second is refused before any of its own.
    if (outline_) {
        std::size_t end = person_slot_;
        while (end < slots && outline_->people[end].group == 0)
            ++end;
        held_before(end < slots ? outline_->people[end].start : bytes_.size());
    }
}

Release XmlReader::read() {
    check_bytes();
    // With an index, the elements it holds need not be parsed: the outline
    // finds them first. Where it cannot (or no index is given), the whole
    // input is parsed and the index asked for once it is known to be a
    // registry.
    if (index_source_) {
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
            release_.record_keys.clear();
            release_.person_keys.clear();
            record_starts_.clear();
        }
    }
    pugi::xml_document doc;
    parse(doc);
    auto root = doc.document_element();
    if (!root) fail_at(0, "ill-formed XML: no root element");
    check_outside_root(doc, root);
    if (!normalize_ws(root.value()).empty()) fail(root, "text directly inside <registry>");
    if (std::string_view(root.name()) != "registry" ||
        std::string_view(root.attribute("xmlns").value()) != registry_ns)
        fail(root, "not an IANA registry: root element is <" + std::string(root.name()) +
                       "> in namespace \"" + root.attribute("xmlns").value() + "\"");
    if (std::string_view(root.attribute("id").value()) != registry_id)
        fail(root, "not the Service Name and Transport Protocol Port Number Registry (id \"" +
                       std::string(root.attribute("id").value()) + "\")");

    release_.format = "xml";
    ask_index();
    if (index_ && !outline_) known_.emplace(*index_);
    RegistryMeta meta;
    bool seen_title = false, seen_category = false, seen_updated = false, seen_expert = false,
         seen_people = false;
    // Views into the people's ids, which the shared Person objects keep alive.
    IdSet person_ids(8192);
    if (!outline_) record_starts_.reserve(16384);
    for (auto c : root.children()) {
        if (c.type() != pugi::node_element) {
            if ((c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) &&
                !normalize_ws(c.value()).empty())
                fail(root, "text directly inside <registry>");
            continue;
        }
        std::string_view name = c.name();
        if (name == "record") {
            read_record(c);
        } else if (name == "title") {
            set_once(c, meta.title, plain_text(c), seen_title);
        } else if (name == "category") {
            set_once(c, meta.category, plain_text(c), seen_category);
        } else if (name == "updated") {
            set_once(c, release_.registry_date, plain_text(c), seen_updated);
            if (!is_full_date(release_.registry_date))
                fail(c,
                     "bad registry date \"" + release_.registry_date + "\" (expected YYYY-MM-DD)");
        } else if (name == "expert") {
            set_once(c, meta.expert, plain_text(c), seen_expert);
        } else if (name == "xref") {
            meta.xrefs.push_back(xref(c));
        } else if (name == "note") {
            RegistryNote note;
            if (auto title = c.attribute("title")) note.title = normalize_ws(title.value());
            note.text = rich_text(c, note.xrefs);
            note.xml = inner_xml(c);
            meta.notes.push_back(std::move(note));
        } else if (name == "footnote") {
            Footnote f;
            f.anchor = normalize_ws(c.attribute("anchor").value());
            f.text = rich_text(c, f.xrefs);
            f.xml = inner_xml(c);
            meta.footnotes.push_back(std::move(f));
        } else if (name == "people") {
            if (seen_people) fail(c, "repeated <people>");
            seen_people = true;
            read_people(c, person_ids);
        } else {
            fail(c, "unexpected element <" + std::string(name) + "> in <registry>");
        }
    }
    if (!seen_updated) fail(root, "registry without an <updated> date");
    release_.meta = std::move(meta);
    if (outline_) {
        // Every record and person the index does not hold was met.
        for (std::size_t i = 0; i < release_.records.size(); ++i)
            if (!release_.records[i] && release_.record_entries[i] < 0)
                throw std::logic_error("XML reader: a record of the outline was not parsed");
        for (std::size_t i = 0; i < release_.people.size(); ++i)
            if (!release_.people[i] && release_.person_entries[i] < 0)
                throw std::logic_error("XML reader: a person of the outline was not parsed");
    }

    // An xref to a person the release does not define is real IANA data:
    // keep the id and say so.
    auto check = [&](std::size_t i, std::string_view id) {
        if (!person_ids.contains(id))
            warn_at(record_starts_[i], "reference to undefined person \"" + std::string(id) + "\"");
    };
    for (std::size_t i = 0; i < release_.records.size(); ++i) {
        if (!release_.records[i]) {
            // Held by the index, which keeps the ids it references.
            std::string_view refs = index_->text(
                index_->records[static_cast<std::size_t>(release_.record_entries[i])].refs);
            for (std::size_t end; (end = refs.find('\n')) != std::string_view::npos;
                 refs.remove_prefix(end + 1))
                check(i, refs.substr(0, end));
            continue;
        }
        const auto& r = *release_.records[i];
        for (const auto* list : {&r.own, &r.assignee, &r.description_xrefs, &r.note_xrefs})
            for (const auto& x : *list)
                if (x.type == "person") check(i, x.data); // as person_refs() lists them
    }
    release_.index = std::move(index_);
    return std::move(release_);
}

} // namespace

std::string peek_registry_date(std::string_view bytes) {
    constexpr std::string_view open = "<updated>", close = "</updated>";
    auto head = bytes.substr(0, std::min(bytes.find("<record"), bytes.size()));
    auto start = head.find(open);
    if (start == std::string_view::npos) return {};
    start += open.size();
    auto end = head.find(close, start);
    if (end == std::string_view::npos) return {};
    return normalize_ws(head.substr(start, end - start));
}

Release read_xml_release(std::string& bytes, const Location& where, XmlCache* cache,
                         const IndexSource& index) {
    if (!cache) return XmlReader(bytes, where, nullptr, index).read();
    try {
        auto release = XmlReader(bytes, where, cache, index).read();
        cache->records.next_release();
        cache->people.next_release();
        cache->bytes = std::move(bytes); // moves the buffer the views point into
        return release;
    } catch (...) {
        cache->records.discard();
        cache->people.discard();
        throw;
    }
}

} // namespace portreg
