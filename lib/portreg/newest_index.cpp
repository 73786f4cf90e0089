#include "portreg/newest_index.hpp"

#include "portreg/values.hpp"

#include <algorithm>
#include <cstring>
#include <tuple>
#include <unordered_map>

namespace portreg {

namespace {

// Version 1 of the encoding. Ids and rowids of neighbouring elements are
// close, so each is written as the zigzag varint of its difference to the
// one before (from 0 in each chunk, so that a chunk's bytes depend on its
// entries alone); the texts of references once per chunk.
constexpr std::string_view magic = "portreg newest index 1\n";

// A chunk ends with an entry whose key's last byte is a multiple of 64
// (every 64th entry or so, about 2 KB), or at 256 entries. `before`: the
// entries of the chunk before this one.
bool ends_chunk(const IndexedElement& e, std::size_t before) {
    return (static_cast<unsigned char>(e.key.bytes[15]) & 63) == 0 || before + 1 >= 256;
}

std::int64_t chunk_hash(std::string_view bytes) {
    auto key = element_key(bytes);
    std::int64_t h;
    std::memcpy(&h, key.bytes.data(), sizeof h);
    return h == 0 ? 1 : h; // 0 is the head's
}

class Writer {
public:
    void bytes(std::string_view b) { out_.append(b); }
    void varint(std::uint64_t v) {
        while (v >= 0x80) {
            out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
            v >>= 7;
        }
        out_.push_back(static_cast<char>(v));
    }
    void delta(std::int64_t value, std::int64_t& last) {
        const auto d = static_cast<std::uint64_t>(value) - static_cast<std::uint64_t>(last);
        // zigzag: small negative differences stay small
        varint((d << 1) ^ (static_cast<std::uint64_t>(static_cast<std::int64_t>(d) >> 63)));
        last = value;
    }
    void text(std::string_view s) {
        varint(s.size());
        bytes(s);
    }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
};

class Reader {
public:
    explicit Reader(std::string_view in) : in_(in) {}
    bool ok() const { return ok_; }
    bool at_end() const { return in_.empty(); }
    std::string_view bytes(std::size_t n) {
        if (n > in_.size()) {
            ok_ = false;
            n = in_.size();
        }
        auto b = in_.substr(0, n);
        in_.remove_prefix(n);
        return b;
    }
    std::uint64_t varint() {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (in_.empty()) break;
            auto c = static_cast<unsigned char>(in_.front());
            in_.remove_prefix(1);
            v |= static_cast<std::uint64_t>(c & 0x7f) << shift;
            if (!(c & 0x80)) return v;
        }
        ok_ = false;
        return 0;
    }
    std::int64_t delta(std::int64_t& last) {
        const auto z = varint();
        const auto d = (z >> 1) ^ (~(z & 1) + 1);
        last = static_cast<std::int64_t>(static_cast<std::uint64_t>(last) + d);
        return last;
    }
    std::string text() { return std::string(bytes(static_cast<std::size_t>(varint()))); }

private:
    std::string_view in_;
    bool ok_ = true;
};

void write_chunk(Writer& w, const NewestIndex& index, const IndexedElement* first, std::size_t n) {
    // The chunk's own table of texts, each once, in order of first use
    // (found by a hash of each first: a chunk has dozens).
    std::vector<std::string_view> texts;
    std::vector<std::uint64_t> hashes;
    std::vector<std::uint32_t> local(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto text = index.text(first[i].refs);
        const auto hash = quick_hash(text);
        std::size_t k = 0;
        while (k < texts.size() && !(hashes[k] == hash && texts[k] == text))
            ++k;
        if (k == texts.size()) {
            texts.push_back(text);
            hashes.push_back(hash);
        }
        local[i] = static_cast<std::uint32_t>(k);
    }
    w.varint(texts.size());
    for (auto t : texts)
        w.text(t);
    w.varint(n);
    std::int64_t version = 0, rowid = 0, lo = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const auto& e = first[i];
        w.bytes(std::string_view(e.key.bytes.data(), e.key.bytes.size()));
        w.delta(e.version, version);
        w.delta(e.span_rowid, rowid);
        w.delta(e.span_lo, lo);
        w.text(e.ord);
        w.varint(local[i]);
    }
}

