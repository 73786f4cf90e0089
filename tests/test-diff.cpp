// The diff engine on records made here: rule 1, and each kind of event.

#include "change_engine.hpp"
#include "commands.hpp"
#include "field_change_text.hpp"
#include "history_table.hpp"
#include "release_reader.hpp"
#include "report_writers.hpp"
#include "support.hpp"
#include "terminal_table.hpp"

#include "portreg/database.hpp"
#include "portreg/digest.hpp"
#include "portreg/history_store.hpp"
#include "portreg/render.hpp"
#include "portreg/values.hpp"

#include <SQLiteCpp/Statement.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <sstream>

using namespace portreg;
using namespace portreg::query;

namespace {

RecordPtr rec(const std::string& name, int low, int high, const std::string& transport,
              const std::string& description) {
    auto r = std::make_shared<Record>();
    r->name = name;
    if (low >= 0) {
        r->port = PortRange{low, high};
        r->number = format_port_range(*r->port);
    }
    r->transport = transport;
    r->description = description;
    return r;
}

RecordPtr unassigned(int low, int high) {
    return rec("", low, high, "", "Unassigned");
}

// The events between two snapshots given whole; names are looked up in them.
std::vector<Event> events(const std::vector<RecordPtr>& from, const std::vector<RecordPtr>& to) {
    std::vector<RecordPtr> gone, come;
    for (const auto& r : from)
        if (std::find(to.begin(), to.end(), r) == to.end()) gone.push_back(r);
    for (const auto& r : to)
        if (std::find(from.begin(), from.end(), r) == from.end()) come.push_back(r);
    auto has = [](const std::vector<RecordPtr>& side) {
        return [&side](const std::string& name) {
            return std::any_of(side.begin(), side.end(),
                               [&](const RecordPtr& r) { return r->name == name; });
        };
    };
    EventContext context;
    context.from_records = from;
    context.to_records = to;
    context.name_in_from = has(from);
    context.name_in_to = has(to);
    return change_events(record_changes(gone, come), context);
}

// What `diff --format text` writes after the summary line, `width` wide.
std::string after_summary(const ChangeReport& report, int width = 0) {
    std::ostringstream out;
    write_report_text(out, report, width);
    auto text = out.str();
    return text.substr(text.find('\n') + 1);
}

// One line per event (and its changed columns), as `diff --format text`.
std::string lines(const std::vector<Event>& events) {
    ChangeReport report;
    report.events = events;
    report.from.sha256 = report.to.sha256 = "00000000";
    return after_summary(report);
}

} // namespace

TEST_CASE("rule 1: versions that render the same cancel, and edits pair by name, transport, port") {
    auto a = rec("finger", 79, 79, "tcp", "Finger");
    auto a_same = rec("finger", 79, 79, "tcp", "Finger"); // another version, same columns
    auto a_edit = rec("FINGER", 79, 79, "tcp", "Finger User Information");
    auto b = rec("gopher", 70, 70, "tcp", "Gopher");
    auto c = rec("new", 80, 80, "udp", "New");
    CHECK(record_changes({a}, {a_same}).empty());
    auto changes = record_changes({a, b}, {a_edit, c});
    REQUIRE(changes.size() == 3);
    CHECK(changes[0].kind == RecordChange::Kind::modified);
    CHECK(changes[0].old_record == a);
    CHECK(changes[0].fields ==
          std::vector<FieldChange>{{"Service Name", "finger", "FINGER"},
                                   {"Description", "Finger", "Finger User Information"}});
    CHECK(changes[1].kind == RecordChange::Kind::added);
    CHECK(changes[1].new_record == c);
    CHECK(changes[2].kind == RecordChange::Kind::removed);
    CHECK(changes[2].old_record == b);
    // Two equal rows on one side and one on the other: one old side is left.
    auto twice = record_changes({a, a_same}, {a});
    REQUIRE(twice.size() == 1);
    CHECK(twice[0].kind == RecordChange::Kind::removed);
}

