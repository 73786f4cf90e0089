// One record, person or reference of an XML release, and rich text.

#include "xml_markup.hpp"
#include "xml_reader_impl.hpp"

#include "portreg/layout.hpp"
#include "portreg/render.hpp"
#include "portreg/values.hpp"

namespace portreg::xml_detail {

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
    record_attributes(element, r);
    if (!normalize_ws(element.value()).empty()) fail(element, "text directly inside <record>");
    RecordSeen seen;
    for (auto c : element.children()) {
        if (c.type() == pugi::node_element) {
            record_child(c, r, seen);
        } else if ((c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) &&
                   !normalize_ws(c.value()).empty()) {
            fail(element, "text directly inside <record>");
        }
    }
    if (!seen.description) fail(element, "record without <description>");
    return r;
}

void XmlReader::record_attributes(const pugi::xml_node& element, Record& r) {
    for (auto a : element.attributes()) {
        std::string_view name = a.name();
        if (name == "date")
            r.reg_date = date_attribute(element, a);
        else if (name == "updated")
            r.mod_date = date_attribute(element, a);
        else
            fail(element, "unexpected attribute " + std::string(name) + " on <record>");
    }
}

void XmlReader::record_child(const pugi::xml_node& c, Record& r, RecordSeen& seen) {
    std::string_view name = c.name();
    if (const char letter = layout_letter(record_layout, name)) r.layout += letter;
    if (name == "name") {
        set_once(c, r.name, plain_text(c), seen.name);
    } else if (name == "protocol") {
        set_once(c, r.transport, plain_text(c), seen.protocol);
        if (!is_transport(r.transport))
            fail(c, "unknown transport \"" + r.transport + "\" (expected tcp, udp, sctp or dccp)");
    } else if (name == "description") {
        std::string text = rich_text(c, r.description_xrefs);
        set_once(c, r.description, std::move(text), seen.description);
        r.description_xml = inner_xml(c);
    } else if (name == "number") {
        set_once(c, r.number, plain_text(c), seen.number);
        r.port = parse_port_range(r.number);
        if (!r.port) fail(c, port_range_problem(r.number));
    } else if (name == "sc") {
        set_once(c, r.service_code, plain_text(c), seen.sc);
        if (r.service_code.empty() ||
            r.service_code.find_first_not_of("0123456789") != std::string::npos)
            fail(c, "service code \"" + r.service_code + "\" is not a number");
    } else if (name == "note") {
        std::string text = rich_text(c, r.note_xrefs);
        set_once(c, r.notes, std::move(text), seen.note);
        r.notes_xml = inner_xml(c);
    } else if (name == "unauthorized") {
        set_once(c, r.unauthorized, plain_text(c), seen.unauthorized);
    } else if (name == "xref") {
        r.own.push_back(xref(c));
    } else if (name == "assignee") {
        assignee(c, r);
    } else {
        fail(c, "unexpected element <" + std::string(name) + "> in <record>");
    }
}

void XmlReader::assignee(const pugi::xml_node& element, Record& r) {
    if (r.has_assignee) fail(element, "repeated <assignee>");
    r.has_assignee = true;
    for (auto x : element.children()) {
        if (x.type() != pugi::node_element) continue;
        if (std::string_view(x.name()) != "xref")
            fail(x, "unexpected element <" + std::string(x.name()) + "> in <assignee>");
        r.assignee.push_back(xref(x));
    }
}

// The bytes from an element's start tag to the element after it in document
// order (or to the end of the input), which hold all of it: equal bytes read

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

RegistryNote XmlReader::registry_note(const pugi::xml_node& element) {
    RegistryNote note;
    if (auto title = element.attribute("title")) note.title = normalize_ws(title.value());
    note.text = rich_text(element, note.xrefs);
    note.xml = inner_xml(element);
    return note;
}

Footnote XmlReader::footnote(const pugi::xml_node& element) {
    Footnote f;
    f.anchor = normalize_ws(element.attribute("anchor").value());
    f.text = rich_text(element, f.xrefs);
    f.xml = inner_xml(element);
    return f;
}

} // namespace portreg::xml_detail
