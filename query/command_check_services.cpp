// check-services: a services(5) file, such as /etc/services, against the
// chosen snapshot, which distribution maintainers otherwise compare by hand.

#include "change_report.hpp"
#include "command.hpp"
#include "output.hpp"
#include "record_lookup.hpp"
#include "report_writers.hpp"
#include "services_file.hpp"

#include "portreg/text.hpp"
#include "portreg/values.hpp"

#include <algorithm>
#include <iostream>
#include <set>

namespace portreg::query {

namespace {

// What the registry says against one entry; an empty problem: it agrees.
struct Verdict {
    std::string problem;
    std::string registry;
};

// "6000-6063/tcp", "3322-3325" (every transport), "tcp" (no port, as IANA
// lists a DNS-SD name), as the change reports write them.
std::string where(const Record& record) {
    return where_text(record_event(Event::Kind::modified, record));
}

// "80/tcp http www, 80/udp http": the records' ports, each with its names
// in registry order.
std::string ports_and_names(const std::vector<RecordPtr>& records) {
    std::vector<std::pair<std::string, std::vector<std::string>>> ports;
    for (const auto& r : records) {
        auto at = std::find_if(ports.begin(), ports.end(),
                               [&](const auto& port) { return port.first == where(*r); });
        if (at == ports.end()) at = ports.insert(ports.end(), {where(*r), {}});
        if (std::find(at->second.begin(), at->second.end(), r->name) == at->second.end())
            at->second.push_back(r->name);
    }
    std::string text;
    for (const auto& [port, names] : ports) {
        text += (text.empty() ? "" : ", ") + port;
        for (const auto& name : names)
            text += " " + name;
    }
    return text;
}

// The entry's name and aliases in lower case: RFC 6335's names ignore case.
std::vector<std::string> names_of(const ServicesEntry& entry) {
    std::vector<std::string> names = {ascii_lower(entry.name)};
    for (const auto& alias : entry.aliases)
        names.push_back(ascii_lower(alias));
    return names;
}

// The records of the first of the entry's names that the registry has.
std::vector<RecordPtr> name_elsewhere(QueryContext& ctx, const ServicesEntry& entry) {
    for (const auto& name : names_of(entry))
        if (auto records = records_named(ctx, name); !records.empty()) return records;
    return {};
}

// A port no service holds: the row that says so (Unassigned, Reserved, or
// another row without a name, such as De-registered), if there is one. The
// registry lists no dynamic port; its notes say they are not assigned.
Verdict unheld_port(const std::vector<RecordPtr>& rows, int port) {
    if (rows.empty() && port >= 49152) return {"unknown", "no record (49152-65535: dynamic ports)"};
    if (rows.empty()) return {"unknown", "no record"};
    const auto& row = *rows.front();
    const bool unassigned = ascii_lower(row.description).find("unassigned") != std::string::npos;
    return {unassigned ? "unassigned" : "reserved", where(row) + " " + row.description};
}

// The most telling disagreement first: another service on the port, then
// the name registered elsewhere, then what the registry says of the port.
Verdict check_entry(QueryContext& ctx, const ServicesEntry& entry) {
    if (!entry.problem.empty()) return {"unreadable", entry.problem};
    const auto transport = ascii_lower(entry.protocol);
    if (!is_transport(transport)) return {"unknown transport", "tcp, udp, sctp and dccp only"};
    const auto rows = records_on_ports(ctx, {entry.port, entry.port}, transport);
    std::vector<RecordPtr> holders;
    std::copy_if(rows.begin(), rows.end(), std::back_inserter(holders),
                 [](const RecordPtr& r) { return !r->name.empty(); });
    const auto names = names_of(entry);
    for (const auto& holder : holders)
        if (std::count(names.begin(), names.end(), ascii_lower(holder->name))) return {};
    if (!holders.empty()) return {"port taken", ports_and_names(holders)};
    if (auto elsewhere = name_elsewhere(ctx, entry); !elsewhere.empty())
        return {"name elsewhere", ports_and_names(elsewhere)};
    return unheld_port(rows, entry.port);
}

// The header of a table: capitals for people, lower case for programs.
std::vector<std::string> header(Format format, std::vector<std::string> names) {
    if (format != Format::text)
        for (auto& name : names)
            name = ascii_lower(name);
    return names;
}

std::string entry_text(const ServicesEntry& entry) {
    if (!entry.problem.empty()) return entry.text;
    return entry.name + " " + std::to_string(entry.port) + "/" + entry.protocol;
}

int check_entries(QueryContext& ctx, const std::string& file,
                  const std::vector<ServicesEntry>& entries) {
    Table table;
    table.header = header(ctx.format, {"LINE", "ENTRY", "PROBLEM", "REGISTRY"});
    for (const auto& entry : entries) {
        auto verdict = check_entry(ctx, entry);
        if (verdict.problem.empty()) continue;
        table.rows.push_back(
            {std::to_string(entry.line), entry_text(entry), verdict.problem, verdict.registry});
    }
    table.json_types = {JsonType::number};
    table.fits.assign(4, Fit::wrap); // what the registry says, whole
    write_table(ctx, table);
    const auto disagree = table.rows.size();
    ctx.out.flush(); // the summary comes after the rows
    std::cerr << file << ": " << entries.size() << " entries, " << entries.size() - disagree
              << " agree, " << disagree << " disagree (release " << release_label(ctx.snapshot())
              << ")\n";
    return disagree ? 1 : 0;
}

// The registry's named single ports that no entry lists on their transport.
int list_missing(QueryContext& ctx, const std::string& file,
                 const std::vector<ServicesEntry>& entries) {
    std::set<std::pair<int, std::string>> listed;
    for (const auto& entry : entries)
        if (entry.problem.empty()) listed.emplace(entry.port, ascii_lower(entry.protocol));
    const auto ports = service_ports(SnapshotReader(ctx.db).records(ctx.snapshot().seq));
    Table table;
    table.header = header(ctx.format, {"SERVICE", "PORT", "TRANSPORT", "DESCRIPTION"});
    for (const auto& p : ports)
        if (!listed.count({p.port, p.transport}))
            table.rows.push_back({p.names[0], std::to_string(p.port), p.transport, p.description});
    table.json_types = {JsonType::text, JsonType::number};
    table.fits = {Fit::wrap, Fit::wrap, Fit::wrap, Fit::shorten};
    write_table(ctx, table);
    ctx.out.flush();
    std::cerr << file << ": " << entries.size() << " entries, " << table.rows.size()
              << " of the registry's " << ports.size()
              << " named ports and transports missing (release " << release_label(ctx.snapshot())
              << ")\n";
    return table.rows.empty() ? 0 : 1;
}

class CheckServicesCommand final : public Command {
    std::string file_ = "/etc/services";
    bool missing_ = false;
    CommandSpec spec() override {
        CommandSpec command("check-services",
                            "entries of a services(5) file that the registry contradicts");
        command.value("file", file_, "services(5) file (default /etc/services; - standard input)")
            .type_name("FILE");
        command.flag("--missing", missing_,
                     "instead, the registry's named ports and transports the file lacks");
        return command;
    }
    int run(QueryContext& ctx) override {
        const auto entries = read_services_file(file_);
        return missing_ ? list_missing(ctx, file_, entries) : check_entries(ctx, file_, entries);
    }
};

} // namespace

std::unique_ptr<Command> check_services_command() {
    return std::make_unique<CheckServicesCommand>();
}

} // namespace portreg::query
