#include "xml_reader.hpp"

#include "portreg/id_set.hpp"
#include "portreg/render.hpp"
#include "portreg/text.hpp"
#include "portreg/values.hpp"

#include <pugixml.hpp>

#include <memory>
#include <optional>

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
    std::unique_ptr<LineIndex> lines_;
    Release release_;

    LineColumn position(std::ptrdiff_t offset) {
        if (!lines_) lines_ = std::make_unique<LineIndex>(bytes_);
        return lines_->at(offset < 0 ? 0 : static_cast<std::size_t>(offset));
    }

    [[noreturn]] void fail_at(std::ptrdiff_t offset, const std::string& message) {
        auto lc = position(offset);
        Location at = where_;
        at.line = lc.line;
        at.column = lc.column;
        throw Error(at, message);
    }

    [[noreturn]] void fail(const pugi::xml_node& node, const std::string& message) {
        // offset_debug points at the name; the element starts one byte before.
        auto off = node.offset_debug();
        fail_at(node.type() == pugi::node_element && off > 0 ? off - 1 : off, message);
    }

    void warn(const pugi::xml_node& node, const std::string& message) {
        auto off = node.offset_debug();
        auto lc = position(off > 0 ? off - 1 : off);
        release_.warnings.push_back({lc.line, lc.column, message});
    }

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
    if (bytes_.size() >= 2 && ((bytes_[0] == '\xFF' && bytes_[1] == '\xFE') ||
                               (bytes_[0] == '\xFE' && bytes_[1] == '\xFF')))
        fail_at(0, "input is UTF-16; the registry is published in UTF-8");
    auto bad = find_invalid_utf8(bytes_, true);
    if (bad != std::string_view::npos)
        fail_at(static_cast<std::ptrdiff_t>(bad), static_cast<unsigned char>(bytes_[bad]) < 0x20
                                                      ? "control character not allowed in XML"
                                                      : "invalid UTF-8 byte");
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
        std::size_t i = from;
        while (i < to) {
            char c = bytes_[i];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
                (i == 0 && bytes_.substr(0, 3) == "\xEF\xBB\xBF")) {
                i += (c == '\xEF') ? 3 : 1;
                continue;
            }
            auto rest = bytes_.substr(i, to - i);
            std::string_view close;
            if (rest.substr(0, 2) == "<?")
                close = "?>";
            else if (rest.substr(0, 4) == "<!--")
                close = "-->";
            else if (rest.substr(0, 9) == "<!DOCTYPE")
                fail_at(static_cast<std::ptrdiff_t>(i),
                        "DOCTYPE declarations are not accepted (the registry has none)");
            else
                fail_at(static_cast<std::ptrdiff_t>(i),
                        "ill-formed XML: text outside the root element");
            auto end = rest.find(close);
            if (end == std::string_view::npos)
                fail_at(static_cast<std::ptrdiff_t>(i),
                        "ill-formed XML: unterminated markup outside the root element");
            i += end + close.size();
        }
    };
    auto root_start = static_cast<std::size_t>(root.offset_debug() - 1);
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
        } else if (name == "number") {
            std::string text;
            set_once(c, text, plain_text(c), seen_number);
            auto range = parse_port_range(text);
            if (!range) fail(c, port_range_problem(text));
            r.port = range;
        } else if (name == "sc") {
            set_once(c, r.service_code, plain_text(c), seen_sc);
            if (r.service_code.empty() ||
                r.service_code.find_first_not_of("0123456789") != std::string::npos)
                fail(c, "service code \"" + r.service_code + "\" is not a number");
        } else if (name == "note") {
            std::string text = rich_text(c, r.note_xrefs);
            set_once(c, r.notes, std::move(text), seen_note);
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

Release XmlReader::read() {
    check_bytes();
    pugi::xml_document doc;
    // Text that comes first in an element is kept in the element itself
    // rather than in a node of its own (element.value(), read before the
    // children): a third fewer nodes to build, and to fault in the memory of.
    auto parsed = doc.load_buffer(
        bytes_.data(), bytes_.size(),
        pugi::parse_default | pugi::parse_doctype | pugi::parse_embed_pcdata, pugi::encoding_utf8);
    if (!parsed) {
        // A parse that fails on the last line holding anything but space, in
        // a file without the end tag of its root, most likely met a cut-off
        // file (cut anywhere, also right after a line break).
        auto content_end = bytes_.find_last_not_of(" \t\r\n");
        auto last_line = content_end == std::string_view::npos ? std::string_view::npos
                                                               : bytes_.rfind('\n', content_end);
        bool cut_short = bytes_.find("</registry>") == std::string_view::npos &&
                         (last_line == std::string_view::npos ||
                          static_cast<std::size_t>(parsed.offset) > last_line);
        fail_at(parsed.offset, std::string("ill-formed XML: ") + parsed.description() +
                                   (cut_short ? " (the input ends early: truncated?)" : ""));
    }
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
    // Asked for once the document is known to be a registry. Only an index
    // of XML elements knows these elements' bytes.
    if (index_source_) index_ = index_source_();
    if (index_ && index_->format != "xml") index_.reset();
    std::optional<IndexCursor> known;
    if (index_) known.emplace(*index_);
    RegistryMeta meta;
    bool seen_title = false, seen_category = false, seen_updated = false, seen_expert = false,
         seen_people = false;
    // Views into the people's ids, which the shared Person objects keep alive.
    IdSet person_ids(8192);
    // The records' elements, for the warnings below (a second walk of the
    // root's children by name cost more than the check itself).
    std::vector<pugi::xml_node> record_nodes;
    record_nodes.reserve(16384);
    for (auto c : root.children()) {
        if (c.type() != pugi::node_element) {
            if ((c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) &&
                !normalize_ws(c.value()).empty())
                fail(root, "text directly inside <registry>");
            continue;
        }
        std::string_view name = c.name();
        if (name == "record") {
            auto raw = raw_bytes(c);
            const auto key = element_key(raw);
            release_.record_keys.push_back(key);
            const auto entry = known ? known->take_record(key) : -1;
            if (known) release_.record_entries.push_back(entry);
            if (entry >= 0)
                release_.records.push_back(nullptr);
            else
                release_.records.push_back(
                    cached(cache_ ? &cache_->records : nullptr, c, raw, &XmlReader::record));
            record_nodes.push_back(c);
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
            note.title = normalize_ws(c.attribute("title").value());
            note.text = rich_text(c, note.xrefs);
            meta.notes.push_back(std::move(note));
        } else if (name == "footnote") {
            Footnote f;
            f.anchor = normalize_ws(c.attribute("anchor").value());
            f.text = rich_text(c, f.xrefs);
            meta.footnotes.push_back(std::move(f));
        } else if (name == "people") {
            if (seen_people) fail(c, "repeated <people>");
            seen_people = true;
            for (auto pn : c.children()) {
                if (pn.type() != pugi::node_element) continue;
                if (std::string_view(pn.name()) != "person")
                    fail(pn, "unexpected element <" + std::string(pn.name()) + "> in <people>");
                auto raw = raw_bytes(pn);
                const auto key = element_key(raw);
                release_.person_keys.push_back(key);
                const auto entry = known ? known->take_person(key) : -1;
                if (known) release_.person_entries.push_back(entry);
                PersonPtr p;
                if (entry < 0)
                    p = cached(cache_ ? &cache_->people : nullptr, pn, raw, &XmlReader::person);
                // A person the index holds is known by the id it keeps.
                const std::string_view id =
                    p ? std::string_view(p->id)
                      : index_->text(index_->people[static_cast<std::size_t>(entry)].refs);
                if (!person_ids.insert(id))
                    fail(pn, "duplicate person id \"" + std::string(id) + "\"");
                release_.people.push_back(std::move(p));
            }
        } else {
            fail(c, "unexpected element <" + std::string(name) + "> in <registry>");
        }
    }
    if (!seen_updated) fail(root, "registry without an <updated> date");
    release_.meta = std::move(meta);

    // An xref to a person the release does not define is real IANA data:
    // keep the id and say so.
    auto check = [&](std::size_t i, std::string_view id) {
        if (!person_ids.contains(id))
            warn(record_nodes[i], "reference to undefined person \"" + std::string(id) + "\"");
    };
    for (std::size_t i = 0; i < record_nodes.size(); ++i) {
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
