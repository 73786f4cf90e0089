// history port|service|person: every release in which what the registry
// said about a port, a service name or a person changed. The versions that
// ever held the subject and their spans give the releases where something
// changed; the diff engine says what, in the terms of a change report.

#include "change_loader.hpp"
#include "column_choice.hpp"
#include "command.hpp"
#include "commands.hpp"
#include "history_table.hpp"
#include "record_lookup.hpp"
#include "report_writers.hpp"

#include "portreg/embedded_sql.hpp"
#include "portreg/error.hpp"
#include "portreg/text.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <fnmatch.h>
#include <limits>
#include <map>
#include <set>

namespace portreg::query {

namespace {

struct VersionSpan {
    std::int64_t item, lo, hi;
};

std::vector<VersionSpan> spans_of(SQLite::Statement& st) {
    std::vector<VersionSpan> out;
    while (st.executeStep())
        out.push_back(
            {st.getColumn(0).getInt64(), st.getColumn(1).getInt64(), st.getColumn(2).getInt64()});
    return out;
}

// The releases where a version enters or leaves: the first of each span,
// and the one after its last.
std::vector<std::int64_t> change_points(const std::vector<VersionSpan>& spans,
                                        std::int64_t newest) {
    std::set<std::int64_t> points;
    for (const auto& s : spans) {
        points.insert(s.lo);
        if (s.hi < newest) points.insert(s.hi + 1);
    }
    return {points.begin(), points.end()};
}

std::vector<std::int64_t> members(const std::vector<VersionSpan>& spans, std::int64_t seq) {
    std::vector<std::int64_t> out;
    for (const auto& s : spans)
        if (s.lo <= seq && s.hi >= seq) out.push_back(s.item);
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::int64_t> minus(const std::vector<std::int64_t>& a,
                                const std::vector<std::int64_t>& b) {
    std::vector<std::int64_t> out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

template <typename T>
std::vector<T> pick(const std::map<std::int64_t, T>& all, const std::vector<std::int64_t>& ids) {
    std::vector<T> out;
    for (auto id : ids)
        out.push_back(all.at(id));
    return out;
}

class History {
public:
    explicit History(QueryContext& ctx) : ctx_(ctx), reader_(ctx.db) {
        for (auto& r : reader_.releases())
            releases_.emplace(r.seq, std::move(r));
        if (releases_.empty())
            throw Error("the database holds no releases yet (add some with portreg-import)");
        newest_ = releases_.rbegin()->first;
        first_ = releases_.begin()->first;
        table_ = ctx.format == Format::text;
        json_ = ctx.format == Format::json || ctx.format == Format::jsonl;
        if (table_)
            header_ = {"DATE", "HASH", "PORT", "EVENT", "SERVICE", "DETAIL"};
        else if (json_)
            header_ = {"registry_date", "sha256", "port_low", "port_high",
                       "transport",     "event",  "service",  "detail"};
        else if (ctx.format == Format::html)
            header_ = {"Date", "Hash", "Port", "Event", "Service", "Detail"};
        else
            header_ = {"registry_date", "sha256", "port", "event", "service", "detail"};
        // For people, a hash's start names a release well enough.
        short_hash_ = table_ || ctx.format == Format::html;
    }

    // The record versions of `spans`, release by release; `keep` picks the
    // events worth telling, `clip` limits them to some ports.
    template <typename Keep>
    void records(const std::vector<VersionSpan>& spans, Keep keep,
                 std::optional<PortRange> clip = std::nullopt) {
        auto all = records_of(spans);
        for (auto p : change_points(spans, newest_)) {
            auto after = members(spans, p);
            if (p == first_) {
                for (const auto& r : pick(all, after))
                    listed(p, *r);
                continue;
            }
            auto before = members(spans, p - 1);
            auto changes =
                record_changes(pick(all, minus(before, after)), pick(all, minus(after, before)));
            if (changes.empty()) continue;
            EventContext context;
            if (clip) {
                context.from_records = pick(all, before);
                context.to_records = pick(all, after);
            } else {
                auto ports = touched_ports(changes);
                context.from_records = records_covering(ctx_.db, p - 1, ports);
                context.to_records = records_covering(ctx_.db, p, ports);
            }
            context.name_in_from = name_registered(ctx_.db, p - 1);
            context.name_in_to = name_registered(ctx_.db, p);
            context.clip = clip;
            for (const auto& e : change_events(changes, context))
                if (keep(e))
                    rows(p, &e, {kind_name(e.kind), event_subject(e)}, event_detail(e), e.fields);
        }
    }

    void people(const std::vector<VersionSpan>& spans) {
        auto ids = items(spans);
        std::map<std::int64_t, PersonPtr> all;
        auto people = reader_.people_listed(ids);
        for (std::size_t i = 0; i < ids.size(); ++i)
            all.emplace(ids[i], people[i]);
        for (auto p : change_points(spans, newest_)) {
            auto [before, after] = around(spans, p);
            for (const auto& c :
                 people_changes(pick(all, minus(before, after)), pick(all, minus(after, before)))) {
                const auto& who = c.new_person ? *c.new_person : *c.old_person;
                auto detail =
                    c.kind == PersonChange::Kind::added
                        ? (who.name.empty() || who.org.empty() ? who.name + who.org
                                                               : who.name + ", " + who.org)
                        : "";
                rows(p, nullptr,
                     {p == first_ ? "person listed" : std::string("person ") + kind_name(c.kind),
                      who.id},
                     detail, c.fields);
            }
        }
    }

    // The records naming a person as assignee or contact, as they come
    // (record added), go (record removed) or change.
    void naming(const std::vector<VersionSpan>& spans) {
        auto all = records_of(spans);
        for (auto p : change_points(spans, newest_)) {
            auto [before, after] = around(spans, p);
            for (const auto& c :
                 record_changes(pick(all, minus(before, after)), pick(all, minus(after, before)))) {
                auto e = record_event(Event::Kind::modified,
                                      c.new_record ? *c.new_record : *c.old_record);
                std::string what =
                    std::string("record ") + (p == first_ ? "listed" : kind_name(c.kind));
                rows(p, &e, {what, event_subject(e)}, "", c.fields);
            }
        }
    }

    int write() {
        // Into a pipe, a table's cells are whole; on a terminal, fitted to it.
        const bool fit = table_ && ctx_.terminal;
        auto table = history_table(header_, std::move(rows_), fit ? ctx_.width : 0);
        if (json_) // what a row lacks (a person's change has no port) is null
            table.json_types = {JsonType::text,          JsonType::text,          JsonType::number,
                                JsonType::number,        JsonType::optional_text, JsonType::text,
                                JsonType::optional_text, JsonType::optional_text};
        if (ctx_.link_to && ctx_.format == Format::html) link_diffs(table);
        if (!ctx_.columns.empty())
            table = with_columns(table, header_columns(table.header, ctx_.columns));
        write_table(ctx_.out, ctx_.format, table,
                    fit ? ctx_.width : std::numeric_limits<int>::max());
        return table.rows.empty() ? 1 : 0;
    }

private:
    // Each row's date links to its release's change report; the first
    // release's rows list what it held, with no release before to compare.
    void link_diffs(Table& table) const {
        const auto& first_hash = releases_.at(first_).sha256;
        for (const auto& row : table.rows) {
            const auto& hash = row[1];
            const bool first = first_hash.compare(0, hash.size(), hash) == 0;
            table.links.push_back({first ? "" : ctx_.link_to(LinkTo::diff, hash)});
        }
    }

    static std::vector<std::int64_t> items(const std::vector<VersionSpan>& spans) {
        std::vector<std::int64_t> ids;
        for (const auto& s : spans)
            ids.push_back(s.item);
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        return ids;
    }

    std::map<std::int64_t, RecordPtr> records_of(const std::vector<VersionSpan>& spans) {
        auto ids = items(spans);
        auto records = reader_.records_listed(ids);
        std::map<std::int64_t, RecordPtr> all;
        for (std::size_t i = 0; i < ids.size(); ++i)
            all.emplace(ids[i], records[i]);
        return all;
    }

    // The versions of a span set that release `p` and the one before hold.
    std::pair<std::vector<std::int64_t>, std::vector<std::int64_t>>
    around(const std::vector<VersionSpan>& spans, std::int64_t p) const {
        return {p == first_ ? std::vector<std::int64_t>{} : members(spans, p - 1),
                members(spans, p)};
    }

    void listed(std::int64_t seq, const Record& r) {
        auto e = record_event(Event::Kind::modified, r);
        rows(seq, &e, {"listed", event_subject(e)}, r.name.empty() ? "" : r.description, {});
    }

    // Where an event is: "11434/tcp", or in JSON the ports and transport
    // apart, as the diff's events have them; nowhere for a person.
    std::vector<std::string> where_cells(const Event* e) const {
        if (!json_) return {e ? where_text(*e) : ""};
        if (!e || !e->port) return {"", "", e ? e->transport : ""};
        return {std::to_string(e->port->low), std::to_string(e->port->high), e->transport};
    }

    // The rows of one change (where, then event and subject): one a changed
    // field, else one with `detail`. Rows are told in history order,
    // whichever pass found them.
    void rows(std::int64_t seq, const Event* where, const std::vector<std::string>& change,
              const std::string& detail, const std::vector<FieldChange>& fields) {
        const auto& rel = releases_.at(seq);
        std::vector<std::string> cells = {rel.registry_date,
                                          short_hash_ ? rel.sha256.substr(0, 8) : rel.sha256};
        const auto place = where_cells(where);
        cells.insert(cells.end(), place.begin(), place.end());
        cells.insert(cells.end(), change.begin(), change.end());
        cells.push_back(detail);
        if (fields.empty()) rows_.push_back({seq, cells, std::nullopt});
        for (const auto& f : fields)
            rows_.push_back({seq, cells, f});
    }

    QueryContext& ctx_;
    SnapshotReader reader_;
    std::map<std::int64_t, ReleaseInfo> releases_;
    std::int64_t newest_ = 0, first_ = 0;
    bool table_ = false, json_ = false, short_hash_ = false;
    std::vector<HistoryRow> rows_;
    std::vector<std::string> header_;
};

// What ports and transports cover: a port or a range, on a transport or any.
int port_history(QueryContext& ctx, const std::string& subject) {
    auto spec = parse_port_spec(subject);
    History h(ctx);
    SQLite::Statement st(ctx.db, sql::statement("history.port_spans"));
    st.bind(1, spec.range.low);
    st.bind(2, spec.range.high);
    if (spec.transport.empty())
        st.bind(3);
    else
        st.bind(3, spec.transport);
    h.records(
        spans_of(st),
        [&](const Event& e) {
            return spec.transport.empty() || e.transport.empty() || e.transport == spec.transport;
        },
        spec.range);
    return h.write();
}

// What a service name, or the names a pattern matches, were given or lost.
int service_history(QueryContext& ctx, const std::string& subject) {
    const bool pattern = is_name_pattern(subject);
    History h(ctx);
    SQLite::Statement st(
        ctx.db, sql::statement(pattern ? "history.service_glob_spans" : "history.service_spans"));
    st.bind(1, subject);
    // As the statements match: GLOB without escapes, ignoring ASCII case.
    const auto wanted = ascii_lower(subject);
    auto matches = [&](const std::string& name) {
        return !name.empty() &&
               fnmatch(wanted.c_str(), ascii_lower(name).c_str(), FNM_NOESCAPE) == 0;
    };
    h.records(spans_of(st), [&](const Event& e) { return matches(e.name) || matches(e.old_name); });
    return h.write();
}

} // namespace

int run_history(QueryContext& ctx, const std::string& what, const std::string& subject) {
    if (what == "port") return port_history(ctx, subject);
    if (what == "service") return service_history(ctx, subject);
    if (what == "person") {
        History h(ctx);
        // Ids are compared without regard to case, as `person` does.
        SQLite::Statement is(ctx.db, sql::statement("history.person_id"));
        is.bind(1, subject);
        auto id = is.executeStep() ? is.getColumn(0).getString() : subject;
        SQLite::Statement ps(ctx.db, sql::statement("history.person_spans"));
        ps.bind(1, id);
        h.people(spans_of(ps));
        SQLite::Statement rs(ctx.db, sql::statement("history.naming_spans"));
        rs.bind(1, id);
        h.naming(spans_of(rs));
        return h.write();
    }
    throw UsageError("history takes port, service or person, not \"" + what + "\"");
}

namespace {

class HistoryCommand final : public Command {
    std::string what_, subject_;
    CommandSpec spec() override {
        CommandSpec command(
            "history",
            "every release that changed what the registry says of a port, service or person");
        command.value("what", what_, "port, service or person")
            .required()
            .one_of({"port", "service", "person"});
        command
            .value("subject", subject_,
                   "11434, 11434/tcp, 4200-4299, a service name or pattern (http*), a person id")
            .required();
        return command;
    }
    int run(QueryContext& ctx) override { return run_history(ctx, what_, subject_); }
};

} // namespace

std::unique_ptr<Command> history_command() {
    return std::make_unique<HistoryCommand>();
}

} // namespace portreg::query