// IANA writes some one-port numbers as a range (4748-4748): the same
// record written the other way is modified in its Port Number.
TEST_CASE("a number written N-N instead of N is a modified Port Number") {
    auto plain = rec("shofar", 4748, 4748, "tcp", "Shofar");
    auto ranged = std::make_shared<Record>(*plain);
    ranged->number = "4748-4748";
    auto changes = record_changes({plain}, {ranged});
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].kind == RecordChange::Kind::modified);
    CHECK(changes[0].fields == std::vector<FieldChange>{{"Port Number", "4748", "4748-4748"}});
    CHECK(render_record(*ranged)[1] == "4748-4748");
}

TEST_CASE("an assignment out of an Unassigned range is one event, not the split") {
    // As 2026-02-02 did for ollama.
    auto range = unassigned(11431, 11488);
    auto ollama = rec("ollama", 11434, 11434, "tcp", "Ollama");
    auto reserved = rec("", 11434, 11434, "udp", "Reserved");
    auto got =
        events({range}, {unassigned(11431, 11433), ollama, reserved, unassigned(11435, 11488)});
    CHECK(lines(got) == "  11434/tcp  assigned  ollama  (was Unassigned 11431-11488)\n"
                        "  11434/udp  reserved  (was Unassigned 11431-11488)\n");
}

TEST_CASE("released, lost, gained, renamed") {
    auto old_tcp = rec("old", 5000, 5000, "tcp", "Old");
    auto old_udp = rec("old", 5000, 5000, "udp", "Old");
    auto keep = rec("keep", 6000, 6000, "tcp", "Keep");
    auto keep_udp = rec("keep", 6000, 6000, "udp", "Keep");
    auto renamed = rec("fresh", 7000, 7000, "tcp", "Fresh");
    auto before_name = rec("stale", 7000, 7000, "tcp", "Stale");
    auto got = events(
        {old_tcp, old_udp, keep, before_name, unassigned(6001, 6010)},
        {rec("", 5000, 5000, "", "Reserved"), keep, keep_udp, renamed, unassigned(6001, 6010)});
    // The Reserved row has no transport: it reserves 5000 on SCTP and DCCP too.
    CHECK(lines(got) == "  6000/udp   gained    keep  (was no row)\n"
                        "  7000/tcp   renamed   stale -> fresh\n"
                        "  5000/tcp   released  old  (now Reserved 5000)\n"
                        "  5000/udp   released  old  (now Reserved 5000)\n"
                        "  5000/sctp  reserved  (was no row)\n"
                        "  5000/dccp  reserved  (was no row)\n");
    // A service that keeps a port elsewhere lost this one.
    auto moved = events({old_tcp, keep}, {rec("old", 5001, 5001, "tcp", "Old"), keep});
    CHECK(lines(moved) == "  5001/tcp  gained  old  (was no row)\n"
                          "  5000/tcp  lost    old  (now no row)\n");
}

TEST_CASE("a port range on every transport is one event, and reserved and unreserved") {
    auto vrml = rec("vrml-multi-use", 4200, 4299, "", "VRML Multi User Systems");
    CHECK(lines(events({unassigned(4200, 4299)}, {vrml})) ==
          "  4200-4299  assigned  vrml-multi-use  (was Unassigned 4200-4299)\n");
    auto reserved = rec("", 1000, 1000, "", "Reserved");
    CHECK(lines(events({unassigned(1000, 1000)}, {reserved})) ==
          "  1000  reserved  (was Unassigned 1000)\n");
    CHECK(lines(events({reserved}, {unassigned(1000, 1000)})) ==
          "  1000  unreserved  (now Unassigned 1000)\n");
    // Unassigned rows merged or split alone say nothing new.
    CHECK(events({unassigned(1, 5), unassigned(6, 9)}, {unassigned(1, 9)}).empty());
}

