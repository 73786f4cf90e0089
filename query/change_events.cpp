// Events in the registry's terms. For each transport, the ports that the
// record changes touch are cut into intervals over which both snapshots say
// one thing each (which names hold the port, else whether a row reserves
// it or leaves it unassigned); an interval whose holders differ is an
// event. So an Unassigned range split around a new assignment is no event
// of its own: the ports around the new one are unassigned before and after.

#include "change_engine.hpp"

#include "portreg/text.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <tuple>

namespace portreg::query {

namespace {

const std::array<std::string, 4> all_transports = {"tcp", "udp", "sctp", "dccp"};

// What a row without a service name says of its ports.
enum class Held { none, unassigned, other, reserved };

Held unnamed_held(const Record& r) {
    auto d = ascii_lower(r.description);
    if (d.rfind("reserved", 0) == 0) return Held::reserved;
    if (d.rfind("unassigned", 0) == 0 || d.rfind("(unassigned", 0) == 0) return Held::unassigned;
    return Held::other;
}

bool applies(const Record& r, const std::string& transport) {
    return r.port && (r.transport.empty() || r.transport == transport);
}

std::string row_text(const Record& r) {
    std::string s = r.description + ' ' + port_text(r.port);
    if (!r.transport.empty()) s += '/' + r.transport;
    return s;
}

// What one snapshot says of a port on one transport.
struct Status {
    std::map<std::string, std::string> names; // lower case -> as written
    Held held = Held::none;
    std::vector<std::string> rows; // the unnamed rows, as text

    bool same_as(const Status& o) const {
        if (held != o.held || names.size() != o.names.size()) return false;
        return std::equal(names.begin(), names.end(), o.names.begin(),
                          [](const auto& a, const auto& b) { return a.first == b.first; });
    }
    std::vector<std::string> describe() const {
        std::vector<std::string> out;
        for (const auto& [key, name] : names)
            out.push_back(name);
        if (out.empty()) out = rows;
        if (out.empty()) out.emplace_back("no row");
        return out;
    }
};

Status status_of(const std::vector<const Record*>& covering) {
    Status s;
    for (const auto* r : covering) {
        if (!r->name.empty()) {
            s.names.emplace(ascii_lower(r->name), r->name);
        } else {
            s.held = std::max(s.held, unnamed_held(*r));
            auto text = row_text(*r);
            if (std::find(s.rows.begin(), s.rows.end(), text) == s.rows.end())
                s.rows.push_back(std::move(text));
        }
    }
    return s;
}

void add_unique(std::vector<std::string>& to, const std::vector<std::string>& from) {
    for (const auto& s : from)
        if (std::find(to.begin(), to.end(), s) == to.end()) to.push_back(s);
}

std::vector<PortRange> merge(std::vector<PortRange> ranges) {
    std::sort(ranges.begin(), ranges.end(),
              [](const PortRange& a, const PortRange& b) { return a.low < b.low; });
    std::vector<PortRange> out;
    for (const auto& r : ranges) {
        if (!out.empty() && r.low <= out.back().high + 1)
            out.back().high = std::max(out.back().high, r.high);
        else
            out.push_back(r);
    }
    return out;
}

bool overlaps(const PortRange& a, const PortRange& b) {
    return a.low <= b.high && b.low <= a.high;
}

// A side's records on `transport` that overlap `ranges`, by lowest port.
std::vector<const Record*> candidates(const std::vector<RecordPtr>& records,
                                      const std::string& transport,
                                      const std::vector<PortRange>& ranges) {
    std::vector<const Record*> out;
    for (const auto& r : records) {
        if (!applies(*r, transport)) continue;
        auto at =
            std::lower_bound(ranges.begin(), ranges.end(), r->port->low,
                             [](const PortRange& range, int port) { return range.high < port; });
        if (at != ranges.end() && overlaps(*at, *r->port)) out.push_back(r.get());
    }
    std::sort(out.begin(), out.end(),
              [](const Record* a, const Record* b) { return a->port->low < b->port->low; });
    return out;
}

// The records covering each successive port of a sweep from low to high.
class Sweep {
public:
    explicit Sweep(std::vector<const Record*> records) : records_(std::move(records)) {}
    const std::vector<const Record*>& at(int port) {
        while (next_ < records_.size() && records_[next_]->port->low <= port)
            active_.push_back(records_[next_++]);
        active_.erase(std::remove_if(active_.begin(), active_.end(),
                                     [&](const Record* r) { return r->port->high < port; }),
                      active_.end());
        return active_;
    }

private:
    std::vector<const Record*> records_;
    std::size_t next_ = 0;
    std::vector<const Record*> active_;
};

class EventBuilder {
public:
    explicit EventBuilder(const EventContext& context) : context_(context) {}

