#include "output.hpp"
#include "column_choice.hpp"
#include "html_page.hpp"
#include "terminal_table.hpp"

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

json text_or_null(const std::string& text) {
    return text.empty() ? json(nullptr) : json(text);
}

json xref_json(const Xref& x) {
    json j = {{"type", x.type}, {"data", text_or_null(x.data)}};
    if (!x.text.empty()) j["text"] = x.text;
    if (!x.section.empty()) j["section"] = x.section;
    return j;
}

json table_cell(const Table& table, std::size_t column, const std::string& text) {
    switch (table.json_type(column)) {
    case JsonType::number:
        if (text.empty()) return nullptr;
        return text.find_first_of(".eE") == std::string::npos ? json(std::stoll(text))
                                                              : json(std::stod(text));
    case JsonType::optional_text:
        return text_or_null(text);
    case JsonType::text:
        break;
    }
    return text;
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
    // IANA's columns as it renders them (a port is text there: "4748-4748");
    // an empty column is a missing value.
    for (std::size_t i = 0; i < column_count; ++i)
        j[keys[i]] = text_or_null(columns[i]);
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
            {"name", text_or_null(p.name)},
            {"organization", text_or_null(p.org)},
            {"uris", p.uris},
            {"updated", text_or_null(p.updated)}};
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

void write_json_list(std::ostream& out, Format format, const std::vector<json>& items) {
    if (format == Format::jsonl) {
        for (const auto& item : items)
            out << item.dump() << '\n';
        return;
    }
    out << json(items).dump(2) << '\n';
}

std::vector<json> table_json(const Table& table) {
    std::vector<json> objects;
    for (const auto& row : table.rows) {
        auto& object = objects.emplace_back(json::object());
        for (std::size_t c = 0; c < table.header.size(); ++c)
            object[table.header[c]] = table_cell(table, c, row[c]);
    }
    return objects;
}

