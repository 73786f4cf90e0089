#pragma once
// Comparing releases as the store gives them back.

#include "portreg/release.hpp"
#include "portreg/render.hpp"
#include "portreg/snapshot_reader.hpp"

#include <string>
#include <tuple>
#include <vector>

namespace portreg::test {

inline std::vector<Columns> rendered(const std::vector<RecordPtr>& records) {
    std::vector<Columns> out;
    out.reserve(records.size());
    for (const auto& r : records)
        out.push_back(render_record(*r));
    return out;
}

using PersonRow =
    std::tuple<std::string, std::string, std::string, std::vector<std::string>, std::string>;

inline std::vector<PersonRow> person_rows(const std::vector<PersonPtr>& people) {
    std::vector<PersonRow> out;
    out.reserve(people.size());
    for (const auto& p : people)
        out.emplace_back(p->id, p->name, p->org, p->uris, p->updated);
    return out;
}

// Everything of a record, not only what renders.
inline std::string full(const Record& r) {
    std::string s =
        r.name + "|" + r.transport + "|" + r.description + "|" + r.notes + "|" +
        (r.has_assignee ? "A" : "-") + "|" + r.reg_date + "|" + r.mod_date + "|" + r.service_code +
        "|" + r.unauthorized + "|" +
        (r.port ? std::to_string(r.port->low) + "-" + std::to_string(r.port->high) : "");
    for (const auto* list : {&r.own, &r.assignee, &r.description_xrefs, &r.note_xrefs}) {
        s += "|";
        for (const auto& x : *list)
            s += x.type + "," + x.data + "," + x.text + "," + x.section + ";";
    }
    return s;
}

inline std::vector<std::string> full_records(const std::vector<RecordPtr>& records) {
    std::vector<std::string> out;
    for (const auto& r : records)
        out.push_back(full(*r));
    return out;
}

} // namespace portreg::test
