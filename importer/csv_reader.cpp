#include "csv_reader.hpp"

#include "portreg/digest.hpp"
#include "portreg/render.hpp"
#include "portreg/text.hpp"
#include "portreg/values.hpp"

#include <csv.h>

#include <algorithm>
#include <cctype>
#include <deque>
#include <optional>
#include <stdexcept>
#include <unordered_set>

namespace portreg {

namespace {

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

// RFC6335, BCP14, STD9: the reference an rfc xref renders as.
bool is_rfc_series(std::string_view s) {
    for (std::string_view series : {"RFC", "BCP", "STD"})
        if (starts_with(s, series) && all_digits(s.substr(series.size()))) return true;
    return false;
}

// (draft|RFC)(-[a-zA-Z0-9]+)+, IANA's schema's pattern for draft names.
bool is_draft_name(std::string_view s) {
    std::string_view rest;
    if (starts_with(s, "draft"))
        rest = s.substr(5);
    else if (starts_with(s, "RFC"))
        rest = s.substr(3);
    else
        return false;
    if (rest.empty()) return false;
    for (std::size_t i = 0; i < rest.size();) {
        if (rest[i] != '-') return false;
        std::size_t j = i + 1;
        while (j < rest.size() && std::isalnum(static_cast<unsigned char>(rest[j])))
            ++j;
        if (j == i + 1) return false;
        i = j;
    }
    return true;
}

Xref classify(std::string item) {
    if (is_rfc_series(item)) {
        return {"rfc", ascii_lower(item), "", ""};
    }
    if (is_draft_name(item)) return {"draft", item, "", ""};
    for (std::string_view scheme : {"http://", "https://", "ftp://", "mailto:"})
        if (starts_with(item, scheme) && item.find(' ') == std::string::npos)
            return {"uri", item, "", ""};
    if (all_digits(item)) return {"note", item, "", ""};
    return {"text", "", item, ""};
}

struct Row {
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

// Collects libcsv's callbacks into rows, remembering where each row and
// field starts.
struct Collector {
    std::vector<Row> rows;
    Row current;
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
        self.current = Row();
        self.row_started = false;
        self.field_line = self.line + 1;
    }
};

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
    std::vector<Row> parse(std::string_view bytes, long line) {
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

private:
    csv_parser parser_;
    const Location& where_;
    [[noreturn]] void fail(long line, const std::string& message) {
        Location at = where_;
        at.line = line;
        throw Error(at, message);
    }
};

class CsvReader {
public:
    CsvReader(std::string_view bytes, const Location& where, const std::string& date,
              const IndexSource& index)
        : bytes_(bytes), where_(where), date_(date), index_source_(index) {}
    Release read();

private:
    std::string_view bytes_;
    Location where_;
    std::string date_;
    const IndexSource& index_source_;

