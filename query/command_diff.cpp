#include "commands.hpp"
#include "output.hpp"

#include "portreg/error.hpp"
#include "portreg/render.hpp"

#include <nlohmann/json.hpp>

#include <map>

namespace portreg::query {

namespace {

using nlohmann::json;

// A record's identity across releases: service name (ignoring case),
// transport and ports. Records that keep it but change are "modified".
std::string key_of(const Record& r) {
    std::string key;
    for (char c : r.name)
        key.push_back(char(std::tolower(static_cast<unsigned char>(c))));
    key += '|' + r.transport + '|';
    if (r.port) key += std::to_string(r.port->low) + '-' + std::to_string(r.port->high);
    return key;
}

json snapshot_json(const ReleaseInfo& r) {
    return {{"registry_date", r.registry_date}, {"sha256", r.sha256}, {"format", r.format}};
}

struct Change {
    std::string kind; // added, removed, modified
    RecordPtr old_record, new_record;
    std::vector<std::string> fields;
};

// Rule 1 of a change report: every record of FROM not in TO (compared on
// the 12 rendered columns) once as an old side, every record of TO not in
// FROM once as a new side; an old and a new side with the same key pair up
// as one modification, in registry order.
std::vector<Change> record_changes(const std::vector<RecordPtr>& from,
                                   const std::vector<RecordPtr>& to) {
    std::map<Columns, int> in_to;
    for (const auto& r : to)
        ++in_to[render_record(*r)];
    std::map<Columns, int> in_from;
    for (const auto& r : from)
        ++in_from[render_record(*r)];
    std::vector<RecordPtr> gone, come;
    for (const auto& r : from)
        if (in_to[render_record(*r)]-- <= 0) gone.push_back(r);
    for (const auto& r : to)
        if (in_from[render_record(*r)]-- <= 0) come.push_back(r);

    std::multimap<std::string, std::size_t> gone_by_key;
    for (std::size_t i = 0; i < gone.size(); ++i)
        gone_by_key.emplace(key_of(*gone[i]), i);
    std::vector<bool> paired(gone.size(), false);
    std::vector<Change> changes;
    for (const auto& r : come) {
        auto it = gone_by_key.find(key_of(*r));
        if (it == gone_by_key.end()) {
            changes.push_back({"added", nullptr, r, {}});
            continue;
        }
        Change c{"modified", gone[it->second], r, {}};
        paired[it->second] = true;
        gone_by_key.erase(it);
        auto a = render_record(*c.old_record), b = render_record(*c.new_record);
        for (std::size_t i = 0; i < column_count; ++i)
            if (a[i] != b[i]) c.fields.emplace_back(column_names()[i]);
        changes.push_back(std::move(c));
    }
    for (std::size_t i = 0; i < gone.size(); ++i)
        if (!paired[i]) changes.push_back({"removed", gone[i], nullptr, {}});
    return changes;
}

ReleaseInfo resolve(QueryContext& ctx, const std::string& which) {
    GlobalOptions options;
    if (which.size() == 10 && which[4] == '-')
        options.as_of = which;
    else
        options.snapshot = which;
    return choose_snapshot(ctx.db, options);
}

} // namespace

int run_diff(QueryContext& ctx, const std::string& from_arg, const std::string& to_arg) {
    SnapshotReader reader(ctx.db);
    ReleaseInfo to = to_arg.empty() ? ctx.snapshot() : resolve(ctx, to_arg);
    ReleaseInfo from;
    if (from_arg.empty()) {
        auto before = reader.release_at(to.seq - 1);
        if (!before) throw Error("no release before " + to.registry_date + " to compare with");
        from = *before;
    } else {
        from = resolve(ctx, from_arg);
    }
    if (from.seq > to.seq)
        throw UsageError("FROM (" + from.registry_date + ") comes after TO (" + to.registry_date +
                         ")");
    auto changes = record_changes(reader.records(from.seq), reader.records(to.seq));
    std::map<std::string, int> summary;
    for (const auto& c : changes)
        ++summary[c.kind];

    if (ctx.format == Format::json || ctx.format == Format::jsonl) {
        json records = json::array();
        for (const auto& c : changes) {
            json j = {{"change", c.kind}, {"fields", c.fields}};
            j["old"] = c.old_record ? record_json(*c.old_record) : json(nullptr);
            j["new"] = c.new_record ? record_json(*c.new_record) : json(nullptr);
            records.push_back(std::move(j));
        }
        json out = {{"from", snapshot_json(from)},
                    {"to", snapshot_json(to)},
                    {"summary",
                     {{"added", summary["added"]},
                      {"removed", summary["removed"]},
                      {"modified", summary["modified"]}}},
                    {"records", records}};
        ctx.out << (ctx.format == Format::json ? out.dump(2) : out.dump()) << '\n';
    } else {
        ctx.out << from.registry_date << ' ' << from.sha256.substr(0, 8) << " -> "
                << to.registry_date << ' ' << to.sha256.substr(0, 8) << ": " << summary["added"]
                << " added, " << summary["removed"] << " removed, " << summary["modified"]
                << " modified\n";
        for (const auto& c : changes) {
            const auto& r = c.new_record ? *c.new_record : *c.old_record;
            auto cols = render_record(r);
            ctx.out << "  " << c.kind << "  " << (cols[1].empty() ? "-" : cols[1])
                    << (cols[2].empty() ? "" : "/" + cols[2]) << "  "
                    << (cols[0].empty() ? "(" + cols[3] + ")" : cols[0]);
            if (!c.fields.empty()) {
                ctx.out << "  [";
                for (std::size_t i = 0; i < c.fields.size(); ++i)
                    ctx.out << (i ? ", " : "") << c.fields[i];
                ctx.out << ']';
            }
            ctx.out << '\n';
        }
    }
    return changes.empty() ? 1 : 0;
}

} // namespace portreg::query
