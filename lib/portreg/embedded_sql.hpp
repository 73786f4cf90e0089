#pragma once
// The project's .sql files, compiled in (see cmake/EmbedSql.cmake).
//
// A file is either run whole (schema, views) or is a set of named
// statements, each introduced by a line `-- name: NAME`.

#include <string>
#include <string_view>
#include <vector>

namespace portreg::sql {

struct EmbeddedFile {
    std::string_view path; // relative to the source tree, e.g. "sql/views.sql"
    std::string_view text;
};

const std::vector<EmbeddedFile>& embedded_files();

// The whole text of an embedded file; throws if there is none.
std::string_view file(std::string_view path);

// The statement called `name` in any embedded file ("-- name: NAME").
const std::string& statement(std::string_view name);

// The head of a multi-row insert (a statement ending in VALUES) followed by
// `rows` tuples of `columns` parameters: one statement of many rows opens
// the table and its indexes once instead of once per row.
std::string multi_row(std::string_view head, int rows, int columns);

} // namespace portreg::sql
