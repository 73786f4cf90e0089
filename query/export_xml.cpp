#include "export_xml.hpp"

#include "portreg/layout.hpp"
#include "portreg/xml_text.hpp"

#include <ostream>
#include <string_view>

namespace portreg::query {

namespace {

// One document built in memory (a few megabytes) and written at once.
class XmlWriter {
public:
    std::string out;

    // <name attributes...>, its children's indentation one level deeper.
    void open(std::string_view name,
              std::initializer_list<std::pair<std::string_view, std::string_view>> attributes = {},
              bool empty = false) {
        indent();
        out += '<';
        out += name;
        for (const auto& [key, value] : attributes)
            attribute(key, value);
        out += empty ? "/>\n" : ">\n";
        if (!empty) ++depth_;
    }
    void close(std::string_view name) {
        --depth_;
        indent();
        out += "</";
        out += name;
        out += ">\n";
    }
    // <name>text</name>, or <name/> for empty text.
    void text_element(std::string_view name, std::string_view text) {
        inline_element(name, {}, text, {});
    }
    // <name>xml</name>: `xml` is already markup (Record::description_xml)
    // when not empty; `text` is written escaped otherwise.
    void rich_element(std::string_view name, std::string_view attribute_name,
                      std::string_view attribute_value, std::string_view text,
                      std::string_view xml) {
        inline_element(name, {attribute_name, attribute_value}, text, xml);
    }
    void xref(const Xref& x) {
        indent();
        append_xref(x);
        out += '\n';
    }

private:
    int depth_ = 0;

    void indent() { out.append(static_cast<std::size_t>(depth_) * 2, ' '); }
    void attribute(std::string_view key, std::string_view value) {
        if (key.empty()) return;
        out += ' ';
        out += key;
        out += "=\"";
        append_xml_escaped(out, value, true);
        out += '"';
    }
    void inline_element(std::string_view name, std::pair<std::string_view, std::string_view> attr,
                        std::string_view text, std::string_view xml) {
        indent();
        out += '<';
        out += name;
        attribute(attr.first, attr.second);
        if (text.empty() && xml.empty()) {
            out += "/>\n";
            return;
        }
        out += '>';
        if (xml.empty())
            append_xml_escaped(out, text);
        else
            out += xml;
        out += "</";
        out += name;
        out += ">\n";
    }
    void append_xref(const Xref& x) {
        out += "<xref";
        attribute("type", x.type);
        if (!x.data.empty()) attribute("data", x.data);
        if (!x.section.empty()) attribute("section", x.section);
        if (x.text.empty()) {
            out += "/>";
            return;
        }
        out += '>';
        append_xml_escaped(out, x.text);
        out += "</xref>";
    }
};

// The layout of a record read from a CSV: its elements in the most common
// published order.
Layout default_layout(const Record& r) {
    Layout layout;
    const auto add = [&layout](char letter, bool present) {
        if (present) layout += letter;
    };
    add('n', !r.name.empty());
    add('p', !r.transport.empty());
    add('a', r.has_assignee);
    layout.append(r.own.size(), 'x');
    add('d', true);
    add('N', !r.number.empty());
    add('s', !r.service_code.empty());
    add('o', !r.notes.empty());
    add('u', !r.unauthorized.empty());
    return layout;
}

// The text of a record's element that holds plain text, by its letter.
const std::string& record_text(const Record& r, char letter) {
    switch (letter) {
    case 'n':
        return r.name;
    case 'p':
        return r.transport;
    case 'N':
        return r.number;
    case 's':
        return r.service_code;
    default:
        return r.unauthorized; // 'u'
    }
}

void write_record(XmlWriter& w, const Record& r) {
    const auto layout = r.layout.empty() ? default_layout(r) : r.layout;
    w.open("record", {{r.reg_date.empty() ? "" : "date", r.reg_date},
                      {r.mod_date.empty() ? "" : "updated", r.mod_date}});
    std::size_t own = 0;
    for (char letter : layout) {
        const auto element = layout_element(record_layout, letter);
        switch (letter) {
        case 'd':
            w.rich_element(element, {}, {}, r.description, r.description_xml);
            break;
        case 'o':
            w.rich_element(element, {}, {}, r.notes, r.notes_xml);
            break;
        case 'x':
            if (own < r.own.size()) w.xref(r.own[own++]);
            break;
        case 'a':
            w.open(element);
            for (const auto& x : r.assignee)
                w.xref(x);
            w.close(element);
            break;
        default:
            w.text_element(element, record_text(r, letter));
        }
    }
    w.close("record");
}

Layout default_layout(const Person& p) {
    Layout layout;
    if (!p.name.empty()) layout += 'n';
    if (!p.org.empty()) layout += 'o';
    layout.append(p.uris.size(), 'u');
    if (!p.updated.empty()) layout += 'U';
    return layout;
}

void write_person(XmlWriter& w, const Person& p) {
    const auto layout = p.layout.empty() ? default_layout(p) : p.layout;
    if (layout.empty()) {
        w.open("person", {{"id", p.id}}, true);
        return;
    }
    w.open("person", {{"id", p.id}});
    std::size_t uri = 0;
    for (char letter : layout) {
        const auto element = layout_element(person_layout, letter);
        if (letter == 'u') {
            if (uri < p.uris.size()) w.text_element(element, p.uris[uri++]);
        } else {
            w.text_element(element, letter == 'n' ? p.name : letter == 'o' ? p.org : p.updated);
        }
    }
    w.close("person");
}

// What stands before the records; a release read from a CSV has only its
// date.
void write_head(XmlWriter& w, const Release& release) {
    if (!release.meta) {
        w.text_element("updated", release.registry_date);
        return;
    }
    const auto& m = *release.meta;
    w.text_element("title", m.title);
    w.text_element("category", m.category);
    w.text_element("updated", release.registry_date);
    for (const auto& x : m.xrefs)
        w.xref(x);
    if (!m.expert.empty()) w.text_element("expert", m.expert);
    for (const auto& n : m.notes)
        w.rich_element("note", n.title ? "title" : "", n.title.value_or(""), n.text, n.xml);
}

} // namespace

void write_release_xml(std::ostream& out, const Release& release) {
    XmlWriter w;
    w.out.reserve(release.records.size() * 256 + release.people.size() * 128);
    w.out += "<?xml version='1.0' encoding='UTF-8'?>\n";
    if (release.format == "csv")
        w.out += "<!-- Written from IANA's CSV rendering of the release of " +
                 release.registry_date +
                 ", which carries the records and the ids of the people they name: no title, "
                 "experts, notes, footnotes or details of people. -->\n";
    w.open("registry",
           {{"xmlns", "http://www.iana.org/assignments"}, {"id", "service-names-port-numbers"}});
    write_head(w, release);
    for (const auto& r : release.records)
        write_record(w, *r);
    if (release.meta)
        for (const auto& f : release.meta->footnotes)
            w.rich_element("footnote", "anchor", f.anchor, f.text, f.xml);
    w.open("people");
    for (const auto& p : release.people)
        write_person(w, *p);
    w.close("people");
    w.close("registry");
    out << w.out;
}

} // namespace portreg::query
