#pragma once
// The bytes of one input, read once and then kept where they are: a view
// into them stays valid while any copy of them lives. The XML reader
// remembers the elements of the release before by views into its bytes,
// and the importer hashes them on a second thread while the reader works;
// neither has to trust that a moved string leaves its buffer in place.

#include <memory>
#include <string>
#include <string_view>

namespace portreg {

class InputBytes {
public:
    InputBytes() = default;
    // Implicit: bytes read into a string become an input's.
    InputBytes(std::string bytes) : data_(std::make_shared<const std::string>(std::move(bytes))) {}

    std::string_view view() const { return data_ ? std::string_view(*data_) : std::string_view(); }
    operator std::string_view() const { return view(); }
    const char* data() const { return view().data(); }
    std::size_t size() const { return view().size(); }
    bool empty() const { return view().empty(); }
    bool operator==(std::string_view other) const { return view() == other; }

private:
    std::shared_ptr<const std::string> data_; // shared by copies, never changed
};

} // namespace portreg
