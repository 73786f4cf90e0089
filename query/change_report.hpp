#pragma once
// A change report: what one snapshot of the registry says differently from
// another, as record changes (exact, on the 12 published columns), events
// in the registry's own terms, people and registry metadata changes. The
// diff engine (change_*.cpp) fills it; the report_*.cpp renderers write it.

#include "portreg/release.hpp"
#include "portreg/snapshot_reader.hpp"

#include <optional>
#include <string>
#include <vector>

namespace portreg::query {

// One column of a record, field of a person or piece of the registry that
// differs, with what it said on each side (as published; empty: nothing).
struct FieldChange {
    std::string field; // "Assignee", "contact_uri", "note 2", ...
    std::string old_value, new_value;
    bool operator==(const FieldChange& o) const {
        return field == o.field && old_value == o.old_value && new_value == o.new_value;
    }
};
// The names of the fields, in order.
std::vector<std::string> field_names(const std::vector<FieldChange>& changes);

// Rule 1: every record of FROM not in TO is an old side once, every record
// of TO not in FROM a new side once; an old and a new side with the same
// service name, transport and ports are one modification.
struct RecordChange {
    enum class Kind { added, removed, modified };
    Kind kind = Kind::added;
    RecordPtr old_record;            // null when added
    RecordPtr new_record;            // null when removed
    std::vector<FieldChange> fields; // IANA columns that differ, when modified
};
const char* kind_name(RecordChange::Kind kind);

// What happened to a port (or a name without one) in the registry's terms.
struct Event {
    enum class Kind {
        assigned,     // a port nobody held now belongs to a new service name
        gained,       // a service already registered gained a port or transport
        renamed,      // same port and transport, another service name
        released,     // a service's port is no longer held, and the name is gone
        lost,         // a service lost a port or transport but is still registered
        reserved,     // a port nobody held is now Reserved
        unreserved,   // a Reserved port is no longer reserved
        name_added,   // a name-only (DNS-SD) registration
        name_removed, // a name-only registration gone
        modified,     // same record, other assignee, contact, description, ...
        added,        // a named record none of the above explains
        removed,
    };
    Kind kind = Kind::modified;
    std::optional<PortRange> port;
    std::string transport;           // empty: every transport
    std::string name;                // the service (the new name when renamed)
    std::string old_name;            // renamed: the name before
    std::string description;         // modified, added, removed: the record's
    std::vector<std::string> was;    // what held the port before (assigned, reserved, ...)
    std::vector<std::string> now;    // what holds it after (released, lost, unreserved)
    std::vector<FieldChange> fields; // modified: the IANA columns that changed
};
const char* kind_name(Event::Kind kind);
// A heading for a group of events: "Assigned", "No longer reserved", ...
const char* kind_title(Event::Kind kind);
// The order in which reports group events.
constexpr int event_kind_count = 12;

struct PersonChange {
    enum class Kind { added, removed, changed };
    Kind kind = Kind::changed;
    PersonPtr old_person, new_person;
    std::vector<FieldChange> fields; // name, organization, contact_uri, last_updated
};
const char* kind_name(PersonChange::Kind kind);

// A changed piece of the registry's own metadata: title, category, expert,
// references, a note or a footnote.
struct RegistryChange {
    std::string what; // "expert", "note 2", "footnote 1", ...
    std::string old_text, new_text;
};

struct ChangeReport {
    ReleaseInfo from, to;
    std::vector<RecordChange> records;
    std::vector<Event> events;
    // A CSV release carries no people details and no registry metadata:
    // against one, those are not compared.
    bool people_compared = false;
    std::vector<PersonChange> people;
    bool registry_compared = false;
    std::vector<RegistryChange> registry;

    bool empty() const { return records.empty() && people.empty() && registry.empty(); }
    int count(RecordChange::Kind kind) const;
    int count(PersonChange::Kind kind) const;
};

// Pieces of an event as reports write them: "ollama", "old -> new" or
// "(Reserved)"; "was Unassigned 11431-11488", "now Reserved 5000",
// "Contact, Description" (without brackets or parentheses; may be empty).
std::string event_subject(const Event& event, const char* arrow = " -> ");
std::string event_detail(const Event& event);

// A registry change as a field: its piece, old and new text.
FieldChange as_field(const RegistryChange& change);

// An event about one record: its port, transport, name and description.
Event record_event(Event::Kind kind, const Record& record);

// The items with `separator` between them.
std::string join(const std::vector<std::string>& items, const char* separator = ", ");

// "11434", "4200-4299", "" when absent.
std::string port_text(const std::optional<PortRange>& port);
// "11434/tcp", "4200-4299" (any transport), "tcp" (a name without a port,
// as IANA lists it: no port number).
std::string where_text(const Event& event);

} // namespace portreg::query
