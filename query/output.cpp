#include "output.hpp"
#include "html_page.hpp"

#include "portreg/render.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace portreg::query {

namespace {

using nlohmann::json;

std::string snake_case(const char* name) {
    std::string out;
    for (const char* p = name; *p; ++p)
        out.push_back(*p == ' ' ? '_' : char(std::tolower(static_cast<unsigned char>(*p))));
    return out;
}

json xref_json(const Xref& x) {
    json j = {{"type", x.type}, {"data", x.data}};
    if (!x.text.empty()) j["text"] = x.text;
    if (!x.section.empty()) j["section"] = x.section;
    return j;
}

// Display width of UTF-8 text: one column per code point.
std::size_t columns_of(const std::string& s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// `s` cut to `width` columns, with an ellipsis when cut.
std::string fit(const std::string& s, std::size_t width) {
    if (columns_of(s) <= width) return s;
    std::string out;
    std::size_t cols = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((s[i] & 0xC0) != 0x80 && ++cols == width) break;
        out.push_back(s[i]);
    }
    while (!out.empty() && (out.back() & 0xC0) == 0x80)
        out.pop_back();
    return out + "\xE2\x80\xA6";
}

void write_aligned(std::ostream& out, const Table& table, int width) {
    const std::size_t n = table.header.size();
    std::vector<std::size_t> widths(n);
    for (std::size_t c = 0; c < n; ++c) {
        widths[c] = columns_of(table.header[c]);
        for (const auto& row : table.rows)
            widths[c] = std::max(widths[c], columns_of(row[c]));
    }
    // Too wide for the line: narrow the widest column, one column at a
    // time, down to a floor of 8.
    const auto line = static_cast<std::size_t>(std::max(width, 40));
    auto total = [&] {
        std::size_t sum = 2 * (n - 1);
        for (auto w : widths)
            sum += w;
        return sum;
    };
    for (std::size_t excess = total(); excess > line;) {
        auto widest = std::max_element(widths.begin(), widths.end());
        if (*widest <= 8) break;
        --*widest;
        --excess;
    }
    auto print = [&](const std::vector<std::string>& cells) {
        std::string text;
        for (std::size_t c = 0; c < n; ++c) {
            auto cell = fit(cells[c], widths[c]);
            text += cell;
            if (c + 1 < n) text += std::string(widths[c] - columns_of(cell) + 2, ' ');
        }
        while (!text.empty() && text.back() == ' ')
            text.pop_back();
        out << text << '\n';
    };
    print(table.header);
    std::vector<std::string> rule;
    for (auto w : widths)
        rule.push_back(std::string(w, '-'));
    print(rule);
    for (const auto& row : table.rows)
        print(row);
}

// A JSON array of the items (json), or one object per line (jsonl).
template <typename Items, typename ToJson>
void write_json(std::ostream& out, Format format, const Items& items, ToJson to_json) {
    json all = json::array();
    for (const auto& item : items) {
        if (format == Format::jsonl)
            out << to_json(item).dump() << '\n';
        else
            all.push_back(to_json(item));
    }
    if (format == Format::json) out << all.dump(2) << '\n';
}

void write_csv_row(std::ostream& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) out << ',';
        out << csv_field(cells[i]);
    }
    out << "\r\n";
}

} // namespace

json record_json(const Record& r) {
    static const auto keys = [] {
        std::vector<std::string> k;
        for (auto name : column_names())
            k.push_back(snake_case(name));
        return k;
    }();
    auto columns = render_record(r);
    json j = json::object();
    for (std::size_t i = 0; i < column_count; ++i)
        j[keys[i]] = columns[i];
    j["port_low"] = r.port ? json(r.port->low) : json(nullptr);
    j["port_high"] = r.port ? json(r.port->high) : json(nullptr);
    json assignees = json::array(), contacts = json::array(), references = json::array();
    for (const auto& x : r.own) {
        if (x.type == "person") {
            contacts.push_back(xref_json(x));
            if (!r.has_assignee) assignees.push_back(xref_json(x));
        } else {
            references.push_back(xref_json(x));
        }
    }
    for (const auto& x : r.assignee)
        assignees.push_back(xref_json(x));
    j["assignees"] = assignees;
    j["contacts"] = contacts;
    j["references"] = references;
    return j;
}

