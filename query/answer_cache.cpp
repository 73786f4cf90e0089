#include "answer_cache.hpp"

namespace portreg::query {

std::size_t AnswerCache::size_of(const Entry& entry) {
    const auto& a = entry.second;
    return entry.first.size() * 2 + a.body.size() + a.content_type.size() + a.etag.size() + 128;
}

std::optional<WebAnswer> AnswerCache::find(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = by_key_.find(key);
    if (it == by_key_.end()) return std::nullopt;
    entries_.splice(entries_.begin(), entries_, it->second);
    return it->second->second;
}

void AnswerCache::keep(const std::string& key, const WebAnswer& answer) {
    Entry entry{key, answer};
    const auto size = size_of(entry);
    if (size > most_bytes_ / 10) return;
    std::lock_guard<std::mutex> lock(mutex_);
    if (by_key_.count(key)) return; // another worker answered it meanwhile
    entries_.push_front(std::move(entry));
    by_key_.emplace(key, entries_.begin());
    bytes_ += size;
    while (bytes_ > most_bytes_) {
        bytes_ -= size_of(entries_.back());
        by_key_.erase(entries_.back().first);
        entries_.pop_back();
    }
}

std::size_t AnswerCache::bytes() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return bytes_;
}

} // namespace portreg::query
