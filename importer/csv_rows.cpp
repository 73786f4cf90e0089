#include "csv_rows.hpp"

namespace portreg {

std::vector<RowBytes> split_rows(std::string_view bytes) {
    std::vector<RowBytes> out;
    out.reserve(bytes.size() / 64);
    RowBytes row;
    long line = 1;
    bool quoted = false, blank = true;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (c == '"') {
            quoted = !quoted;
            blank = false;
        } else if (c == '\n') {
            ++line;
            if (!quoted && !blank) {
                row.end = i + 1;
                out.push_back(row);
                row = RowBytes{i + 1, 0, line};
                blank = true;
            }
        } else if (c != '\r') {
            blank = false;
        }
    }
    if (row.begin < bytes.size()) {
        row.end = bytes.size();
        out.push_back(row);
    }
    return out;
}

namespace {

// Collects libcsv's callbacks into rows, remembering where each row and
// field starts.
struct Collector {
    std::vector<ParsedRow> rows;
    ParsedRow current;
    long line = 1;       // the line being fed
    long field_line = 1; // where the field being read began
    bool row_started = false;

    static void on_field(void* data, std::size_t size, void* self_ptr) {
        auto& self = *static_cast<Collector*>(self_ptr);
        if (!self.row_started) {
            self.current.line = self.field_line;
            self.row_started = true;
        }
        self.current.fields.emplace_back(static_cast<const char*>(data), size);
        self.field_line = self.line;
    }
    static void on_row(int, void* self_ptr) {
        auto& self = *static_cast<Collector*>(self_ptr);
        if (!self.row_started) self.current.line = self.field_line;
        self.rows.push_back(std::move(self.current));
        self.current = ParsedRow();
        self.row_started = false;
        self.field_line = self.line + 1;
    }
};

} // namespace

std::vector<ParsedRow> RowParser::parse(std::string_view bytes, long line) {
    Collector collector;
    collector.line = collector.field_line = line;
    // Fed one line at a time, so that rows and fields know their line.
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        auto eol = bytes.find('\n', pos);
        std::size_t end = eol == std::string_view::npos ? bytes.size() : eol + 1;
        if (csv_parse(&parser_, bytes.data() + pos, end - pos, Collector::on_field,
                      Collector::on_row, &collector) != end - pos)
            fail(collector.line, std::string("CSV: ") + csv_strerror(csv_error(&parser_)));
        if (eol != std::string_view::npos) ++collector.line;
        pos = end;
    }
    // Ends the row, and readies the parser for the next one.
    if (csv_fini(&parser_, Collector::on_field, Collector::on_row, &collector) != 0)
        fail(collector.field_line, "CSV: a quoted field that starts here is never closed");
    return std::move(collector.rows);
}

void RowParser::fail(long line, const std::string& message) {
    Location at = where_;
    at.line = line;
    throw Error(at, message);
}

} // namespace portreg
