#include "xml_reader_impl.hpp"

#include "portreg/values.hpp"

#include <stdexcept>

namespace portreg {
namespace xml_detail {

namespace {

constexpr std::string_view registry_ns = "http://www.iana.org/assignments";
constexpr std::string_view registry_id = "service-names-port-numbers";

} // namespace

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

// A record met in the document parsed: read, or handed out where the index
// holds its bytes (outline mode: xml_reader_index.cpp).
void XmlReader::read_record(const pugi::xml_node& c) {
    if (outline_) return record_in_slot(c);
    auto raw = raw_bytes(c);
    const auto key = element_key(raw);
    draft_.record_keys.push_back(key);
    const auto entry = known_ ? known_->take_record(key) : -1;
    if (known_) draft_.record_entries.push_back(entry);
    if (entry >= 0)
        draft_.release.records.push_back(nullptr);
    else
        draft_.release.records.push_back(
            cached(cache_ ? &cache_->records : nullptr, c, raw, &XmlReader::record));
    record_starts_.push_back(start_of(c));
}

void XmlReader::read_people(const pugi::xml_node& c, IdSet& person_ids) {
    for (auto pn : c.children()) {
        if (pn.type() != pugi::node_element) continue;
        // The people the index holds are met in document order too: one of
        // them may be the first with an id already seen.
        if (outline_) held_people_before(start_of(pn), person_ids);
        if (std::string_view(pn.name()) != "person")
            fail(pn, "unexpected element <" + std::string(pn.name()) + "> in <people>");
        if (outline_) {
            person_in_slot(pn, person_ids);
            continue;
        }
        const auto raw = raw_bytes(pn);
        const auto key = element_key(raw);
        draft_.person_keys.push_back(key);
        const auto entry = known_ ? known_->take_person(key) : -1;
        if (known_) draft_.person_entries.push_back(entry);
        PersonPtr p;
        if (entry < 0) p = cached(cache_ ? &cache_->people : nullptr, pn, raw, &XmlReader::person);
        // A person the index holds is known by the id it keeps.
        const std::string_view id =
            p ? std::string_view(p->id)
              : index_->text(index_->people[static_cast<std::size_t>(entry)].refs);
        if (!person_ids.insert(id)) fail(pn, "duplicate person id \"" + std::string(id) + "\"");
        draft_.release.people.push_back(std::move(p));
    }
    if (outline_) held_people_after(person_ids);
}

pugi::xml_node XmlReader::checked_root(const pugi::xml_document& doc) {
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
    return root;
}

// The root's children: the registry's metadata, its records and people.
void XmlReader::read_registry(const pugi::xml_node& root, IdSet& person_ids) {
    RegistryMeta meta;
    bool seen_title = false, seen_category = false, seen_updated = false, seen_expert = false,
         seen_people = false;
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
            set_once(c, draft_.release.registry_date, plain_text(c), seen_updated);
            if (!is_full_date(draft_.release.registry_date))
                fail(c, "bad registry date \"" + draft_.release.registry_date +
                            "\" (expected YYYY-MM-DD)");
        } else if (name == "expert") {
            set_once(c, meta.expert, plain_text(c), seen_expert);
        } else if (name == "xref") {
            meta.xrefs.push_back(xref(c));
        } else if (name == "note") {
            meta.notes.push_back(registry_note(c));
        } else if (name == "footnote") {
            meta.footnotes.push_back(footnote(c));
        } else if (name == "people") {
            if (seen_people) fail(c, "repeated <people>");
            seen_people = true;
            read_people(c, person_ids);
        } else {
            fail(c, "unexpected element <" + std::string(name) + "> in <registry>");
        }
    }
    if (!seen_updated) fail(root, "registry without an <updated> date");
    draft_.release.meta = std::move(meta);
}

// An xref to a person the release does not define is real IANA data: keep
// the id and say so.
void XmlReader::warn_undefined_people(const IdSet& person_ids) {
    auto check = [&](std::size_t i, std::string_view id) {
        if (!person_ids.contains(id))
            warn_at(record_starts_[i], "reference to undefined person \"" + std::string(id) + "\"");
    };
    for (std::size_t i = 0; i < draft_.release.records.size(); ++i) {
        if (!draft_.release.records[i]) {
            // Held by the index, which keeps the ids it references.
            std::string_view refs = index_->text(
                index_->records[static_cast<std::size_t>(draft_.record_entries[i])].refs);
            for (std::size_t end; (end = refs.find('\n')) != std::string_view::npos;
                 refs.remove_prefix(end + 1))
                check(i, refs.substr(0, end));
            continue;
        }
        const auto& r = *draft_.release.records[i];
        for (const auto* list : {&r.own, &r.assignee, &r.description_xrefs, &r.note_xrefs})
            for (const auto& x : *list)
                if (x.type == "person") check(i, x.data); // as person_refs() lists them
    }
}

ReadRelease XmlReader::read() {
    check_bytes();
    outline_with_index();
    pugi::xml_document doc;
    parse(doc);
    const auto root = checked_root(doc);
    draft_.release.format = "xml";
    ask_index();
    if (index_ && !outline_) known_.emplace(*index_);
    // Views into the people's ids, which the shared Person objects keep alive.
    IdSet person_ids(8192);
    if (!outline_) record_starts_.reserve(16384);
    read_registry(root, person_ids);
    check_outline_met();
    warn_undefined_people(person_ids);
    return std::move(draft_).finish(std::move(index_));
}

} // namespace xml_detail

using xml_detail::XmlReader;

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

ReadRelease read_xml_release(const InputBytes& bytes, const Location& where, XmlCache* cache,
                             const IndexSource& index) {
    if (!cache) return XmlReader(bytes, where, nullptr, index).read();
    try {
        auto release = XmlReader(bytes, where, cache, index).read();
        cache->records.next_release();
        cache->people.next_release();
        cache->bytes = bytes;
        return release;
    } catch (...) {
        cache->records.discard();
        cache->people.discard();
        throw;
    }
}

Release read_xml_release(const InputBytes& bytes, const Location& where, XmlCache* cache) {
    return read_xml_release(bytes, where, cache, IndexSource()).whole();
}

} // namespace portreg