// Appends the chunk's entries; its texts go to the end of `texts`.
bool read_chunk(Reader& r, std::vector<IndexedElement>& entries, std::vector<std::string>& texts) {
    const auto n_texts = r.varint();
    if (!r.ok() || n_texts > 256) return false;
    const auto base = texts.size();
    for (std::uint64_t i = 0; i < n_texts && r.ok(); ++i)
        texts.push_back(r.text());
    const auto n = r.varint();
    if (!r.ok() || n > 256) return false;
    std::int64_t version = 0, rowid = 0, lo = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
        IndexedElement e;
        auto key = r.bytes(e.key.bytes.size());
        e.key = DigestKey(key.data(), key.size());
        e.version = r.delta(version);
        e.span_rowid = r.delta(rowid);
        e.span_lo = r.delta(lo);
        e.ord = r.text();
        const auto text = r.varint();
        if (!r.ok() || text >= n_texts) return false;
        e.refs = static_cast<std::uint32_t>(base + text);
        entries.push_back(std::move(e));
    }
    return r.at_end();
}

bool is_zero(const DigestKey& key) {
    for (char c : key.bytes)
        if (c) return false;
    return true;
}

} // namespace

void NewestIndex::Lookup::build(const std::vector<IndexedElement>& entries) {
    std::size_t size = 16;
    while (size < entries.size() * 2)
        size *= 2;
    slots.assign(size, 0);
    next.assign(entries.size(), -1);
    alone.assign(entries.size(), 0);
    // Backwards, so that each key ends up naming its first entry and every
    // entry the next one with the same key.
    for (std::size_t i = entries.size(); i-- > 0;) {
        const auto& key = entries[i].key;
        if (is_zero(key)) continue;
        for (auto slot = DigestKeyHash()(key) & (size - 1);; slot = (slot + 1) & (size - 1)) {
            auto& s = slots[slot];
            if (s && !(entries[s - 1].key == key)) continue;
            if (s) next[i] = s - 1;
            s = static_cast<std::uint32_t>(i + 1);
            break;
        }
    }
    for (auto s : slots)
        if (s && next[s - 1] < 0) alone[s - 1] = 1;
}

std::int64_t NewestIndex::Lookup::first(const std::vector<IndexedElement>& entries,
                                        const DigestKey& key) const {
    if (slots.empty()) return -1;
    const auto mask = slots.size() - 1;
    for (auto slot = DigestKeyHash()(key) & mask;; slot = (slot + 1) & mask) {
        const auto s = slots[slot];
        if (!s) return -1;
        if (entries[s - 1].key == key) return static_cast<std::int64_t>(s) - 1;
    }
}

void NewestIndex::build_lookup() {
    record_lookup_.build(records);
    person_lookup_.build(people);
}

std::string person_refs(const Record& record) {
    std::string out;
    for (const auto* list :
         {&record.own, &record.assignee, &record.description_xrefs, &record.note_xrefs})
        for (const auto& x : *list)
            if (x.type == "person") {
                out += x.data;
                out += '\n';
            }
    return out;
}

std::string csv_row_facts(const Record& record) {
    std::string out;
    for (const auto* date : {&record.reg_date, &record.mod_date})
        if (is_full_date(*date) && *date > out) out = *date;
    out += '\n';
    for (const auto* list : {&record.assignee, &record.own})
        for (const auto& x : *list)
            if (x.type == "person") {
                out += x.data;
                out += '\n';
            }
    return out;
}

std::string index_text(const Record& record, const std::string& format) {
    return format == "csv" ? csv_row_facts(record) : person_refs(record);
}

