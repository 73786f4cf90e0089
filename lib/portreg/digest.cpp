#include "portreg/digest.hpp"

// Inlined: the header is the whole of xxHash, and no shared library is needed.
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace portreg {

// Nettle: a plain struct per digest, no library set-up, and SHA-NI where the
// processor has it. (OpenSSL 3 loaded its providers on first use, 0.8 ms of
// every import, and cost more per small message.)
Sha256Stream::Sha256Stream() {
    sha256_init(&ctx_);
}

void Sha256Stream::update(std::string_view bytes) {
    sha256_update(&ctx_, bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
}

Sha256 Sha256Stream::finish() {
    Sha256 out{};
    sha256_digest(&ctx_, out.size(), out.data());
    return out;
}

Sha256 sha256(std::string_view bytes) {
    Sha256Stream stream;
    stream.update(bytes);
    return stream.finish();
}

std::string to_hex(const Sha256& digest) {
    static const char* hex = "0123456789abcdef";
    std::string s;
    s.reserve(64);
    for (auto b : digest) {
        s.push_back(hex[b >> 4]);
        s.push_back(hex[b & 15]);
    }
    return s;
}

std::string content_digest(std::string_view canonical) {
    auto d = sha256(canonical);
    return std::string(reinterpret_cast<const char*>(d.data()), 16);
}

std::uint64_t quick_hash(std::string_view bytes) {
    return XXH3_64bits(bytes.data(), bytes.size());
}

DigestKey element_key(std::string_view bytes) {
    const auto h = XXH3_128bits(bytes.data(), bytes.size());
    DigestKey key;
    std::memcpy(key.bytes.data(), &h.low64, 8);
    std::memcpy(key.bytes.data() + 8, &h.high64, 8);
    return key;
}

} // namespace portreg
