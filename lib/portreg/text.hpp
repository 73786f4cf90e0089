#pragma once
// Text rules shared by every reader: IANA's whitespace normalization, UTF-8
// validation, and turning byte offsets into line and column numbers.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portreg {

// The white space of XML, and of IANA's text: space, tab, CR, LF.
inline bool is_ws(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Each run of space, tab, CR or LF becomes one space; the ends are trimmed.
std::string normalize_ws(std::string_view text);
// Appends `text` to `out`, folding white space as normalize_ws does, except
// that leading/trailing white space becomes a single pending space; call
// trim_ws on the final string.
void append_folded(std::string& out, std::string_view text);
void trim_ws(std::string& s);

// `text` with ASCII letters in lower case: service names, person ids and
// hashes compare that way (RFC 6335 names are ASCII).
std::string ascii_lower(std::string_view text);

// How many single-letter edits turn `a` into `b` (Levenshtein).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest `word`, ignoring case, for messages that guess what
// was meant: one that starts with it, or one at most two edits away (the
// fewest wins, the first of equals); empty when none is that near.
std::string nearest_word(const std::string& word, const std::vector<std::string>& candidates);

// Whether `bytes` start with a UTF-16 byte order mark (either order): such
// an input is named as UTF-16, not as broken UTF-8.
inline bool starts_utf16(std::string_view bytes) {
    return bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') ||
                                 (bytes[0] == '\xFE' && bytes[1] == '\xFF'));
}

struct TextProblem {
    std::size_t offset;
    std::string message;
};

// Why `bytes` are not a release's text, and where: UTF-16, a byte that is
// not UTF-8, or a control character (`control` says it in the reader's
// terms). Empty when they are.
std::optional<TextProblem> text_problem(std::string_view bytes, const char* control);

// Offset of the first byte that is not part of well-formed UTF-8 (overlongs,
// surrogates and code points above U+10FFFF included), or npos. With
// `controls_too`, also of the first C0 control character other than tab, LF
// and CR, which XML 1.0 does not allow.
std::size_t find_invalid_utf8(std::string_view bytes, bool controls_too = false);

struct LineColumn {
    long line;
    long column; // 1-based, in bytes
};

// Maps byte offsets of one buffer to line/column, counting line feeds only
// as far as asked; increasing offsets continue where the last one ended.
class LineIndex {
public:
    explicit LineIndex(std::string_view text) : text_(text) {}
    LineColumn at(std::size_t offset);

private:
    std::string_view text_;
    std::size_t counted_ = 0;    // line feeds are counted up to here
    long line_ = 1;              // the line at counted_
    std::size_t line_start_ = 0; // where that line starts
};

} // namespace portreg
