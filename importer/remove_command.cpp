#include "remove_command.hpp"

#include "portreg/database.hpp"
#include "portreg/error.hpp"
#include "portreg/release_name.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <ostream>
#include <vector>

namespace portreg {

namespace {

std::string counted(std::int64_t n, const char* what) {
    return fmt::format("{} {}{}", n, what, n == 1 ? "" : "s");
}

// "removed 2026-02-02 6a34aef6 (xml, 14533 records, 5615 people); with it
// went 6 record versions and 1 person version, held by no other release"
std::string removal_line(const RemovalResult& r) {
    auto head = fmt::format("removed {} {} ({}, {} records, {} people)", r.registry_date,
                            r.sha256.substr(0, 8), r.format, r.records, r.people);
    std::vector<std::string> gone;
    if (r.record_versions) gone.push_back(counted(r.record_versions, "record version"));
    if (r.person_versions) gone.push_back(counted(r.person_versions, "person version"));
    if (r.meta_version) gone.push_back("its registry metadata");
    if (gone.empty()) return head + "; other releases hold all of its versions";
    std::string list = gone.front();
    for (std::size_t i = 1; i < gone.size(); ++i)
        list += (i + 1 == gone.size() ? " and " : ", ") + gone[i];
    return head + "; with it went " + list + ", held by no other release";
}

} // namespace

int run_remove(const std::string& database, const std::string& which, FastPath fast_path,
               std::ostream& out, std::ostream& err) {
    // Opened for writing, a missing file would be created.
    if (!std::filesystem::exists(database)) throw Error(database + ": no such database");
    auto name = parse_release_name(which);
    if (!name)
        throw UsageError(
            "--remove takes a release id or at least 4 hex digits of its hash, not \"" + which +
            "\"");
    auto db = open_database(database, OpenMode::read_write);
    auto release = find_release(db, *name);
    std::optional<RemovalResult> removed;
    if (release) removed = HistoryStore(db, fast_path).remove(release->sha256);
    // Gone between the look-up and the removal: another process removed it.
    if (!removed) {
        err << "portreg-import: no release " << name->described() << '\n';
        return 1;
    }
    out << removal_line(*removed) << '\n';
    return 0;
}

} // namespace portreg