    void transport(const std::string& t, const std::vector<PortRange>& touched) {
        auto from = candidates(context_.from_records, t, touched);
        auto to = candidates(context_.to_records, t, touched);
        std::vector<int> cuts;
        for (const auto& r : touched) {
            cuts.push_back(r.low);
            cuts.push_back(r.high + 1);
        }
        for (const auto* list : {&from, &to})
            for (const auto* r : *list) {
                cuts.push_back(r->port->low);
                cuts.push_back(r->port->high + 1);
            }
        std::sort(cuts.begin(), cuts.end());
        cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
        Sweep before(std::move(from)), after(std::move(to));
        auto range = touched.begin();
        for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
            PortRange ports{cuts[i], cuts[i + 1] - 1};
            while (range != touched.end() && range->high < ports.low)
                ++range;
            if (range == touched.end()) break;
            if (ports.low < range->low) continue;
            interval(t, ports, status_of(before.at(ports.low)), status_of(after.at(ports.low)));
        }
    }

    std::vector<Event> take() { return std::move(events_); }

private:
    void interval(const std::string& t, PortRange ports, const Status& before,
                  const Status& after) {
        if (before.same_as(after)) return;
        std::vector<std::string> came, went;
        for (const auto& [key, name] : after.names)
            if (!before.names.count(key)) came.push_back(name);
        for (const auto& [key, name] : before.names)
            if (!after.names.count(key)) went.push_back(name);
        if (came.size() == 1 && went.size() == 1) {
            emit({Event::Kind::renamed, ports, t, came[0], went[0], {}, {}, {}, {}});
            return;
        }
        for (const auto& name : came) {
            auto kind = context_.name_in_from(name) ? Event::Kind::gained : Event::Kind::assigned;
            emit({kind, ports, t, name, {}, {}, before.describe(), {}, {}});
        }
        for (const auto& name : went) {
            auto kind = context_.name_in_to(name) ? Event::Kind::lost : Event::Kind::released;
            emit({kind, ports, t, name, {}, {}, {}, after.describe(), {}});
        }
        if (!before.names.empty() || !after.names.empty()) return;
        if (after.held == Held::reserved && before.held != Held::reserved)
            emit({Event::Kind::reserved, ports, t, {}, {}, {}, before.describe(), {}, {}});
        if (before.held == Held::reserved && after.held != Held::reserved)
            emit({Event::Kind::unreserved, ports, t, {}, {}, {}, {}, after.describe(), {}});
    }

    // An event that continues one of the interval just before is one event.
    void emit(Event e) {
        for (auto& last : events_) {
            if (last.kind == e.kind && last.transport == e.transport && last.name == e.name &&
                last.old_name == e.old_name && last.port->high + 1 == e.port->low) {
                last.port->high = e.port->high;
                add_unique(last.was, e.was);
                add_unique(last.now, e.now);
                return;
            }
        }
        events_.push_back(std::move(e));
    }

