#pragma once
// SHA-256, through Nettle (Debian's nettle-dev): used for release identity
// and as the content key of stored versions.

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

// A content digest held in place, as a key of the store's maps: they hold
// tens of thousands, and a std::string of 16 bytes is a heap block each.
struct DigestKey {
    std::array<char, 16> bytes{};
    DigestKey(const char* data, std::size_t size) {
        std::memcpy(bytes.data(), data, std::min(size, bytes.size()));
    }
    // Implicit: a digest is used as a key wherever one is looked up.
    DigestKey(const std::string& digest) : DigestKey(digest.data(), digest.size()) {}
    bool operator==(const DigestKey& other) const { return bytes == other.bytes; }
};

// SHA-256 bytes are uniform already: the first eight serve as the hash.
struct DigestKeyHash {
    std::size_t operator()(const DigestKey& key) const noexcept {
        std::size_t h;
        std::memcpy(&h, key.bytes.data(), sizeof h);
        return h;
    }
};

} // namespace portreg