NewestIndex::Encoded NewestIndex::encode(const NewestIndex* stored) const {
    Encoded out;
    Writer head;
    head.bytes(magic);
    head.text(format);
    head.varint(static_cast<std::uint64_t>(generation));
    head.varint(static_cast<std::uint64_t>(position));
    for (const auto& list : {std::tuple{&records, stored ? &stored->records : nullptr,
                                        stored ? &stored->record_chunks_ : nullptr},
                             std::tuple{&people, stored ? &stored->people : nullptr,
                                        stored ? &stored->person_chunks_ : nullptr}}) {
        // Named, not bound: a lambda may not capture a structured binding.
        const auto* entries = std::get<0>(list);
        const auto* old_entries = std::get<1>(list);
        const auto* old_chunks = std::get<2>(list);
        // The stored chunks by the key of their first entry: chunks end
        // where keys say, so entries repeated from a chunk's first on fall
        // into the same chunk.
        std::unordered_map<DigestKey, const Chunk*, DigestKeyHash> by_first;
        if (old_chunks)
            for (const auto& c : *old_chunks)
                by_first.emplace((*old_entries)[c.first].key, &c);
        auto same = [&](const IndexedElement& a, const IndexedElement& b) {
            return a.key == b.key && a.version == b.version && a.span_rowid == b.span_rowid &&
                   a.span_lo == b.span_lo && a.ord == b.ord && text(a.refs) == stored->text(b.refs);
        };
        auto repeats = [&](std::size_t start, std::size_t end) -> const Chunk* {
            auto it = by_first.find((*entries)[start].key);
            if (it == by_first.end() || it->second->count != end - start) return nullptr;
            for (std::size_t i = 0; i < end - start; ++i)
                if (!same((*entries)[start + i], (*old_entries)[it->second->first + i]))
                    return nullptr;
            return it->second;
        };
        std::vector<std::int64_t> hashes;
        for (std::size_t start = 0; start < entries->size();) {
            std::size_t end = start;
            while (end < entries->size() && !ends_chunk((*entries)[end], end - start))
                ++end;
            end = std::min(end + 1, entries->size());
            if (const auto* old = repeats(start, end)) {
                hashes.push_back(old->hash);
                out.chunks.emplace_back(old->hash, std::string());
            } else {
                Writer w;
                write_chunk(w, *this, entries->data() + start, end - start);
                auto bytes = w.take();
                hashes.push_back(chunk_hash(bytes));
                out.chunks.emplace_back(hashes.back(), std::move(bytes));
            }
            start = end;
        }
        head.varint(hashes.size());
        for (auto h : hashes)
            head.varint(static_cast<std::uint64_t>(h));
    }
    out.head = head.take();
    return out;
}

namespace {

struct Head {
    std::string format;
    std::int64_t generation = 0, position = 0;
    std::vector<std::int64_t> records, people; // chunk hashes
};

std::optional<Head> read_head(std::string_view bytes) {
    Reader r(bytes);
    if (r.bytes(magic.size()) != magic) return std::nullopt;
    Head head;
    head.format = r.text();
    head.generation = static_cast<std::int64_t>(r.varint());
    head.position = static_cast<std::int64_t>(r.varint());
    for (auto* hashes : {&head.records, &head.people}) {
        const auto n = r.varint();
        if (!r.ok() || n > bytes.size()) return std::nullopt;
        for (std::uint64_t i = 0; i < n; ++i)
            hashes->push_back(static_cast<std::int64_t>(r.varint()));
    }
    if (!r.ok() || !r.at_end()) return std::nullopt;
    return head;
}

} // namespace

std::optional<std::vector<std::int64_t>> NewestIndex::chunks_of(std::string_view bytes) {
    auto head = read_head(bytes);
    if (!head) return std::nullopt;
    auto all = std::move(head->records);
    all.insert(all.end(), head->people.begin(), head->people.end());
    return all;
}

std::optional<NewestIndex::HeadInfo> NewestIndex::head_info(std::string_view bytes) {
    auto head = read_head(bytes);
    if (!head) return std::nullopt;
    return HeadInfo{head->format, head->generation, head->position};
}

std::optional<NewestIndex>
NewestIndex::decode(std::string_view head_bytes,
                    const std::function<std::string_view(std::int64_t)>& chunk) {
    auto head = read_head(head_bytes);
    if (!head) return std::nullopt;
    NewestIndex index;
    index.format = head->format;
    index.generation = head->generation;
    index.position = head->position;
    for (auto [hashes, entries, chunks] :
         {std::tuple{&head->records, &index.records, &index.record_chunks_},
          std::tuple{&head->people, &index.people, &index.person_chunks_}}) {
        entries->reserve(hashes->size() * 64);
        for (auto h : *hashes) {
            auto bytes = chunk(h);
            // A chunk that is not what its hash says is damage.
            if (bytes.empty() || chunk_hash(bytes) != h) return std::nullopt;
            Reader r(bytes);
            const auto first = entries->size();
            if (!read_chunk(r, *entries, index.texts_) || entries->size() == first)
                return std::nullopt;
            chunks->push_back({h, first, entries->size() - first});
        }
    }
    index.build_lookup();
    return index;
}

} // namespace portreg
