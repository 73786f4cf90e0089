#pragma once
// The diff engine's pure parts: rule 1 over record versions, and the
// events that explain those record changes in the registry's terms. They
// know nothing of the database; change_loader.cpp feeds them.

#include "change_report.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace portreg::query {

// Rule 1 from the versions only one side holds (`gone`: FROM's, in its
// order; `come`: TO's): versions that render the same on both sides cancel,
// the rest pair up by record_key as modifications. Added and modified
// changes come in TO's order, then the removed ones in FROM's.
std::vector<RecordChange> record_changes(const std::vector<RecordPtr>& gone,
                                         const std::vector<RecordPtr>& come);

// What the events need to know beyond the changes: the records of each side
// that cover the ports the changes touch (any superset will do), and
// whether a service name is registered anywhere in FROM or in TO.
struct EventContext {
    std::vector<RecordPtr> from_records;
    std::vector<RecordPtr> to_records;
    std::function<bool(const std::string& name)> name_in_from;
    std::function<bool(const std::string& name)> name_in_to;
    // Only these ports: when the records above cover no more (history).
    std::optional<PortRange> clip;
};

// The events of `changes`, grouped by kind, then by port and transport.
std::vector<Event> change_events(const std::vector<RecordChange>& changes,
                                 const EventContext& context);

// The port ranges the changes touch, merged: what EventContext must cover.
std::vector<PortRange> touched_ports(const std::vector<RecordChange>& changes);

// People from the person versions only one side holds, paired by id:
// changed (with the fields that differ), added, removed.
std::vector<PersonChange> people_changes(const std::vector<PersonPtr>& gone,
                                         const std::vector<PersonPtr>& come);

// The pieces of the registry's metadata that differ.
std::vector<RegistryChange> registry_changes(const RegistryMeta& from, const RegistryMeta& to);

} // namespace portreg::query