TEST_CASE("name-only registrations, modifications, and what no event explains") {
    auto name_only = rec("s2connect", -1, -1, "tcp", "S2 Connect");
    auto udpstp = rec("udpstp", 24601, 24601, "udp", "UDP STP");
    auto udpstp2 = rec("udpstp", 24601, 24601, "udp", "UDP Simple Transfer Protocol");
    // A name without a port is written as IANA lists it: no port number.
    CHECK(lines(events({udpstp}, {udpstp2, name_only})) ==
          "  tcp        name-added  s2connect\n"
          "  24601/udp  modified    udpstp\n"
          "      Description: UDP STP -> UDP Simple Transfer Protocol\n");
    CHECK(lines(events({name_only}, {})) == "  tcp  name-removed  s2connect\n");
    // A second row of a name already on the port changes no holder.
    auto dup = rec("udpstp", 24601, 24601, "udp", "another row");
    CHECK(lines(events({udpstp}, {udpstp, dup})) == "  24601/udp  added  udpstp\n");
}

TEST_CASE("events can be limited to some ports") {
    auto range = unassigned(100, 200);
    auto svc = rec("svc", 150, 150, "tcp", "Svc");
    auto far = rec("far", 190, 190, "tcp", "Far");
    std::vector<RecordPtr> from = {range}, to = {unassigned(100, 149), svc, unassigned(151, 189),
                                                 far, unassigned(191, 200)};
    std::vector<RecordPtr> come(to.begin(), to.end());
    EventContext context;
    context.from_records = from;
    context.to_records = to;
    context.name_in_from = [](const std::string&) { return false; };
    context.name_in_to = [](const std::string&) { return true; };
    context.clip = PortRange{190, 190};
    auto got = change_events(record_changes(from, come), context);
    REQUIRE(got.size() == 1);
    CHECK(got[0].name == "far");
    CHECK(got[0].port == PortRange{190, 190});
}

TEST_CASE("people and registry changes") {
    auto p = [](const std::string& id, const std::string& name) {
        auto x = std::make_shared<Person>();
        x->id = id;
        x->name = name;
        return PersonPtr(x);
    };
    auto changes = people_changes({p("a", "A"), p("b", "B")}, {p("a", "A."), p("c", "C")});
    REQUIRE(changes.size() == 3);
    CHECK(changes[0].kind == PersonChange::Kind::changed);
    CHECK(changes[0].fields == std::vector<FieldChange>{{"name", "A", "A."}});
    CHECK(changes[1].kind == PersonChange::Kind::added);
    CHECK(changes[2].kind == PersonChange::Kind::removed);
    CHECK(people_changes({p("a", "A")}, {p("a", "A")}).empty());

    RegistryMeta from, to;
    from.expert = "Joe";
    to.expert = "Joe, Ann";
    to.notes.push_back({std::nullopt, "A new note", {}, {}});
    auto registry = registry_changes(from, to);
    REQUIRE(registry.size() == 2);
    CHECK(registry[0].what == "expert");
    CHECK(registry[1].what == "note 1");
    CHECK(registry[1].new_text == "A new note");
}

TEST_CASE("text reports give each changed column old and new, fitted to a terminal") {
    ChangeReport report;
    report.from.sha256 = report.to.sha256 = "00000000";
    auto epp = rec("epp", 700, 700, "udp", "Extensible Provisioning Protocol");
    auto epp_quic = std::make_shared<Record>(*epp);
    epp_quic->description = "EPP running over QUIC";
    epp_quic->assignee = {{"person", "IESG", "", ""}};
    epp_quic->has_assignee = true;
    report.events = events({epp}, {epp_quic});
    auto who = [](const std::string& name) {
        auto p = std::make_shared<Person>();
        p->id = "Jesse_Gross";
        p->name = "Jesse Gross";
        p->uris = {name};
        return PersonPtr(p);
    };
    report.people =
        people_changes({who("mailto:jgross&vmware.com")}, {who("mailto:jesse&kernel.org")});
    report.registry.push_back({"expert", "Joe Touch", ""});
    CHECK(after_summary(report) ==
          "  700/udp  modified  epp\n"
          "      Description: Extensible Provisioning Protocol -> EPP running over QUIC\n"
          "      Assignee: (none) -> [IESG]\n"
          "  person changed  Jesse_Gross\n"
          "      contact_uri: mailto:jgross&vmware.com -> mailto:jesse&kernel.org\n"
          "  registry changed\n"
          "      expert: Joe Touch -> (none)\n");
    // 56 columns: each changed column's line takes 50 after its indent,
    // both values shortened where they do not fit whole.
    CHECK(after_summary(report, 56) ==
          "  700/udp  modified  epp\n"
          "      Description: Extensible Prov\u2026 -> EPP running over\u2026\n"
          "      Assignee: (none) -> [IESG]\n"
          "  person changed  Jesse_Gross\n"
          "      contact_uri: mailto:jgross&v\u2026 -> mailto:jesse&ker\u2026\n"
          "  registry changed\n"
          "      expert: Joe Touch -> (none)\n");
}

