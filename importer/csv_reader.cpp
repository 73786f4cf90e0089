#include "csv_reader.hpp"

#include "csv_rows.hpp"

#include "portreg/digest.hpp"
#include "portreg/render.hpp"
#include "portreg/text.hpp"
#include "portreg/values.hpp"

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

class CsvReader {
public:
    CsvReader(std::string_view bytes, const Location& where, const std::string& date,
              const IndexSource& index)
        : bytes_(bytes), where_(where), date_(date), index_source_(index) {}
    ReadRelease read();

private:
    std::string_view bytes_;
    Location where_;
    std::string date_;
    const IndexSource& index_source_;

    ReleaseDraft draft_; // the release as it is read (read_release.hpp)
    std::shared_ptr<const NewestIndex> index_;
    std::optional<IndexCursor> known_;  // over index_, when there is one
    std::vector<std::string_view> ids_; // people named, first mention first
    std::unordered_set<std::string_view> seen_ids_;
    std::deque<std::string> facts_; // of the rows read here (`ids_` views them)
    std::string latest_;            // record date

    [[noreturn]] void fail(long line, const std::string& message) {
        Location at = where_;
        at.line = line;
        throw Error(at, message);
    }
    void check_text();
    std::vector<ParsedRow> header(const std::vector<RowBytes>& spans, RowParser& parser,
                                  std::size_t& next);
    void check_header(const ParsedRow& header);
    void take_index();
    void read_rows(const std::vector<RowBytes>& spans, RowParser& parser, std::size_t next);
    void add_read(const ParsedRow& row, const DigestKey& key);
    void take_facts(std::string_view text);
    void add_people();
    void date_release();
    Record record(const ParsedRow& row);
    std::string_view bytes_of(const RowBytes& row) const {
        return bytes_.substr(row.begin, row.end - row.begin);
    }
};

void CsvReader::check_header(const ParsedRow& header) {
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

Record CsvReader::record(const ParsedRow& row) {
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

ReadRelease CsvReader::read() {
    check_text();
    const auto spans = split_rows(bytes_);
    RowParser parser(where_);
    std::size_t next = 0; // the first span not parsed yet
    auto rows = header(spans, parser, next);
    take_index();
    draft_.release.format = "csv";
    draft_.release.records.reserve(spans.size());
    draft_.record_keys.reserve(spans.size());
    for (std::size_t i = 1; i < rows.size(); ++i) // the header's bytes held more rows
        add_read(rows[i], DigestKey());
    read_rows(spans, parser, next);
    add_people();
    date_release();
    return std::move(draft_).finish(std::move(index_));
}

void CsvReader::check_text() {
    if (bytes_.empty()) throw Error(where_, "empty input");
    if (auto problem = text_problem(bytes_, "control character")) {
        auto lc = LineIndex(bytes_).at(problem->offset);
        Location at = where_;
        at.line = lc.line;
        at.column = lc.column;
        throw Error(at, problem->message);
    }
    if (starts_with(bytes_, "\xEF\xBB\xBF")) bytes_.remove_prefix(3);
}

// The rows of the first span that holds any, checked to begin with the
// header; `next` is then the span after it.
std::vector<ParsedRow> CsvReader::header(const std::vector<RowBytes>& spans, RowParser& parser,
                                         std::size_t& next) {
    std::vector<ParsedRow> rows;
    while (rows.empty() && next < spans.size()) {
        rows = parser.parse(bytes_of(spans[next]), spans[next].line);
        ++next;
    }
    if (rows.empty()) fail(1, "CSV: no header row");
    check_header(rows[0]);
    return rows;
}

// Asked for once the file is known to be the registry's CSV. Only an index
// of CSV rows knows these rows' bytes.
void CsvReader::take_index() {
    if (index_source_) index_ = index_source_();
    if (index_ && index_->format != "csv") index_.reset();
    if (index_) known_.emplace(*index_);
}

void CsvReader::read_rows(const std::vector<RowBytes>& spans, RowParser& parser, std::size_t next) {
    for (; next < spans.size(); ++next) {
        const auto& span = spans[next];
        const auto key = element_key(bytes_of(span));
        if (const auto entry = known_ ? known_->take_record(key) : -1; entry >= 0) {
            draft_.release.records.push_back(nullptr);
            draft_.record_keys.push_back(key);
            draft_.record_entries.push_back(entry);
            take_facts(index_->text(index_->records[static_cast<std::size_t>(entry)].refs));
            continue;
        }
        auto rows = parser.parse(bytes_of(span), span.line);
        for (const auto& row : rows)
            add_read(row, rows.size() == 1 ? key : DigestKey());
    }
}

// A row read here; its key is zero (never looked up) where its bytes held
// more rows than one.
void CsvReader::add_read(const ParsedRow& row, const DigestKey& key) {
    auto r = std::make_shared<const Record>(record(row));
    facts_.push_back(csv_row_facts(*r));
    take_facts(facts_.back());
    draft_.release.records.push_back(std::move(r));
    draft_.record_keys.push_back(key);
    if (known_) draft_.record_entries.push_back(-1);
}

// A row's facts (csv_row_facts): its latest date, then the people it names.
void CsvReader::take_facts(std::string_view text) {
    auto end = text.find('\n');
    if (auto date = text.substr(0, end); date > latest_) latest_ = date;
    for (text.remove_prefix(end + 1); (end = text.find('\n')) != std::string_view::npos;
         text.remove_prefix(end + 1))
        if (auto id = text.substr(0, end); seen_ids_.insert(id).second) ids_.push_back(id);
}

void CsvReader::add_people() {
    for (auto id : ids_) {
        const auto key = element_key(id);
        draft_.person_keys.push_back(key);
        const auto entry = known_ ? known_->take_person(key) : -1;
        if (known_) draft_.person_entries.push_back(entry);
        if (entry >= 0) {
            draft_.release.people.push_back(nullptr);
            continue;
        }
        auto p = std::make_shared<Person>();
        p->id = std::string(id);
        draft_.release.people.push_back(std::move(p));
    }
}

void CsvReader::date_release() {
    if (!date_.empty()) {
        draft_.release.registry_date = date_;
        return;
    }
    if (latest_.empty())
        throw Error(where_, "no release date: the CSV has no full dates; pass --date");
    draft_.release.registry_date = latest_;
    draft_.release.date_inferred = true;
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

ReadRelease read_csv_release(std::string_view bytes, const Location& where, const std::string& date,
                             const IndexSource& index) {
    return CsvReader(bytes, where, date, index).read();
}

Release read_csv_release(std::string_view bytes, const Location& where, const std::string& date) {
    return read_csv_release(bytes, where, date, IndexSource()).whole();
}

} // namespace portreg
