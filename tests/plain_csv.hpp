#pragma once
// A reference reading of a CSV file for the tests: libcsv used directly, with
// nothing of portreg's, so that the importer's reader has something
// independent to be checked against.

#include <string>
#include <string_view>
#include <vector>

namespace portreg::test {

using CsvRow = std::vector<std::string>;

// Every row, the header included, each field with its white space folded
// (runs of space, tab, CR, LF become one space; ends trimmed) and nothing
// else changed. RFC 4180 quoting; CRLF or LF row ends; a UTF-8 byte order
// mark at the start is dropped; empty lines make no row.
// Throws std::runtime_error on a libcsv error.
std::vector<CsvRow> read_plain_csv(std::string_view bytes);

} // namespace portreg::test
