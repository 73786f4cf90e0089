#pragma once
// The entries of the release read (or added) before, in order, walked
// beside the release at hand. Consecutive releases repeat nearly every
// record and person, and in nearly the same order, so a repeat is found
// within a few entries of the last one found, without a lookup table. The
// XML reader walks element bytes to the objects it read; the store walks
// those objects to the versions it stored.

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace portreg {

template <typename Key, typename Value> class WalkBeside {
public:
    // The value of the release before's entry with this key, if it stands
    // near where the walk has got to; else Value{} (a null pointer, 0).
    Value match(const Key& key) {
        const auto end = std::min(cursor_ + window, previous_.size());
        for (auto k = cursor_; k < end; ++k) {
            if (previous_[k].first == key) {
                cursor_ = k + 1;
                return previous_[k].second;
            }
        }
        return Value{};
    }
    void add(Key key, Value value) { current_.emplace_back(std::move(key), std::move(value)); }
    // The release at hand becomes the one before.
    void next_release() {
        previous_ = std::move(current_);
        current_.clear();
        cursor_ = 0;
    }
    // The release at hand failed: forget it.
    void discard() {
        current_.clear();
        cursor_ = 0;
    }

private:
    static constexpr std::size_t window = 16;
    std::vector<std::pair<Key, Value>> previous_, current_;
    std::size_t cursor_ = 0;
};

} // namespace portreg
