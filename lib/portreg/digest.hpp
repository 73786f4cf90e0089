#pragma once
// SHA-256, through OpenSSL's libcrypto (Debian's libssl-dev): used for
// release identity and as the content key of stored versions.

#include <array>
#include <cstdint>
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
    ~Sha256Stream();
    Sha256Stream(const Sha256Stream&) = delete;
    Sha256Stream& operator=(const Sha256Stream&) = delete;
    void update(std::string_view bytes);
    Sha256 finish();

private:
    void* ctx_;
};

// The first 16 bytes of SHA-256: the stored key of a record, person or
// metadata version (collisions among a few thousand versions: ~2^-100).
std::string content_digest(std::string_view canonical);

} // namespace portreg
