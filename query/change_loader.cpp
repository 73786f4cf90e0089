#include "change_loader.hpp"
#include "record_lookup.hpp"

#include "portreg/database.hpp"
#include "portreg/embedded_sql.hpp"

#include <SQLiteCpp/Statement.h>

#include <memory>
#include <set>

namespace portreg::query {

namespace {

// Beyond this many port ranges, one read of the whole snapshot is cheaper
// than a lookup per range.
constexpr std::size_t ranges_worth_looking_up = 48;

std::vector<std::int64_t> versions(SQLite::Database& db, const char* statement, std::int64_t from,
                                   std::int64_t to, ItemKind kind) {
    SQLite::Statement st(db, sql::statement(statement));
    st.bind(1, from);
    st.bind(2, to);
    st.bind(3, static_cast<int>(kind));
    return ids_of(st);
}

} // namespace

std::vector<RecordPtr> records_covering(SQLite::Database& db, std::int64_t seq,
                                        const std::vector<PortRange>& ranges) {
    SnapshotReader reader(db);
    if (ranges.size() > ranges_worth_looking_up) return reader.records(seq);
    std::vector<std::int64_t> ids;
    std::set<std::int64_t> seen;
    SQLite::Statement st(db, sql::statement("query.ids_by_port"));
    for (const auto& range : ranges) {
        st.bind(1, seq);
        st.bind(2, range.low);
        st.bind(3, range.high);
        st.bind(4); // any transport
        while (st.executeStep()) {
            auto id = st.getColumn(0).getInt64();
            if (seen.insert(id).second) ids.push_back(id);
        }
        st.reset();
    }
    return reader.records(seq, ids);
}

std::function<bool(const std::string&)> name_registered(SQLite::Database& db, std::int64_t seq) {
    auto st = std::make_shared<SQLite::Statement>(db, sql::statement("query.ids_by_name"));
    return [st, seq](const std::string& name) {
        st->reset();
        st->bind(1, seq);
        st->bind(2, name);
        return st->executeStep();
    };
}

ChangeReport diff_snapshots(SQLite::Database& db, const ReleaseInfo& from, const ReleaseInfo& to) {
    ChangeReport report;
    report.from = from;
    report.to = to;
    SnapshotReader reader(db);
    auto gone =
        reader.records_listed(versions(db, "diff.leaving", from.seq, to.seq, ItemKind::record));
    auto come =
        reader.records_listed(versions(db, "diff.entering", from.seq, to.seq, ItemKind::record));
    report.records = record_changes(gone, come);

    auto ports = touched_ports(report.records);
    EventContext context;
    context.from_records = records_covering(db, from.seq, ports);
    context.to_records = records_covering(db, to.seq, ports);
    context.name_in_from = name_registered(db, from.seq);
    context.name_in_to = name_registered(db, to.seq);
    report.events = change_events(report.records, context);

    report.people_compared = from.format == "xml" && to.format == "xml";
    if (report.people_compared)
        report.people = people_changes(
            reader.people_listed(versions(db, "diff.leaving", from.seq, to.seq, ItemKind::person)),
            reader.people_listed(
                versions(db, "diff.entering", from.seq, to.seq, ItemKind::person)));
    report.registry_compared = from.meta_id && to.meta_id;
    if (report.registry_compared && *from.meta_id != *to.meta_id)
        report.registry = registry_changes(reader.meta(*from.meta_id), reader.meta(*to.meta_id));
    return report;
}

} // namespace portreg::query