TEST_CASE("a changed field fitted to a width shows where old and new differ") {
    FieldChange description{"Description", "UDP-based IP-Layer Capacity and performance protocol",
                            "UDP-based IP-Layer Capacity and Performance protocol"};
    CHECK(field_change_text(description, " -> ", 0) ==
          "Description: UDP-based IP-Layer Capacity and performance protocol -> "
          "UDP-based IP-Layer Capacity and Performance protocol");
    // They differ at column 32: each shows it, with a quarter of its width before.
    CHECK(field_change_text(description, " -> ", 57) ==
          "Description: \u2026 and performance p\u2026 -> \u2026 and Performance p\u2026");
    // A short value leaves the rest to the other; an empty one is "(none)".
    CHECK(field_change_text({"Reference", "[RFC5734]", "[RFC5734][RFC-ietf-regext-epp-quic-12]"},
                            " -> ", 40) == "Reference: [RFC5734] -> [RFC5734][RFC-i\u2026");
    CHECK(field_change_text({"Assignee", "", "[IESG]"}, " -> ", 40) ==
          "Assignee: (none) -> [IESG]");
    // Too narrow for both values: the line is cut at its end.
    CHECK(field_change_text(description, " -> ", 20) == "Description: UDP-ba\u2026");
    // Columns are code points, never a part of one.
    CHECK(shorten_at("\u00e9t\u00e9 \u00e0 Z\u00fcrich", 0, 5) == "\u00e9t\u00e9 \u2026");
    CHECK(shorten_at("abcdefghij", 8, 5) == "\u2026ghij");
    CHECK(columns_of("Z\u00fcrich \u2026") == 8);
}

TEST_CASE("history rows give one changed field each, fitted so that the row fits") {
    std::vector<HistoryRow> rows = {
        {2,
         {"2026-07-23", "b2fb1a02", "700/udp", "modified", "epp", ""},
         FieldChange{"Description", "Extensible Provisioning Protocol", "EPP running over QUIC"}},
        {1,
         {"2015-05-04", "400593f4", "700/udp", "listed", "epp", "Extensible Provisioning Protocol"},
         std::nullopt}};
    std::vector<std::string> header = {"DATE", "HASH", "PORT", "EVENT", "SERVICE", "DETAIL"};
    auto whole = history_table(header, rows, 0);
    REQUIRE(whole.rows.size() == 2);
    CHECK(whole.rows[0][0] == "2015-05-04"); // in history order
    CHECK(whole.rows[1][5] ==
          "Description: Extensible Provisioning Protocol -> EPP running over QUIC");
    // 100 columns: 10, 8, 7, 8 and 7 with two spaces after each leave 50.
    auto fitted = history_table(header, rows, 100);
    CHECK(fitted.rows[1][5] == "Description: Extensible Prov\u2026 -> EPP running over\u2026");
    CHECK(fitted.rows[0][5] == "Extensible Provisioning Protocol"); // the table cuts the rest
}