    [[noreturn]] void fail(long line, const std::string& message) {
        Location at = where_;
        at.line = line;
        throw Error(at, message);
    }
    void check_header(const Row& header);
    Record record(const Row& row);
};

void CsvReader::check_header(const Row& header) {
    const auto& names = column_names();
    for (std::size_t i = 0; i < column_count; ++i) {
        if (i >= header.fields.size())
            fail(header.line,
                 "CSV header: missing column " + std::to_string(i + 1) + " \"" + names[i] + "\"");
        auto name = normalize_ws(header.fields[i]);
        if (name != names[i])
            fail(header.line, "CSV header: column " + std::to_string(i + 1) + " is \"" + name +
                                  "\", expected \"" + names[i] + "\"");
    }
    if (header.fields.size() > column_count)
        fail(header.line, "CSV header: unexpected column " + std::to_string(column_count + 1) +
                              " \"" + normalize_ws(header.fields[column_count]) + "\"");
}

Record CsvReader::record(const Row& row) {
    if (row.fields.size() != column_count)
        fail(row.line, "CSV: row has " + std::to_string(row.fields.size()) + " fields, expected " +
                           std::to_string(column_count));
    Columns c;
    for (std::size_t i = 0; i < column_count; ++i)
        c[i] = normalize_ws(row.fields[i]);
    Record r;
    r.name = c[0];
    r.number = c[1];
    if (!c[1].empty()) {
        r.port = parse_port_range(c[1]);
        if (!r.port) fail(row.line, port_range_problem(c[1]));
    }
    r.transport = c[2];
    if (!r.transport.empty() && !is_transport(r.transport))
        fail(row.line,
             "unknown transport \"" + r.transport + "\" (expected tcp, udp, sctp or dccp)");
    r.description = c[3];
    auto list = [&](std::size_t column, bool people) {
        try {
            return parse_reference_list(c[column], people);
        } catch (const std::invalid_argument& e) {
            fail(row.line, std::string(column_names()[column]) + ": " + e.what());
        }
    };
    auto assignee = list(4, true);
    auto contact = list(5, true);
    // Without an <assignee>, IANA renders the contacts in both columns.
    r.has_assignee = assignee != contact;
    if (r.has_assignee) r.assignee = std::move(assignee);
    r.own = std::move(contact);
    auto references = list(8, false);
    r.own.insert(r.own.end(), references.begin(), references.end());
    r.reg_date = c[6];
    r.mod_date = c[7];
    for (const auto* d : {&r.reg_date, &r.mod_date})
        if (!d->empty() && !is_registry_date(*d))
            fail(row.line, "bad date \"" + *d + "\" (expected YYYY-MM-DD or YYYY-MM)");
    r.service_code = c[9];
    if (!r.service_code.empty() && !all_digits(r.service_code))
        fail(row.line, "service code \"" + r.service_code + "\" is not a number");
    r.unauthorized = c[10];
    r.notes = c[11];
    return r;
}

Release CsvReader::read() {
    if (bytes_.empty()) throw Error(where_, "empty input");
    if (auto problem = text_problem(bytes_, "control character")) {
        auto lc = LineIndex(bytes_).at(problem->offset);
        Location at = where_;
        at.line = lc.line;
        at.column = lc.column;
        throw Error(at, problem->message);
    }
    if (starts_with(bytes_, "\xEF\xBB\xBF")) bytes_.remove_prefix(3);
    const auto spans = split_rows(bytes_);
    RowParser parser(where_);
    auto bytes_of = [&](const RowBytes& row) {
        return bytes_.substr(row.begin, row.end - row.begin);
    };
    std::vector<Row> rows;
    std::size_t next = 0; // the first span not parsed yet
    while (rows.empty() && next < spans.size()) {
        rows = parser.parse(bytes_of(spans[next]), spans[next].line);
        ++next;
    }
    if (rows.empty()) fail(1, "CSV: no header row");
    check_header(rows[0]);

    // Asked for once the file is known to be the registry's CSV. Only an
    // index of CSV rows knows these rows' bytes.
    std::shared_ptr<const NewestIndex> index;
    if (index_source_) index = index_source_();
    if (index && index->format != "csv") index.reset();
    std::optional<IndexCursor> known;
    if (index) known.emplace(*index);

    Release release;
    release.format = "csv";
    release.records.reserve(spans.size());
    release.record_keys.reserve(spans.size());
    std::vector<std::string_view> ids;
    std::unordered_set<std::string_view> seen;
    std::deque<std::string> facts; // of the rows read here (`ids` views them)
    std::string latest;
    auto take = [&](std::string_view text) {
        auto end = text.find('\n');
        if (auto date = text.substr(0, end); date > latest) latest = date;
        for (text.remove_prefix(end + 1); (end = text.find('\n')) != std::string_view::npos;
             text.remove_prefix(end + 1))
            if (auto id = text.substr(0, end); seen.insert(id).second) ids.push_back(id);
    };
    // A row read here; its key is zero (never looked up) where its bytes
    // held more rows than one.
    auto add_read = [&](const Row& row, const DigestKey& key) {
        auto r = std::make_shared<const Record>(record(row));
        facts.push_back(csv_row_facts(*r));
        take(facts.back());
        release.records.push_back(std::move(r));
        release.record_keys.push_back(key);
        if (known) release.record_entries.push_back(-1);
    };
    for (std::size_t i = 1; i < rows.size(); ++i) // the header's bytes held more rows
        add_read(rows[i], DigestKey());
    for (; next < spans.size(); ++next) {
        const auto& span = spans[next];
        const auto key = element_key(bytes_of(span));
        if (const auto entry = known ? known->take_record(key) : -1; entry >= 0) {
            release.records.push_back(nullptr);
            release.record_keys.push_back(key);
            release.record_entries.push_back(entry);
            take(index->text(index->records[static_cast<std::size_t>(entry)].refs));
            continue;
        }
        rows = parser.parse(bytes_of(span), span.line);
        for (const auto& row : rows)
            add_read(row, rows.size() == 1 ? key : DigestKey());
    }
    for (auto id : ids) {
        const auto key = element_key(id);
        release.person_keys.push_back(key);
        const auto entry = known ? known->take_person(key) : -1;
        if (known) release.person_entries.push_back(entry);
        if (entry >= 0) {
            release.people.push_back(nullptr);
            continue;
        }
        auto p = std::make_shared<Person>();
        p->id = std::string(id);
        release.people.push_back(std::move(p));
    }
    release.index = std::move(index);
    if (!date_.empty()) {
        release.registry_date = date_;
    } else {
        if (latest.empty())
            throw Error(where_, "no release date: the CSV has no full dates; pass --date");
        release.registry_date = latest;
        release.date_inferred = true;
    }
    return release;
}

} // namespace

std::vector<Xref> parse_reference_list(std::string_view text, bool people) {
    std::vector<Xref> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        if (text[pos] != '[')
            throw std::invalid_argument("\"" + std::string(text) +
                                        "\" is not a list of [references]");
        // An item ends at the "]" followed by "[" or the end of the text.
        std::size_t end = pos + 1;
        for (;; ++end) {
            end = text.find(']', end);
            if (end == std::string_view::npos)
                throw std::invalid_argument("\"" + std::string(text) + "\" has an unclosed [");
            if (end + 1 == text.size() || text[end + 1] == '[') break;
        }
        std::string item(text.substr(pos + 1, end - pos - 1));
        if (item.empty())
            throw std::invalid_argument("\"" + std::string(text) + "\" has an empty []");
        out.push_back(people ? Xref{"person", item, "", ""} : classify(std::move(item)));
        pos = end + 1;
    }
    return out;
}

Release read_csv_release(std::string_view bytes, const Location& where, const std::string& date,
                         const IndexSource& index) {
    return CsvReader(bytes, where, date, index).read();
}

} // namespace portreg
