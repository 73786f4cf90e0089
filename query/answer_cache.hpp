#pragma once
// Answers kept by what they answer: the database's generation and the
// request. A question asked again is answered without the database until
// an import or a removal changes the generation, which no kept answer can
// then match. Bounded in bytes, the least recently used going first; a
// size of 0 keeps nothing (portreg-serve --cache-mb 0), so that every
// answer is the database's.

#include "web_answer.hpp"

#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace portreg::query {

class AnswerCache {
public:
    explicit AnswerCache(std::size_t most_bytes) : most_bytes_(most_bytes) {}

    // The answer kept for `key`, if any.
    std::optional<WebAnswer> find(const std::string& key);
    // Keeps `answer` for `key`, unless it alone is larger than a tenth of
    // the cache (a whole-registry CSV would push out every other answer).
    void keep(const std::string& key, const WebAnswer& answer);

    std::size_t bytes() const;

private:
    using Entry = std::pair<std::string, WebAnswer>;
    static std::size_t size_of(const Entry& entry);

    const std::size_t most_bytes_;
    mutable std::mutex mutex_;
    std::list<Entry> entries_; // the most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;
    std::size_t bytes_ = 0;
};

} // namespace portreg::query
