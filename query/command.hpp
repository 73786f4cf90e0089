#pragma once
// A portreg-query subcommand as the command line sees it: it adds itself
// and its own options to the parser, beside its code, and runs with what
// was given (as osmium-tool's commands do). portreg-query's main is the
// list of them.

#include "query_context.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace portreg::query {

class Command {
public:
    virtual ~Command() = default;

    void add_to(CLI::App& app) { app_ = add(app); }
    bool chosen() const { return app_ && app_->parsed(); }

    // What the parser cannot check alone; throws CLI::ValidationError.
    virtual void validate() {}
    // services and xml are export's alone.
    virtual bool writes(Format format) const {
        return format != Format::services && format != Format::xml;
    }
    virtual int run(QueryContext& ctx) = 0;

protected:
    // Adds the subcommand with its options and returns it.
    virtual CLI::App* add(CLI::App& app) = 0;

private:
    CLI::App* app_ = nullptr;
};

std::unique_ptr<Command> snapshots_command();
std::unique_ptr<Command> port_command();
std::unique_ptr<Command> service_command();
std::unique_ptr<Command> search_command();
std::unique_ptr<Command> person_command();
std::unique_ptr<Command> free_command();
std::unique_ptr<Command> sql_command();
std::unique_ptr<Command> diff_command();
std::unique_ptr<Command> history_command();
std::unique_ptr<Command> log_command();
std::unique_ptr<Command> export_command();

} // namespace portreg::query
