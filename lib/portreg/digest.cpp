#include "portreg/digest.hpp"

#include "portreg/error.hpp"

#include <openssl/evp.h>

namespace portreg {

Sha256Stream::Sha256Stream() : ctx_(EVP_MD_CTX_new()) {
    if (!ctx_ || !EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(ctx_), EVP_sha256(), nullptr))
        throw Error("cannot initialize SHA-256");
}

Sha256Stream::~Sha256Stream() {
    EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_));
}

void Sha256Stream::update(std::string_view bytes) {
    EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), bytes.data(), bytes.size());
}

Sha256 Sha256Stream::finish() {
    Sha256 out{};
    unsigned int len = 0;
    EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(ctx_), out.data(), &len);
    return out;
}

Sha256 sha256(std::string_view bytes) {
    Sha256 out{};
    unsigned int len = 0;
    if (!EVP_Digest(bytes.data(), bytes.size(), out.data(), &len, EVP_sha256(), nullptr))
        throw Error("SHA-256 failed");
    return out;
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

} // namespace portreg
