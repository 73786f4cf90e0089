#pragma once
// A map that keeps what the last two releases used. Consecutive releases
// share nearly everything, so it answers almost every lookup, and its size
// stays bounded however long the history is.

#include <cstdint>
#include <unordered_map>
#include <utility>

namespace portreg {

template <typename Key, typename Value, typename Hash = std::hash<Key>> class RecentCache {
public:
    Value* find(const Key& key) {
        auto it = map_.find(key);
        if (it == map_.end()) return nullptr;
        it->second.used = release_;
        return &it->second.value;
    }
    void add(const Key& key, Value value) { map_.emplace(key, Entry{std::move(value), release_}); }
    // Call after each release: what neither it nor the one before used goes.
    void next_release() {
        ++release_;
        for (auto it = map_.begin(); it != map_.end();)
            it = it->second.used + 2 <= release_ ? map_.erase(it) : std::next(it);
    }

private:
    struct Entry {
        Value value;
        std::uint64_t used;
    };
    std::unordered_map<Key, Entry, Hash> map_;
    std::uint64_t release_ = 0;
};

} // namespace portreg