    const EventContext& context_;
    std::vector<Event> events_;
};

// The same event on every transport is one event for all of them.
std::vector<Event> fold_transports(std::vector<Event> events) {
    auto identity = [](const Event& e) {
        return std::make_tuple(e.kind, e.port->low, e.port->high, e.name, e.old_name, e.was, e.now);
    };
    std::map<decltype(identity(events[0])), std::vector<std::size_t>> same;
    for (std::size_t i = 0; i < events.size(); ++i)
        same[identity(events[i])].push_back(i);
    std::vector<bool> drop(events.size(), false);
    for (const auto& [id, at] : same) {
        if (at.size() != all_transports.size()) continue;
        events[at[0]].transport.clear();
        for (std::size_t k = 1; k < at.size(); ++k)
            drop[at[k]] = true;
    }
    std::vector<Event> out;
    for (std::size_t i = 0; i < events.size(); ++i)
        if (!drop[i]) out.push_back(std::move(events[i]));
    return out;
}

bool explains(const Event& e, const Record& r) {
    auto name = ascii_lower(r.name);
    return (ascii_lower(e.name) == name || ascii_lower(e.old_name) == name) && e.port && r.port &&
           overlaps(*e.port, *r.port) &&
           (e.transport.empty() || r.transport.empty() || e.transport == r.transport);
}

int transport_rank(const std::string& t) {
    auto at = std::find(all_transports.begin(), all_transports.end(), t);
    return t.empty() ? -1 : int(at - all_transports.begin());
}

} // namespace

std::vector<PortRange> touched_ports(const std::vector<RecordChange>& changes) {
    std::vector<PortRange> ranges;
    for (const auto& c : changes)
        for (const auto* r : {c.old_record.get(), c.new_record.get()})
            if (r && r->port) ranges.push_back(*r->port);
    return merge(std::move(ranges));
}

std::vector<Event> change_events(const std::vector<RecordChange>& changes,
                                 const EventContext& context) {
    EventBuilder builder(context);
    for (const auto& t : all_transports) {
        std::vector<PortRange> touched;
        for (const auto& c : changes)
            for (const auto* r : {c.old_record.get(), c.new_record.get()}) {
                if (!r || !applies(*r, t)) continue;
                PortRange ports = *r->port;
                if (context.clip) {
                    if (!overlaps(ports, *context.clip)) continue;
                    ports = {std::max(ports.low, context.clip->low),
                             std::min(ports.high, context.clip->high)};
                }
                touched.push_back(ports);
            }
        if (!touched.empty()) builder.transport(t, merge(std::move(touched)));
    }
    auto events = fold_transports(builder.take());

    std::vector<Event> more;
    for (const auto& c : changes) {
        const Record& r = c.new_record ? *c.new_record : *c.old_record;
        if (context.clip && r.port && !overlaps(*r.port, *context.clip)) continue;
        using K = RecordChange::Kind;
        if (c.kind == K::modified) {
            // An unnamed row that now reserves or frees its ports is an
            // event above already.
            if (r.name.empty() && unnamed_held(*c.old_record) != unnamed_held(r)) continue;
            more.push_back(record_event(Event::Kind::modified, r));
            more.back().fields = c.fields;
        } else if (!r.name.empty() && !r.port) {
            more.push_back(record_event(
                c.kind == K::added ? Event::Kind::name_added : Event::Kind::name_removed, r));
        } else if (!r.name.empty() &&
                   std::none_of(events.begin(), events.end(),
                                [&](const Event& e) { return explains(e, r); })) {
            more.push_back(
                record_event(c.kind == K::added ? Event::Kind::added : Event::Kind::removed, r));
        }
    }
    events.insert(events.end(), more.begin(), more.end());
    std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
        auto low = [](const Event& e) { return e.port ? e.port->low : -1; };
        return std::make_tuple(int(a.kind), low(a), transport_rank(a.transport),
                               ascii_lower(a.name)) < std::make_tuple(int(b.kind), low(b),
                                                                      transport_rank(b.transport),
                                                                      ascii_lower(b.name));
    });
    return events;
}

} // namespace portreg::query
