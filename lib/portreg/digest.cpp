#include "portreg/digest.hpp"

#include "portreg/error.hpp"

#include <openssl/evp.h>

#include <memory>

namespace portreg {

namespace {

// OpenSSL 3 looks the algorithm up among its providers on every
// EVP_Digest(EVP_sha256()) call, which costs more than hashing a record of a
// few hundred bytes: fetch it once, and reuse one context per thread.
const EVP_MD* sha256_method() {
    static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (!md) throw Error("cannot initialize SHA-256");
    return md;
}

struct ContextDeleter {
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

} // namespace

Sha256Stream::Sha256Stream() : ctx_(EVP_MD_CTX_new()) {
    if (!ctx_ || !EVP_DigestInit_ex2(static_cast<EVP_MD_CTX*>(ctx_), sha256_method(), nullptr))
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
    thread_local std::unique_ptr<EVP_MD_CTX, ContextDeleter> ctx(EVP_MD_CTX_new());
    Sha256 out{};
    unsigned int len = 0;
    if (!ctx || !EVP_DigestInit_ex2(ctx.get(), sha256_method(), nullptr) ||
        !EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size()) ||
        !EVP_DigestFinal_ex(ctx.get(), out.data(), &len))
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
