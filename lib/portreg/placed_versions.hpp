#pragma once
// The versions placed in the release being added. Membership is a set, so
// a record repeated whole within one release is stored as a version of its
// own per repeat: before placing a version the store asks whether the
// release holds it already. Version ids are dense, so vectors indexed by id
// serve.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace portreg {

class PlacedVersions {
public:
    // Forgets what the release before placed.
    void next_release() { ++release_; }
    bool placed(std::int64_t id) const {
        auto i = static_cast<std::size_t>(id);
        return i < placed_in_.size() && placed_in_[i] == release_;
    }
    void place(std::int64_t id) { at(placed_in_, id) = release_; }

    // Whether a release ever held this version's content more than once
    // (as this version and a repeat): which repeat an element is then
    // takes a reading of the whole release.
    bool repeated(std::int64_t id) const {
        auto i = static_cast<std::size_t>(id);
        return i < repeated_.size() && repeated_[i];
    }
    void mark_repeated(std::int64_t id) { at(repeated_, id) = 1; }

private:
    std::vector<std::uint32_t> placed_in_; // per version: the last release it was placed in
    std::vector<std::uint8_t> repeated_;
    std::uint32_t release_ = 1;

    template <typename T> static T& at(std::vector<T>& v, std::int64_t id) {
        auto i = static_cast<std::size_t>(id);
        if (i >= v.size()) v.resize(std::max(i + 1, v.size() * 2));
        return v[i];
    }
};

} // namespace portreg
