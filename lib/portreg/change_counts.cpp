#include "portreg/change_counts.hpp"

#include <unordered_map>

namespace portreg {

ChangeCounts count_changes(const std::vector<std::string>& entered,
                           const std::vector<std::string>& left) {
    std::unordered_map<std::string, std::int64_t> unpaired_left;
    for (const auto& key : left)
        ++unpaired_left[key];
    ChangeCounts counts;
    for (const auto& key : entered)
        if (auto it = unpaired_left.find(key); it != unpaired_left.end() && it->second > 0) {
            --it->second;
            ++counts.changed;
        }
    counts.added = static_cast<std::int64_t>(entered.size()) - counts.changed;
    counts.removed = static_cast<std::int64_t>(left.size()) - counts.changed;
    return counts;
}

} // namespace portreg
