#pragma once
// The rows of a CSV: where each one's bytes are, found without parsing,
// and libcsv over the bytes of those that need reading.

#include "portreg/error.hpp"

#include <csv.h>

#include <string>
#include <string_view>
#include <vector>

namespace portreg {

struct ParsedRow {
    std::vector<std::string> fields;
    long line = 0; // where the row starts
};

// The bytes of one row as the file has them, line end included, with the
// blank lines before it: what the index of the newest release knows a row
// by. A row ends at a line feed outside quotes, so counting quotes finds
// the rows without parsing them; libcsv parses only those it needs.
struct RowBytes {
    std::size_t begin = 0, end = 0;
    long line = 1; // of its first byte
};

std::vector<RowBytes> split_rows(std::string_view bytes);

// libcsv, strict, over one row's bytes at a time.
class RowParser {
public:
    explicit RowParser(const Location& where) : where_(where) {
        if (csv_init(&parser_, CSV_STRICT | CSV_STRICT_FINI) != 0)
            throw Error(where_, "cannot start the CSV parser");
    }
    ~RowParser() { csv_free(&parser_); }
    RowParser(const RowParser&) = delete;
    RowParser& operator=(const RowParser&) = delete;

    // The rows in `bytes`, which start on line `line`: one, but for input
    // that a line feed does not end rows in (a bare carriage return does
    // for libcsv), or blank lines alone.
    std::vector<ParsedRow> parse(std::string_view bytes, long line);

private:
    csv_parser parser_;
    const Location& where_;
    [[noreturn]] void fail(long line, const std::string& message);
};

} // namespace portreg
