#include "portreg/read_release.hpp"

#include <algorithm>
#include <stdexcept>

namespace portreg {

namespace {

template <typename T>
std::vector<ReadElement<T>> elements(std::vector<std::shared_ptr<const T>>&& read,
                                     const std::vector<std::int64_t>& entries) {
    std::vector<ReadElement<T>> out;
    out.reserve(read.size());
    for (std::size_t i = 0; i < read.size(); ++i) {
        if (i < entries.size() && entries[i] >= 0)
            out.emplace_back(HandedOut{static_cast<std::size_t>(entries[i])});
        else if (read[i])
            out.emplace_back(std::move(read[i]));
        else
            throw std::logic_error("a reader left an element neither read nor handed out");
    }
    return out;
}

template <typename T>
std::vector<std::shared_ptr<const T>> read_only(std::vector<ReadElement<T>>&& elements) {
    std::vector<std::shared_ptr<const T>> out;
    out.reserve(elements.size());
    for (auto& e : elements) {
        auto* read = std::get_if<std::shared_ptr<const T>>(&e);
        if (!read) throw std::logic_error("a release with an element handed out, taken as whole");
        out.push_back(std::move(*read));
    }
    return out;
}

template <typename T> bool any_handed_out(const std::vector<ReadElement<T>>& elements) {
    return std::any_of(elements.begin(), elements.end(),
                       [](const auto& e) { return std::holds_alternative<HandedOut>(e); });
}

} // namespace

bool ReadRelease::any_handed_out() const {
    return portreg::any_handed_out(records) || portreg::any_handed_out(people);
}

Release ReadRelease::whole() && {
    Release out;
    static_cast<ReleaseHead&>(out) = std::move(static_cast<ReleaseHead&>(*this));
    out.records = read_only(std::move(records));
    out.people = read_only(std::move(people));
    return out;
}

ReadRelease ReleaseDraft::finish(std::shared_ptr<const NewestIndex> index) && {
    ReadRelease out;
    out.records = elements(std::move(release.records), record_entries);
    out.people = elements(std::move(release.people), person_entries);
    static_cast<ReleaseHead&>(out) = std::move(static_cast<ReleaseHead&>(release));
    out.record_keys = std::move(record_keys);
    out.person_keys = std::move(person_keys);
    out.index = std::move(index);
    return out;
}

} // namespace portreg
