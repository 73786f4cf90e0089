#include "command.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "record_lookup.hpp"
#include "report_writers.hpp"

#include "portreg/embedded_sql.hpp"
#include "portreg/error.hpp"

#include <nlohmann/json.hpp>

namespace portreg::query {

// A person by id (ignoring case) or by a piece of id, name or organization,
// with the records that name them as assignee or contact.
int run_person(QueryContext& ctx, const std::string& id, const std::string& search) {
    auto people = search.empty() ? people_with_ids(ctx, {id}) : people_matching(ctx, search);
    if (people.empty()) {
        if (!search.empty()) return 1; // a search that finds nothing, like grep
        throw NotFound("no person " + id + " in " + release_label(ctx.snapshot()) +
                       nearest_suffix(ctx, "query.person_ids", id) +
                       " (person --search TEXT finds ids, names and organizations)");
    }
    if (ctx.format == Format::csv) {
        write_people(ctx.out, ctx.format, people, ctx.width);
        return 0;
    }
    const auto seq = ctx.snapshot().seq;
    SQLite::Statement st(ctx.db, sql::statement("query.ids_naming_person"));
    nlohmann::json all = nlohmann::json::array();
    for (std::size_t i = 0; i < people.size(); ++i) {
        st.bind(1, seq);
        st.bind(2, people[i]->id);
        auto records = SnapshotReader(ctx.db).records(seq, ids_of(st));
        st.reset();
        if (ctx.format == Format::markdown || ctx.format == Format::html) {
            write_records_and_people(ctx, records, {people[i]}); // records, then the person
        } else if (ctx.format == Format::text) {
            if (i) ctx.out << '\n';
            const auto& p = *people[i];
            ctx.out << "id:            " << p.id << '\n';
            if (!p.name.empty()) ctx.out << "name:          " << p.name << '\n';
            if (!p.org.empty()) ctx.out << "organization:  " << p.org << '\n';
            for (const auto& u : p.uris)
                ctx.out << "uri:           " << u << '\n';
            if (!p.updated.empty()) ctx.out << "updated:       " << p.updated << '\n';
            ctx.out << "records:       " << records.size() << "\n\n";
            write_records(ctx, records);
        } else {
            auto j = person_json(*people[i]);
            j["records"] = nlohmann::json::array();
            for (const auto& r : records)
                j["records"].push_back(record_json(*r));
            if (ctx.format == Format::jsonl)
                ctx.out << j.dump() << '\n';
            else
                all.push_back(std::move(j));
        }
    }
    if (ctx.format == Format::json) ctx.out << all.dump(2) << '\n';
    return 0;
}

namespace {

class PersonCommand final : public Command {
    std::string id_, search_;
    CommandSpec spec() override {
        CommandSpec command("person", "a person (contact or assignee) and their records");
        command.value("id", id_, "person id, e.g. Jon_Postel");
        command.value("--search", search_, "a piece of the id, name or organization")
            .excludes("id");
        return command;
    }
    void validate() override {
        if (id_.empty() && search_.empty()) throw UsageError("person: give an id or --search TEXT");
    }
    int run(QueryContext& ctx) override { return run_person(ctx, id_, search_); }
};

} // namespace

std::unique_ptr<Command> person_command() {
    return std::make_unique<PersonCommand>();
}

} // namespace portreg::query