void write_table(std::ostream& out, Format format, const Table& table, int width) {
    switch (format) {
    case Format::text:
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
        write_json_list(out, format, table_json(table));
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

void write_table(QueryContext& ctx, const Table& table) {
    auto shown = ctx.columns.empty()
                     ? table
                     : with_columns(table, header_columns(table.header, ctx.columns));
    shown.rows = ctx.on_page(shown.rows);
    if (ctx.format == Format::json || ctx.format == Format::jsonl)
        return write_json_results(ctx, table_json(shown));
    write_table(ctx.out, ctx.format, shown, ctx.width);
}

void write_json_results(QueryContext& ctx, const std::vector<json>& items) {
    if (!ctx.page_shown || ctx.format != Format::json)
        return write_json_list(ctx.out, ctx.format, items);
    ctx.out << paged_json(*ctx.page_shown, items).dump(2) << '\n';
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

namespace {

// Escaped ids with a line break allowed after each '_' and '-' and between
// ids ("[Christopher_<wbr>Allen]"): their column is at least as wide as the
// longest part, so a narrow column breaks them there and nowhere else.
std::string breakable_ids(const std::string& escaped) {
    std::string out;
    for (std::size_t i = 0; i < escaped.size(); ++i) {
        out += escaped[i];
        if (escaped[i] == '_' || escaped[i] == '-' ||
            (escaped[i] == ']' && escaped.compare(i + 1, 1, "[") == 0))
            out += "<wbr>";
    }
    return out;
}

} // namespace

void write_html_table(std::ostream& out, const Table& table) {
    out << (table.html_class.empty() ? "<table>" : "<table class=\"" + table.html_class + "\">")
        << "\n<tr>";
    for (const auto& h : table.header)
        out << "<th>" << html_escape(h) << "</th>";
    out << "</tr>\n";
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        out << "<tr>";
        for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
            const auto href = table.link(r, c);
            const auto cls = table.column_class(c);
            const auto text = cls == "ids" ? breakable_ids(html_escape(table.rows[r][c]))
                                           : html_escape(table.rows[r][c]);
            out << (cls.empty() ? "<td>" : "<td class=\"" + cls + "\">")
                << (href.empty() ? text : "<a href=\"" + html_escape(href) + "\">" + text + "</a>")
                << "</td>";
        }
        out << "</tr>\n";
    }
    out << "</table>\n";
}

namespace {

// Each of IANA's 12 columns by its names: IANA's, the terminal's, JSON's.
std::vector<std::vector<std::string>> record_column_names() {
    static const char* const terminal[] = {
        "SERVICE",    "PORT",     "TRANSPORT", "DESCRIPTION",  "ASSIGNEE",         "CONTACT",
        "REGISTERED", "MODIFIED", "REFERENCE", "SERVICE CODE", "UNAUTHORIZED USE", "NOTES"};
    std::vector<std::vector<std::string>> names;
    for (std::size_t c = 0; c < column_count; ++c)
        names.push_back({column_names()[c], terminal[c], snake_case(column_names()[c])});
    return names;
}

std::vector<std::size_t> record_columns(const QueryContext& ctx) {
    if (!ctx.columns.empty()) return chosen_columns(record_column_names(), ctx.columns);
    std::vector<std::size_t> all(ctx.format == Format::text ? 6 : column_count);
    for (std::size_t c = 0; c < all.size(); ++c)
        all[c] = c;
    return all;
}

// With --columns, a record's JSON holds the columns chosen alone.
json chosen_json(const Record& record, const QueryContext& ctx,
                 const std::vector<std::size_t>& columns) {
    auto whole = record_json(record);
    if (ctx.columns.empty()) return whole;
    json chosen = json::object();
    for (auto c : columns) {
        auto key = snake_case(column_names()[c]);
        chosen[key] = whole[key];
    }
    return chosen;
}

} // namespace

namespace {

// A record's name and port link to their pages.
std::vector<std::string> record_links(const QueryContext& ctx,
                                      const std::vector<std::size_t>& columns,
                                      const Columns& rendered) {
    std::vector<std::string> links;
    for (auto c : columns)
        links.push_back(c == 0 && !rendered[0].empty()   ? ctx.link_to(LinkTo::service, rendered[0])
                        : c == 1 && !rendered[1].empty() ? ctx.link_to(LinkTo::port, rendered[1])
                                                         : "");
    return links;
}

Table records_table(const QueryContext& ctx, const std::vector<RecordPtr>& records,
                    const std::vector<std::size_t>& columns) {
    const auto names = record_column_names();
    Table t;
    for (auto c : columns) {
        t.header.push_back(names[c][ctx.format == Format::text ? 1 : 0]);
        // Descriptions run long; everything else is an id or a number.
        t.fits.push_back(c == 3 ? Fit::shorten : Fit::wrap);
        t.column_classes.push_back(c == 4 || c == 5 ? "ids" : "");
    }
    t.html_class = "records";
    for (const auto& r : records) {
        auto rendered = render_record(*r);
        auto& row = t.rows.emplace_back();
        for (auto c : columns)
            row.push_back(rendered[c]);
        if (ctx.link_to && ctx.format == Format::html)
            t.links.push_back(record_links(ctx, columns, rendered));
    }
    return t;
}

Table people_table(Format format, const std::vector<PersonPtr>& people) {
    Table t;
    t.header = {"id", "name", "organization", "contact_uri", "last_updated"};
    if (format == Format::text) t.header = {"ID", "NAME", "ORGANIZATION", "URI", "UPDATED"};
    if (format == Format::html)
        t.header = {"ID", "Name", "Organization", "Contact URI", "Last Updated"};
    t.fits.assign(t.header.size(), Fit::wrap);
    t.html_class = "people";
    t.column_classes = {"ids"};
    for (const auto& p : people) {
        std::string uris;
        for (const auto& u : p->uris)
            uris += (uris.empty() ? "" : " ") + u;
        t.rows.push_back({p->id, p->name, p->org, uris, p->updated});
    }
    return t;
}

} // namespace

void write_records(QueryContext& ctx, const std::vector<RecordPtr>& records) {
    const auto columns = record_columns(ctx);
    if (ctx.format == Format::json || ctx.format == Format::jsonl) {
        std::vector<json> objects;
        for (const auto& r : records)
            objects.push_back(chosen_json(*r, ctx, columns));
        return write_json_results(ctx, objects);
    }
    write_table(ctx.out, ctx.format, records_table(ctx, records, columns), ctx.width);
}

bool for_people(Format format) {
    return format == Format::text || format == Format::markdown || format == Format::html;
}

void write_records_and_people(QueryContext& ctx, const std::vector<RecordPtr>& records,
                              const std::vector<PersonPtr>& people) {
    if (!for_people(ctx.format) || people.empty()) return write_records(ctx, records);
    const auto found = records_table(ctx, records, record_columns(ctx));
    auto named = people_table(ctx.format, people);
    if (ctx.format == Format::html) {
        if (ctx.link_to)
            for (const auto& row : named.rows)
                named.links.push_back({ctx.link_to(LinkTo::person, row[0])});
        write_html_head(ctx.out, "portreg");
        write_html_table(ctx.out, found);
        write_html_table(ctx.out, named);
        return write_html_tail(ctx.out);
    }
    write_table(ctx.out, ctx.format, found, ctx.width);
    ctx.out << '\n';
    write_table(ctx.out, ctx.format, named, ctx.width);
}

void write_people(std::ostream& out, Format format, const std::vector<PersonPtr>& people,
                  int width) {
    if (format != Format::json && format != Format::jsonl)
        return write_table(out, format, people_table(format, people), width);
    std::vector<json> objects;
    for (const auto& p : people)
        objects.push_back(person_json(*p));
    write_json_list(out, format, objects);
}

} // namespace portreg::query