namespace {

using Rows = std::multiset<std::string>;

// A release's records as the importer rendered them, by plain SQL: the 12
// columns, each followed by a line feed.
Rows rendered_rows(SQLite::Database& db, std::int64_t seq) {
    SQLite::Statement st(db, "SELECT r.rendered FROM span s JOIN record r ON r.id = s.item "
                             "WHERE s.kind = 0 AND s.lo <= ?1 AND s.hi >= ?1");
    st.bind(1, seq);
    Rows rows;
    while (st.executeStep())
        rows.insert(st.getColumn(0).getString());
    return rows;
}

Rows minus(const Rows& a, const Rows& b) {
    Rows out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
    return out;
}

// A record of diff's JSON in the same form, from its snake_case columns.
std::string json_row(const nlohmann::json& record) {
    std::string row;
    for (const auto* name : column_names()) {
        std::string key;
        for (const char* c = name; *c; ++c)
            key += *c == ' ' ? '_' : char(std::tolower(static_cast<unsigned char>(*c)));
        const auto& value = record.at(key); // null: an empty column
        row += (value.is_null() ? std::string() : value.get<std::string>()) + '\n';
    }
    return row;
}

} // namespace

TEST_CASE("diff of every pair of neighbouring releases agrees with brute force", "[slow]") {
    test::TempDir dir;
    auto path = dir.file("h.db");
    {
        auto db = open_database(path, OpenMode::read_write);
        HistoryStore store(db);
        ReleaseReader reader;
        test::for_each_member(
            [](const std::string& name) { return name != "xml/2017-05-19-b0a43952.xml"; },
            [&](Input& in) { store.add(reader.read(in, to_hex(sha256(in.bytes)))); });
    }
    GlobalOptions options;
    options.database = path;
    std::ostringstream out;
    QueryContext ctx(options, Format::json, out, 80);
    auto releases = SnapshotReader(ctx.db).releases();
    REQUIRE(releases.size() == 678);
    Rows before = rendered_rows(ctx.db, releases[0].seq);
    std::size_t changed_pairs = 0;
    for (std::size_t i = 1; i < releases.size(); ++i) {
        INFO("from " << releases[i - 1].registry_date << " to " << releases[i].registry_date);
        Rows after = rendered_rows(ctx.db, releases[i].seq);
        out.str("");
        int rc = run_diff(ctx, std::to_string(releases[i - 1].id), std::to_string(releases[i].id));
        auto report = nlohmann::json::parse(out.str());
        Rows old_sides, new_sides;
        for (const auto& change : report["records"]) {
            if (!change["old"].is_null()) old_sides.insert(json_row(change["old"]));
            if (!change["new"].is_null()) new_sides.insert(json_row(change["new"]));
            if (change["change"] == "modified") {
                CHECK(change["old"]["port_number"] == change["new"]["port_number"]);
                CHECK(change["old"]["transport_protocol"] == change["new"]["transport_protocol"]);
                CHECK_FALSE(change["fields"].empty());
            }
        }
        // Rule 1: every row only FROM has once as an old side, every row
        // only TO has once as a new side, and nothing else.
        auto gone = minus(before, after), come = minus(after, before);
        REQUIRE(old_sides == gone);
        REQUIRE(new_sides == come);
        if (!gone.empty() || !come.empty()) {
            ++changed_pairs;
            CHECK(rc == 0);
        }
        // The release_changes view lists the same sides.
        SQLite::Statement view(ctx.db, "SELECT count(*) FILTER (WHERE side = 'old'), "
                                       "count(*) FILTER (WHERE side = 'new') "
                                       "FROM release_changes WHERE seq = ?1");
        view.bind(1, releases[i].seq);
        REQUIRE(view.executeStep());
        CHECK(view.getColumn(0).getInt64() == std::int64_t(gone.size()));
        CHECK(view.getColumn(1).getInt64() == std::int64_t(come.size()));
        before = std::move(after);
    }
    // Most releases change some record; a few change only people or spacing.
    CHECK(changed_pairs > 500);
}
