#pragma once
// Rows for the renderers of output.hpp: a header and text cells, with what
// each column is when a terminal line is too narrow for it and in JSON.

#include <string>
#include <vector>

namespace portreg::query {

// When the table is wider than the terminal: a shortened column is cut with
// an ellipsis, a wrapped one continues on the next lines and never breaks
// a word (ids and URIs stay whole, ready to copy).
enum class Fit { shorten, wrap };

// A cell in JSON: text as it is; a number, or null when empty; text, or
// null when empty (a missing value).
enum class JsonType { text, number, optional_text };

struct Table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows; // NULL as empty
    std::vector<Fit> fits;                      // per column; none given: shorten
    std::vector<JsonType> json_types;           // per column; none given: text
    // HTML: per row, per column, where a cell links to ("" or none: nowhere).
    std::vector<std::vector<std::string>> links;
    std::string html_class; // HTML: the table's class, for a style or a test to find it
    // HTML: per column, a class of its cells. "ids": person ids, which
    // break only after '_' or '-' or between two ids, never inside a word.
    std::vector<std::string> column_classes;

    Fit fit(std::size_t column) const { return column < fits.size() ? fits[column] : Fit::shorten; }
    std::string link(std::size_t row, std::size_t column) const {
        return row < links.size() && column < links[row].size() ? links[row][column] : "";
    }
    std::string column_class(std::size_t column) const {
        return column < column_classes.size() ? column_classes[column] : "";
    }
    JsonType json_type(std::size_t column) const {
        return column < json_types.size() ? json_types[column] : JsonType::text;
    }
};

} // namespace portreg::query