json person_json(const Person& p) {
    return {{"id", p.id},
            {"name", p.name},
            {"organization", p.org},
            {"uris", p.uris},
            {"updated", p.updated}};
}

std::string csv_field(const std::string& value) {
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    return out + "\"";
}

void write_table(std::ostream& out, Format format, const Table& table, int width) {
    switch (format) {
    case Format::table:
        write_aligned(out, table, width);
        break;
    case Format::csv:
    case Format::services:
    case Format::xml:
        write_csv_row(out, table.header);
        for (const auto& row : table.rows)
            write_csv_row(out, row);
        break;
    case Format::json:
    case Format::jsonl:
        write_json(out, format, table.rows, [&](const std::vector<std::string>& row) {
            json j = json::object();
            for (std::size_t c = 0; c < table.header.size(); ++c)
                j[table.header[c]] = row[c];
            return j;
        });
        break;
    case Format::markdown:
        write_markdown_table(out, table);
        break;
    case Format::html:
        write_html_head(out, "portreg");
        write_html_table(out, table);
        write_html_tail(out);
        break;
    }
}

void write_markdown_table(std::ostream& out, const Table& table) {
    auto row = [&](const std::vector<std::string>& cells) {
        out << '|';
        for (const auto& c : cells) {
            out << ' ';
            for (char ch : c)
                out << (ch == '|' ? "\\|" : std::string(1, ch));
            out << " |";
        }
        out << '\n';
    };
    row(table.header);
    out << '|';
    for (std::size_t i = 0; i < table.header.size(); ++i)
        out << " --- |";
    out << '\n';
    for (const auto& r : table.rows)
        row(r);
}

void write_html_table(std::ostream& out, const Table& table) {
    out << "<table>\n<tr>";
    for (const auto& h : table.header)
        out << "<th>" << html_escape(h) << "</th>";
    out << "</tr>\n";
    for (const auto& r : table.rows) {
        out << "<tr>";
        for (const auto& c : r)
            out << "<td>" << html_escape(c) << "</td>";
        out << "</tr>\n";
    }
    out << "</table>\n";
}

void write_records(std::ostream& out, Format format, const std::vector<RecordPtr>& records,
                   int width) {
    if (format == Format::json || format == Format::jsonl) {
        write_json(out, format, records, [](const RecordPtr& r) { return record_json(*r); });
        return;
    }
    Table t;
    if (format == Format::table) {
        t.header = {"SERVICE", "PORT", "TRANSPORT", "DESCRIPTION"};
        for (const auto& r : records) {
            auto c = render_record(*r);
            t.rows.push_back({c[0], c[1], c[2], c[3]});
        }
    } else {
        for (auto name : column_names())
            t.header.emplace_back(name);
        for (const auto& r : records) {
            auto c = render_record(*r);
            t.rows.emplace_back(c.begin(), c.end());
        }
    }
    write_table(out, format, t, width);
}

void write_people(std::ostream& out, Format format, const std::vector<PersonPtr>& people,
                  int width) {
    if (format == Format::json || format == Format::jsonl) {
        write_json(out, format, people, [](const PersonPtr& p) { return person_json(*p); });
        return;
    }
    Table t;
    t.header = {"id", "name", "organization", "contact_uri", "last_updated"};
    if (format == Format::table) t.header = {"ID", "NAME", "ORGANIZATION", "URI", "UPDATED"};
    for (const auto& p : people) {
        std::string uris;
        for (const auto& u : p->uris)
            uris += (uris.empty() ? "" : " ") + u;
        t.rows.push_back({p->id, p->name, p->org, uris, p->updated});
    }
    write_table(out, format, t, width);
}

} // namespace portreg::query
