#pragma once
// SHA-256, through Nettle (Debian's nettle-dev): used for release identity
// and as the content key of stored versions; and the keys of elements'
// bytes.

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <nettle/sha2.h>
#include <string>
#include <string_view>

namespace portreg {

using Sha256 = std::array<std::uint8_t, 32>;

Sha256 sha256(std::string_view bytes);
std::string to_hex(const Sha256& digest);

// Incremental hashing for inputs read in pieces.
class Sha256Stream {
public:
    Sha256Stream();
    Sha256Stream(const Sha256Stream&) = delete;
    Sha256Stream& operator=(const Sha256Stream&) = delete;
    void update(std::string_view bytes);
    Sha256 finish();

private:
    sha256_ctx ctx_;
};

// The first 16 bytes of SHA-256: the stored key of a record, person or
// metadata version (collisions among a few thousand versions: ~2^-100).
std::string content_digest(std::string_view canonical);

// The key of an element's bytes as published (a <record> or <person>),
// by which a reader recognizes one the database holds already: XXH3's 128
// bits (Debian's libxxhash-dev), as it runs over every element of every
// release read, 2.4 GB for the whole history, at a tenth of SHA-256's
// time. Distinct elements colliding among the few tens of thousands ever
// published: about 2^-100.
struct DigestKey;
DigestKey element_key(std::string_view bytes);
// XXH3's 64 bits, for hash tables.
std::uint64_t quick_hash(std::string_view bytes);

// A content digest held in place, as a key of the store's maps: they hold
// tens of thousands, and a std::string of 16 bytes is a heap block each.
struct DigestKey {
    std::array<char, 16> bytes{};
    DigestKey() = default;
    DigestKey(const char* data, std::size_t size) {
        std::memcpy(bytes.data(), data, std::min(size, bytes.size()));
    }
    // Implicit: a digest is used as a key wherever one is looked up.
    DigestKey(const std::string& digest) : DigestKey(digest.data(), digest.size()) {}
    bool operator==(const DigestKey& other) const {
        std::uint64_t a[2], b[2];
        std::memcpy(a, bytes.data(), sizeof a);
        std::memcpy(b, other.bytes.data(), sizeof b);
        return a[0] == b[0] && a[1] == b[1];
    }
};

// SHA-256 and XXH3 bytes are uniform already: the first eight serve as the
// hash.
struct DigestKeyHash {
    std::size_t operator()(const DigestKey& key) const noexcept {
        std::size_t h;
        std::memcpy(&h, key.bytes.data(), sizeof h);
        return h;
    }
};

} // namespace portreg
