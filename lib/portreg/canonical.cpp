#include "portreg/canonical.hpp"

namespace portreg {

namespace {

constexpr char field_sep = '\x1f';
constexpr char item_sep = '\x1e';
constexpr char list_end = '\x1d';

void put(std::string& out, const std::string& value) {
    out += value;
    out.push_back(field_sep);
}

void put(std::string& out, const std::vector<Xref>& xrefs) {
    for (const auto& x : xrefs) {
        out += x.type;
        out.push_back(item_sep);
        out += x.data;
        out.push_back(item_sep);
        out += x.text;
        out.push_back(item_sep);
        out += x.section;
        out.push_back(item_sep);
    }
    out.push_back(list_end);
}

} // namespace

std::string canonical_record(const Record& r) {
    std::string out;
    out.reserve(256);
    put(out, r.name);
    put(out, r.number);
    put(out, r.transport);
    put(out, r.description);
    put(out, r.description_xml);
    put(out, r.reg_date);
    put(out, r.mod_date);
    put(out, r.service_code);
    put(out, r.unauthorized);
    put(out, r.notes);
    put(out, r.notes_xml);
    put(out, r.layout);
    out.push_back(r.has_assignee ? '1' : '0');
    put(out, r.own);
    put(out, r.assignee);
    put(out, r.description_xrefs);
    put(out, r.note_xrefs);
    return out;
}

std::string canonical_columns(const Columns& columns) {
    std::string out;
    for (const auto& c : columns)
        put(out, c);
    return out;
}

std::string canonical_person(const Person& p) {
    std::string out;
    put(out, p.id);
    put(out, p.name);
    put(out, p.org);
    put(out, p.updated);
    put(out, p.layout);
    for (const auto& u : p.uris) {
        out += u;
        out.push_back(item_sep);
    }
    return out;
}

std::string canonical_meta(const RegistryMeta& m) {
    std::string out;
    put(out, m.title);
    put(out, m.category);
    put(out, m.expert);
    put(out, m.xrefs);
    for (const auto& n : m.notes) {
        out.push_back(n.title ? '1' : '0');
        put(out, n.title.value_or(""));
        put(out, n.text);
        put(out, n.xml);
        put(out, n.xrefs);
    }
    out.push_back(list_end);
    for (const auto& f : m.footnotes) {
        put(out, f.anchor);
        put(out, f.text);
        put(out, f.xml);
        put(out, f.xrefs);
    }
    return out;
}

} // namespace portreg
