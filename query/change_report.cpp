#include "change_report.hpp"

#include <algorithm>

namespace portreg::query {

const char* kind_name(RecordChange::Kind kind) {
    switch (kind) {
    case RecordChange::Kind::added:
        return "added";
    case RecordChange::Kind::removed:
        return "removed";
    case RecordChange::Kind::modified:
        return "modified";
    }
    return "?";
}

const char* kind_name(Event::Kind kind) {
    static const char* const names[event_kind_count] = {
        "assigned",   "gained",     "renamed",      "released", "lost",  "reserved",
        "unreserved", "name-added", "name-removed", "modified", "added", "removed"};
    return names[static_cast<int>(kind)];
}

const char* kind_title(Event::Kind kind) {
    static const char* const titles[event_kind_count] = {"Assigned",
                                                         "Ports gained by registered services",
                                                         "Renamed",
                                                         "Released",
                                                         "Ports lost by services still registered",
                                                         "Reserved",
                                                         "No longer reserved",
                                                         "Name-only registrations added",
                                                         "Name-only registrations removed",
                                                         "Modified",
                                                         "Other records added",
                                                         "Other records removed"};
    return titles[static_cast<int>(kind)];
}

const char* kind_name(PersonChange::Kind kind) {
    switch (kind) {
    case PersonChange::Kind::added:
        return "added";
    case PersonChange::Kind::removed:
        return "removed";
    case PersonChange::Kind::changed:
        return "changed";
    }
    return "?";
}

int ChangeReport::count(RecordChange::Kind kind) const {
    return int(std::count_if(records.begin(), records.end(),
                             [&](const RecordChange& c) { return c.kind == kind; }));
}

int ChangeReport::count(PersonChange::Kind kind) const {
    return int(std::count_if(people.begin(), people.end(),
                             [&](const PersonChange& c) { return c.kind == kind; }));
}

std::string join(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const auto& s : items)
        out += (out.empty() ? "" : separator) + s;
    return out;
}

std::vector<std::string> field_names(const std::vector<FieldChange>& changes) {
    std::vector<std::string> names;
    for (const auto& c : changes)
        names.push_back(c.field);
    return names;
}

FieldChange as_field(const RegistryChange& g) {
    return {g.what, g.old_text, g.new_text};
}

Event record_event(Event::Kind kind, const Record& r) {
    Event e;
    e.kind = kind;
    e.port = r.port;
    e.transport = r.transport;
    e.name = r.name;
    e.description = r.description;
    return e;
}

std::string event_subject(const Event& e, const char* arrow) {
    if (e.kind == Event::Kind::renamed) return e.old_name + arrow + e.name;
    if (!e.name.empty()) return e.name;
    if (!e.description.empty()) return "(" + e.description + ")";
    return {};
}

std::string event_detail(const Event& e) {
    if (!e.was.empty()) return "was " + join(e.was);
    if (!e.now.empty()) return "now " + join(e.now);
    return join(field_names(e.fields));
}

std::string port_text(const std::optional<PortRange>& port) {
    if (!port) return {};
    if (port->low == port->high) return std::to_string(port->low);
    return std::to_string(port->low) + '-' + std::to_string(port->high);
}

std::string where_text(const Event& e) {
    if (!e.port) return e.transport;
    return port_text(e.port) + (e.transport.empty() ? "" : "/" + e.transport);
}

} // namespace portreg::query
