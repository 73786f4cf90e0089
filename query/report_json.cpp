#include "output.hpp"
#include "report_writers.hpp"

#include <nlohmann/json.hpp>

namespace portreg::query {

using nlohmann::json;

namespace {

json optional_record(const RecordPtr& r) {
    return r ? record_json(*r) : json(nullptr);
}

json optional_person(const PersonPtr& p) {
    return p ? person_json(*p) : json(nullptr);
}

// Text that may be missing: null when it is.
json text_or_null(const std::string& text) {
    return text.empty() ? json(nullptr) : json(text);
}

} // namespace

json release_json(const ReleaseInfo& r) {
    return {{"id", r.id},         {"registry_date", r.registry_date}, {"sha256", r.sha256},
            {"format", r.format}, {"records", r.record_count},        {"people", r.people_count}};
}

// Every event has every key: numbers as numbers, null for what it lacks
// (no port: a name-only registration; no transport: every transport, or a
// name-only registration without one), lists empty.
json event_json(const Event& e) {
    return {{"event", kind_name(e.kind)},
            {"port_low", e.port ? json(e.port->low) : json(nullptr)},
            {"port_high", e.port ? json(e.port->high) : json(nullptr)},
            {"transport", text_or_null(e.transport)},
            {"service", text_or_null(e.name)},
            {"old_service", text_or_null(e.old_name)},
            {"description", text_or_null(e.description)},
            {"was", e.was},
            {"now", e.now},
            {"fields", field_names(e.fields)}};
}

json report_json(const ChangeReport& r) {
    using K = RecordChange::Kind;
    using P = PersonChange::Kind;
    json records = json::array();
    for (const auto& c : r.records)
        records.push_back({{"change", kind_name(c.kind)},
                           {"old", optional_record(c.old_record)},
                           {"new", optional_record(c.new_record)},
                           {"fields", field_names(c.fields)}});
    json events = json::array();
    json event_counts = json::object();
    for (const auto& e : r.events) {
        events.push_back(event_json(e));
        event_counts[kind_name(e.kind)] = event_counts.value(kind_name(e.kind), 0) + 1;
    }
    json people = json::array();
    for (const auto& p : r.people)
        people.push_back({{"change", kind_name(p.kind)},
                          {"old", optional_person(p.old_person)},
                          {"new", optional_person(p.new_person)},
                          {"fields", field_names(p.fields)}});
    json registry = json::array();
    for (const auto& g : r.registry)
        registry.push_back({{"what", g.what},
                            {"old", text_or_null(g.old_text)},
                            {"new", text_or_null(g.new_text)}});
    json summary = {{"records",
                     {{"added", r.count(K::added)},
                      {"removed", r.count(K::removed)},
                      {"modified", r.count(K::modified)}}},
                    {"events", event_counts},
                    {"people", r.people_compared ? json{{"added", r.count(P::added)},
                                                        {"removed", r.count(P::removed)},
                                                        {"changed", r.count(P::changed)}}
                                                 : json(nullptr)},
                    {"registry", r.registry_compared ? json(r.registry.size()) : json(nullptr)}};
    return {{"from", release_json(r.from)}, {"to", release_json(r.to)}, {"summary", summary},
            {"records", records},           {"events", events},         {"people", people},
            {"registry", registry}};
}

} // namespace portreg::query
