#pragma once
// A portreg-query subcommand as the command line sees it: it describes
// itself and its own options, beside its code, and runs with what was given
// (as osmium-tool's commands do). portreg-query's main is the list of them;
// command_line.cpp hands the descriptions to the parser.

#include "query_context.hpp"

#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace portreg::query {

// An argument of a subcommand: a name starting with "--" is an option, any
// other name a positional argument.
struct OptionSpec {
    std::string name;
    std::string help;
    std::string* value = nullptr; // where its value goes, or
    bool* flag = nullptr;         // set when the flag is given
    bool is_required = false;
    std::string value_name;           // in the help instead of TEXT
    std::vector<std::string> choices; // the only values accepted, if any
    std::string excluded;             // the name of an argument it cannot go with

    OptionSpec& required() { return is_required = true, *this; }
    OptionSpec& type_name(std::string name_in_help) {
        return value_name = std::move(name_in_help), *this;
    }
    OptionSpec& one_of(std::vector<std::string> values) {
        return choices = std::move(values), *this;
    }
    OptionSpec& excludes(std::string other) { return excluded = std::move(other), *this; }
};

// A subcommand's name, its line in the help and its arguments in order.
struct CommandSpec {
    std::string name;
    std::string help;
    std::deque<OptionSpec> options; // a deque: the references returned stay valid

    CommandSpec(std::string name, std::string help)
        : name(std::move(name)), help(std::move(help)) {}
    OptionSpec& value(std::string option_name, std::string& into, std::string option_help) {
        auto& option = add(std::move(option_name), std::move(option_help));
        option.value = &into;
        return option;
    }
    OptionSpec& flag(std::string option_name, bool& into, std::string option_help) {
        auto& option = add(std::move(option_name), std::move(option_help));
        option.flag = &into;
        return option;
    }

private:
    OptionSpec& add(std::string option_name, std::string option_help) {
        auto& option = options.emplace_back();
        option.name = std::move(option_name);
        option.help = std::move(option_help);
        return option;
    }
};

class Command {
public:
    virtual ~Command() = default;

    // Its name, help and arguments; the parser writes into the members the
    // arguments point at.
    virtual CommandSpec spec() = 0;
    // What the parser cannot check alone; throws UsageError.
    virtual void validate() {}
    // services and xml are export's alone.
    virtual bool writes(Format format) const {
        return format != Format::services && format != Format::xml;
    }
    virtual int run(QueryContext& ctx) = 0;
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
std::unique_ptr<Command> check_services_command();

} // namespace portreg::query
