#include "portreg/render.hpp"

namespace portreg {

const std::array<const char*, column_count>& column_names() {
    static const std::array<const char*, column_count> names = {
        "Service Name", "Port Number",  "Transport Protocol",        "Description",
        "Assignee",     "Contact",      "Registration Date",         "Modification Date",
        "Reference",    "Service Code", "Unauthorized Use Reported", "Assignment Notes"};
    return names;
}

void append_rendered_xref(std::string& out, const Xref& xref) {
    out.push_back('[');
    if (!xref.text.empty()) {
        out += xref.text;
    } else if (xref.type == "rfc") {
        for (char c : xref.data)
            out.push_back((c >= 'a' && c <= 'z') ? char(c - 32) : c);
    } else {
        out += xref.data;
    }
    out.push_back(']');
}

std::string render_xref(const Xref& xref) {
    std::string out;
    append_rendered_xref(out, xref);
    return out;
}

namespace {

template <typename Keep> std::string render_list(const std::vector<Xref>& xrefs, Keep keep) {
    std::string out;
    for (const auto& x : xrefs)
        if (keep(x)) append_rendered_xref(out, x);
    return out;
}

bool is_person(const Xref& x) {
    return x.type == "person";
}

} // namespace

Columns render_record(const Record& r) {
    Columns c;
    c[0] = r.name;
    c[1] = r.number;
    c[2] = r.transport;
    c[3] = r.description;
    c[4] = r.has_assignee ? render_list(r.assignee, [](const Xref&) { return true; })
                          : render_list(r.own, is_person);
    c[5] = render_list(r.own, is_person);
    c[6] = r.reg_date;
    c[7] = r.mod_date;
    c[8] = render_list(r.own, [](const Xref& x) { return !is_person(x); });
    c[9] = r.service_code;
    c[10] = r.unauthorized;
    c[11] = r.notes;
    return c;
}

} // namespace portreg
