#include "column_choice.hpp"

#include "portreg/error.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace portreg::query {

std::vector<std::string> column_list(const std::string& text) {
    std::vector<std::string> names;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = std::min(text.find(',', start), text.size());
        auto name = text.substr(start, end - start);
        name.erase(0, name.find_first_not_of(' '));
        name.erase(name.find_last_not_of(' ') + 1);
        if (!name.empty()) names.push_back(name);
        start = end + 1;
    }
    return names;
}

namespace {

std::string folded(const std::string& name) {
    std::string out;
    for (char c : name)
        if (c != ' ' && c != '_' && c != '-')
            out.push_back(char(std::tolower(static_cast<unsigned char>(c))));
    return out;
}

std::string names_there_are(const std::vector<std::vector<std::string>>& names) {
    std::string list;
    for (const auto& column : names)
        list += (list.empty() ? "" : ", ") + column.front();
    return list;
}

// The one column `wanted` names, or names.size() when none or several.
std::size_t column_named(const std::vector<std::vector<std::string>>& names,
                         const std::string& wanted, bool as_prefix) {
    const auto key = folded(wanted);
    std::set<std::size_t> matching;
    for (std::size_t c = 0; c < names.size(); ++c)
        for (const auto& name : names[c]) {
            auto candidate = folded(name);
            if (as_prefix ? candidate.compare(0, key.size(), key) == 0 : candidate == key)
                matching.insert(c);
        }
    return matching.size() == 1 ? *matching.begin() : names.size();
}

} // namespace

std::vector<std::size_t> chosen_columns(const std::vector<std::vector<std::string>>& names,
                                        const std::vector<std::string>& wanted) {
    std::vector<std::size_t> indexes;
    for (const auto& name : wanted) {
        auto c = column_named(names, name, false);
        if (c == names.size()) c = column_named(names, name, true);
        if (c == names.size())
            throw UsageError("--columns: \"" + name + "\" names no one column (there are " +
                             names_there_are(names) + ")");
        indexes.push_back(c);
    }
    return indexes;
}

std::vector<std::size_t> header_columns(const std::vector<std::string>& header,
                                        const std::vector<std::string>& wanted) {
    std::vector<std::vector<std::string>> names;
    for (const auto& name : header)
        names.push_back({name});
    if (!wanted.empty()) return chosen_columns(names, wanted);
    std::vector<std::size_t> all(header.size());
    for (std::size_t c = 0; c < all.size(); ++c)
        all[c] = c;
    return all;
}

Table with_columns(const Table& table, const std::vector<std::size_t>& indexes) {
    Table out;
    for (auto c : indexes) {
        out.header.push_back(table.header[c]);
        out.fits.push_back(table.fit(c));
        out.json_types.push_back(table.json_type(c));
    }
    for (const auto& row : table.rows) {
        auto& chosen = out.rows.emplace_back();
        for (auto c : indexes)
            chosen.push_back(row[c]);
    }
    return out;
}

} // namespace portreg::query
