#pragma once
// A set of strings viewed elsewhere, for the few thousand person ids of one
// release: open addressing in one array, no allocation per id.

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

namespace portreg {

class IdSet {
public:
    explicit IdSet(std::size_t expected) {
        std::size_t size = 16;
        while (size < expected * 2)
            size *= 2;
        slots_.resize(size);
    }
    // False if `id` was there already. The viewed string must outlive the set.
    bool insert(std::string_view id) {
        auto& slot = slots_[probe(id)];
        if (slot.data()) return false;
        slot = id;
        if (++count_ * 2 > slots_.size()) grow();
        return true;
    }
    bool contains(std::string_view id) const { return slots_[probe(id)].data() != nullptr; }

private:
    // The slot holding `id`, or the empty slot where it would go. Empty
    // slots hold a view with no data; an empty id is stored as "".
    std::size_t probe(std::string_view id) const {
        if (!id.data()) id = "";
        std::size_t mask = slots_.size() - 1;
        for (std::size_t i = std::hash<std::string_view>{}(id)&mask;; i = (i + 1) & mask)
            if (!slots_[i].data() || slots_[i] == id) return i;
    }
    void grow() {
        std::vector<std::string_view> old(slots_.size() * 2);
        old.swap(slots_);
        for (auto id : old)
            if (id.data()) slots_[probe(id)] = id;
    }

    std::vector<std::string_view> slots_;
    std::size_t count_ = 0;
};

} // namespace portreg
