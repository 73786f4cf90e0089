#pragma once
// services(5), both ways: the entries of a file such as /etc/services, read
// leniently (files in the wild are messy, and one odd line should not hide
// what the others say), and the registry's ports as such a file lists them.

#include "portreg/release.hpp"

#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portreg::query {

// One line of a services(5) file that is neither blank nor a comment:
// `name port/protocol [aliases...] [# comment]`.
struct ServicesEntry {
    long line = 0;        // 1-based
    std::string text;     // the line without its comment, trimmed
    std::string name;     // as written
    int port = 0;         //
    std::string protocol; // as written
    std::vector<std::string> aliases;
    std::string problem; // why the line is not an entry; empty when it is
};

// The entry of one line, nullopt for a blank or comment line. A line that
// is not `name port/protocol` comes back with its `problem`.
std::optional<ServicesEntry> parse_services_line(std::string_view text, long line);

// services(5) files are a few hundred lines: more than this is refused, so
// that /dev/zero or a wrong file cannot fill the memory.
constexpr std::size_t most_services_bytes = std::size_t{16} << 20;

// Every entry of a services(5) text, in file order; throws Error past
// most_services_bytes.
std::vector<ServicesEntry> read_services(std::istream& in);

// The entries of the file at `path` ("-": standard input); throws Error
// naming the file when it cannot be read.
std::vector<ServicesEntry> read_services_file(const std::string& path);

// A port and transport as a services(5) file lists the registry's: its
// names in registry order (the first the service, the others aliases) and
// the first one's description.
struct ServicePort {
    int port = 0;
    std::string transport;
    std::vector<std::string> names;
    std::string description;
};

// The named single ports of `records`, in registry order: no ranges, no
// names without a port and no names with spaces (services(5) has no place
// for them); a record without a transport is listed on tcp and udp, and a
// name listed twice on one port and transport once.
std::vector<ServicePort> service_ports(const std::vector<RecordPtr>& records);

} // namespace portreg::query
