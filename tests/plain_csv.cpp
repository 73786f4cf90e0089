#include "plain_csv.hpp"
#include "reference_text.hpp"

#include <csv.h>

#include <stdexcept>

namespace portreg::test {

namespace {

struct Rows {
    std::vector<CsvRow> rows;
    CsvRow row;
};

void on_field(void* field, std::size_t size, void* data) {
    static_cast<Rows*>(data)->row.push_back(folded({static_cast<const char*>(field), size}));
}

void on_row_end(int, void* data) {
    auto& rows = *static_cast<Rows*>(data);
    rows.rows.push_back(std::move(rows.row));
    rows.row.clear();
}

// Frees the parser's buffer however the reading ends.
struct Parser {
    csv_parser p{};
    Parser() {
        // Strict: a stray quote, or text after a closing quote, is an error
        // rather than read some way. Strict at the end too: an unclosed quote.
        // Without CSV_REPALL_NL the LF of a CRLF, and an empty line, end no row.
        if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
            throw std::runtime_error("csv_init failed");
    }
    ~Parser() { csv_free(&p); }
    Parser(const Parser&) = delete;
    Parser& operator=(const Parser&) = delete;
};

[[noreturn]] void fail(csv_parser& p, const std::string& where) {
    throw std::runtime_error("CSV " + where + ": " + csv_strerror(csv_error(&p)));
}

} // namespace

std::vector<CsvRow> read_plain_csv(std::string_view bytes) {
    constexpr std::string_view bom = "\xEF\xBB\xBF";
    if (bytes.substr(0, bom.size()) == bom) bytes.remove_prefix(bom.size());
    Parser parser;
    Rows rows;
    const auto read = csv_parse(&parser.p, bytes.data(), bytes.size(), on_field, on_row_end, &rows);
    if (read != bytes.size()) fail(parser.p, "error at byte " + std::to_string(read));
    // The last row, when no line end follows it.
    if (csv_fini(&parser.p, on_field, on_row_end, &rows) != 0) fail(parser.p, "at the end");
    return rows.rows;
}

} // namespace portreg::test
