#include "services_file.hpp"

#include "portreg/error.hpp"
#include "portreg/text.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

namespace portreg::query {

namespace {

std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < text.size()) {
        if (is_ws(text[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && !is_ws(text[end]))
            ++end;
        words.emplace_back(text.substr(i, end - i));
        i = end;
    }
    return words;
}

// Why `word` is not `port/protocol` (a port from 0 to 65535, no range),
// or nothing; the port and protocol go into `entry`.
std::string read_port_protocol(const std::string& word, ServicesEntry& entry) {
    const auto slash = word.find('/');
    if (slash == std::string::npos) return "\"" + word + "\" is not PORT/PROTOCOL";
    const auto port = word.substr(0, slash);
    entry.protocol = word.substr(slash + 1);
    const bool digits =
        !port.empty() && port.size() <= 5 &&
        std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (port.find('-') != std::string::npos)
        return "\"" + port + "\" is a range; services(5) has single ports";
    if (!digits || std::stoi(port) > 65535)
        return "port \"" + port + "\" is not a number from 0 to 65535";
    if (entry.protocol.empty()) return "no protocol after " + port + "/";
    entry.port = std::stoi(port);
    return {};
}

} // namespace

std::optional<ServicesEntry> parse_services_line(std::string_view text, long line) {
    const auto words = words_of(text.substr(0, text.find('#')));
    if (words.empty()) return std::nullopt;
    ServicesEntry entry;
    entry.line = line;
    entry.name = words[0];
    for (const auto& word : words)
        entry.text += (entry.text.empty() ? "" : " ") + word;
    if (words.size() < 2)
        entry.problem = "no PORT/PROTOCOL after the name";
    else
        entry.problem = read_port_protocol(words[1], entry);
    if (words.size() > 2) entry.aliases.assign(words.begin() + 2, words.end());
    return entry;
}

std::vector<ServicesEntry> read_services(std::istream& in) {
    std::vector<ServicesEntry> entries;
    auto add = [&](const std::string& text, long line) {
        if (auto entry = parse_services_line(text, line)) entries.push_back(std::move(*entry));
    };
    std::string text;
    long line = 1;
    std::size_t read = 0;
    for (int c; (c = in.get()) != std::char_traits<char>::eof();) {
        if (++read > most_services_bytes)
            throw Error("over 16 MiB, which no services(5) file is (/dev/zero?)");
        if (c != '\n') {
            text.push_back(static_cast<char>(c));
            continue;
        }
        add(text, line++);
        text.clear();
    }
    if (!text.empty()) add(text, line);
    return entries;
}

std::vector<ServicesEntry> read_services_file(const std::string& path) {
    try {
        if (path == "-") return read_services(std::cin);
        std::error_code ec;
        if (std::filesystem::is_directory(path, ec)) throw Error("is a directory");
        std::ifstream in(path, std::ios::binary);
        if (!in) throw Error(std::strerror(errno));
        auto entries = read_services(in);
        if (in.bad()) throw Error(std::string("cannot read: ") + std::strerror(errno));
        return entries;
    } catch (const Error& e) {
        throw Error(path + ": " + e.what());
    }
}

std::vector<ServicePort> service_ports(const std::vector<RecordPtr>& records) {
    std::vector<ServicePort> ports;
    std::map<std::pair<int, std::string>, std::size_t> at;
    for (const auto& r : records) {
        if (r->name.empty() || r->name.find_first_of(" \t") != std::string::npos || !r->port ||
            r->port->low != r->port->high)
            continue;
        std::vector<std::string> transports = {r->transport};
        if (r->transport.empty()) transports = {"tcp", "udp"};
        for (const auto& t : transports) {
            auto [it, is_new] = at.emplace(std::make_pair(r->port->low, t), ports.size());
            if (is_new) {
                ports.push_back({r->port->low, t, {r->name}, r->description});
                continue;
            }
            auto& names = ports[it->second].names;
            if (std::find(names.begin(), names.end(), r->name) == names.end())
                names.push_back(r->name);
        }
    }
    return ports;
}

} // namespace portreg::query
