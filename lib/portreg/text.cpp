#include "portreg/text.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace portreg {

namespace {

constexpr std::uint64_t bytes_of(std::uint8_t b) {
    return 0x0101010101010101ULL * b;
}

// High bit set in each byte of `x` that is zero (exact, for ASCII words).
constexpr std::uint64_t zero_bytes(std::uint64_t x) {
    constexpr std::uint64_t low7 = bytes_of(0x7F);
    return ~(((x & low7) + low7) | x) & bytes_of(0x80);
}

// Nonzero if an ASCII word holds a control character other than tab, LF, CR.
constexpr std::uint64_t control_bytes(std::uint64_t w) {
    return zero_bytes(w & bytes_of(0xE0)) &
           ~(zero_bytes(w ^ bytes_of('\t')) | zero_bytes(w ^ bytes_of('\n')) |
             zero_bytes(w ^ bytes_of('\r')));
}

} // namespace

void append_folded(std::string& out, std::string_view text) {
    for (char c : text) {
        if (is_ws(c)) {
            if (!out.empty() && out.back() != ' ') out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
}

void trim_ws(std::string& s) {
    if (!s.empty() && s.back() == ' ') s.pop_back();
    std::size_t start = 0;
    while (start < s.size() && s[start] == ' ')
        ++start;
    if (start > 0) s.erase(0, start);
}

std::string normalize_ws(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    append_folded(out, text);
    trim_ws(out);
    return out;
}

std::optional<TextProblem> text_problem(std::string_view bytes, const char* control) {
    if (starts_utf16(bytes))
        return TextProblem{0, "input is UTF-16; the registry is published in UTF-8"};
    const auto bad = find_invalid_utf8(bytes, true);
    if (bad == std::string_view::npos) return std::nullopt;
    return TextProblem{bad, static_cast<unsigned char>(bytes[bad]) < 0x20 ? control
                                                                          : "invalid UTF-8 byte"};
}

std::size_t find_invalid_utf8(std::string_view bytes, bool controls_too) {
    constexpr std::uint64_t high_bits = 0x8080808080808080ULL;
    const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t n = bytes.size();
    std::size_t i = 0;
    while (i < n) {
        // Skip plain ASCII 64 bytes at a time (a loop the compiler turns
        // into vector instructions), then eight at a time.
        while (i + 64 <= n) {
            unsigned char high = 0, control = 0;
            for (std::size_t k = 0; k < 64; ++k) {
                unsigned char c = s[i + k];
                high |= c;
                control |= (c < 0x20) & (c != '\t') & (c != '\n') & (c != '\r');
            }
            if ((high & 0x80) || (controls_too && control)) break;
            i += 64;
        }
        while (i + 8 <= n) {
            std::uint64_t word;
            std::memcpy(&word, s + i, 8);
            if (word & high_bits) break;
            if (controls_too && control_bytes(word)) break;
            i += 8;
        }
        if (i >= n) break;
        unsigned char c = s[i];
        if (c < 0x80) {
            if (controls_too && c < 0x20 && c != '\t' && c != '\n' && c != '\r') return i;
            ++i;
            continue;
        }
        int len;
        unsigned cp;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return i;
        }
        if (i + len > n) return i;
        for (int k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return std::string_view::npos;
}

LineColumn LineIndex::at(std::size_t offset) {
    offset = std::min(offset, text_.size());
    if (offset < counted_) {
        counted_ = 0;
        line_ = 1;
        line_start_ = 0;
    }
    while (const void* lf = std::memchr(text_.data() + counted_, '\n', offset - counted_)) {
        ++line_;
        line_start_ = static_cast<std::size_t>(static_cast<const char*>(lf) - text_.data()) + 1;
        counted_ = line_start_;
    }
    counted_ = offset;
    return {line_, static_cast<long>(offset - line_start_) + 1};
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string nearest_word(const std::string& word, const std::vector<std::string>& candidates) {
    const auto key = ascii_lower(word);
    std::string nearest;
    std::size_t fewest = 3;
    for (const auto& candidate : candidates) {
        const auto name = ascii_lower(candidate);
        const std::size_t n = name.rfind(key, 0) == 0 ? 1 : edit_distance(key, name);
        if (n < fewest) fewest = n, nearest = candidate;
    }
    return nearest;
}

} // namespace portreg
