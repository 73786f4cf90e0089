#include "record_lookup.hpp"
#include "output.hpp"

#include "portreg/embedded_sql.hpp"
#include "portreg/error.hpp"
#include "portreg/text.hpp"
#include "portreg/values.hpp"

#include <nlohmann/json.hpp>

#include <set>

namespace portreg::query {

PortSpec parse_port_spec(const std::string& text) {
    PortSpec spec;
    auto slash = text.find('/');
    std::string ports = text.substr(0, slash);
    if (slash != std::string::npos) {
        // As service names, transports ignore case: 80/TCP is 80/tcp.
        spec.transport = ascii_lower(text.substr(slash + 1));
        if (!is_transport(spec.transport))
            throw UsageError("unknown transport \"" + spec.transport +
                             "\" (expected tcp, udp, sctp or dccp)");
    }
    auto range = parse_port_range(ports);
    if (!range) throw UsageError(port_range_problem(ports));
    spec.range = *range;
    return spec;
}

bool is_name_pattern(const std::string& name) {
    return name.find_first_of("*?[") != std::string::npos;
}

std::vector<std::int64_t> ids_of(SQLite::Statement& st) {
    std::vector<std::int64_t> ids;
    while (st.executeStep())
        ids.push_back(st.getColumn(0).getInt64());
    return ids;
}

std::vector<RecordPtr> records_on_ports(QueryContext& ctx, const PortRange& range,
                                        const std::string& transport) {
    const auto seq = ctx.snapshot().seq;
    SQLite::Statement st(ctx.db, sql::statement("query.ids_by_port"));
    st.bind(1, seq);
    st.bind(2, range.low);
    st.bind(3, range.high);
    if (transport.empty())
        st.bind(4);
    else
        st.bind(4, transport);
    return SnapshotReader(ctx.db).records(seq, ids_of(st));
}

std::vector<RecordPtr> records_named(QueryContext& ctx, const std::string& name, bool glob) {
    const auto seq = ctx.snapshot().seq;
    SQLite::Statement st(ctx.db,
                         sql::statement(glob ? "query.ids_by_name_glob" : "query.ids_by_name"));
    st.bind(1, seq);
    st.bind(2, name);
    return SnapshotReader(ctx.db).records(seq, ids_of(st));
}

namespace {

std::vector<PersonPtr> load_people(QueryContext& ctx, SQLite::Statement& st) {
    std::vector<PersonPtr> out;
    SQLite::Statement uris(ctx.db, sql::statement("query.person_uris"));
    auto text = [](const SQLite::Column& c) { return c.isNull() ? std::string() : c.getString(); };
    while (st.executeStep()) {
        auto p = std::make_shared<Person>();
        p->id = text(st.getColumn(1));
        p->name = text(st.getColumn(2));
        p->org = text(st.getColumn(3));
        p->updated = text(st.getColumn(4));
        uris.bind(1, st.getColumn(0).getInt64());
        while (uris.executeStep())
            p->uris.push_back(uris.getColumn(0).getString());
        uris.reset();
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace

std::vector<PersonPtr> people_with_ids(QueryContext& ctx, const std::vector<std::string>& ids) {
    if (ids.empty()) return {};
    nlohmann::json list = ids;
    SQLite::Statement st(ctx.db, sql::statement("query.people_by_id"));
    st.bind(1, ctx.snapshot().seq);
    // An id that is not UTF-8 (a URL's %FF) names nobody, rather than
    // failing the JSON it is handed over in.
    st.bind(2, list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return load_people(ctx, st);
}

std::vector<PersonPtr> people_matching(QueryContext& ctx, const std::string& text) {
    SQLite::Statement st(ctx.db, sql::statement("query.people_matching"));
    st.bind(1, ctx.snapshot().seq);
    st.bind(2, text);
    return load_people(ctx, st);
}

std::vector<std::string> people_named(const Record& r) {
    std::vector<std::string> ids;
    for (const auto* list : {&r.assignee, &r.own})
        for (const auto& x : *list)
            if (x.type == "person") ids.push_back(x.data);
    return ids;
}

std::string nearest_suffix(QueryContext& ctx, const char* statement, const std::string& word) {
    SQLite::Statement st(ctx.db, sql::statement(statement));
    st.bind(1, ctx.snapshot().seq);
    std::vector<std::string> words;
    while (st.executeStep())
        words.push_back(st.getColumn(0).getString());
    const auto nearest = nearest_word(word, words);
    return nearest.empty() ? "" : "; nearest: " + nearest;
}

void write_found(QueryContext& ctx, const std::vector<RecordPtr>& records,
                 const std::string& none_found) {
    if (!records.empty()) {
        const auto shown = ctx.on_page(records); // the page's people alone follow
        return write_records_and_people(ctx, shown, people_of(ctx, shown));
    }
    if (ctx.format != Format::text) write_records(ctx, records);
    throw NotFound(none_found);
}

std::vector<PersonPtr> people_of(QueryContext& ctx, const std::vector<RecordPtr>& records) {
    if (!for_people(ctx.format)) return {};
    std::vector<std::string> ids;
    std::set<std::string> seen;
    for (const auto& r : records)
        for (auto& id : people_named(*r))
            if (seen.insert(id).second) ids.push_back(id);
    if (ids.empty()) return {};
    // Records name people by their ids exactly: the index finds them.
    SQLite::Statement st(ctx.db, sql::statement("query.people_by_exact_id"));
    st.bind(1, ctx.snapshot().seq);
    st.bind(2, nlohmann::json(ids).dump());
    return load_people(ctx, st);
}

} // namespace portreg::query
