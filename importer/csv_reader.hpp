#pragma once
// Reads IANA's CSV rendering of the registry (service-names-port-numbers.csv)
// into a Release, through libcsv: RFC 4180 with quoted line breaks, CRLF or
// LF row ends, an optional UTF-8 byte order mark. The CSV carries the 12
// published columns only: no release date, registry metadata, footnote
// texts or people details; its person ids become people known by id only.

#include "portreg/error.hpp"
#include "portreg/newest_index.hpp"
#include "portreg/read_release.hpp"
#include "portreg/release.hpp"

#include <string>
#include <string_view>

namespace portreg {

// `date` is the release date (YYYY-MM-DD); empty = take the latest full
// registration or modification date in the file (Release::date_inferred
// says so). Fills everything but sha256, source and captured. Throws Error.
Release read_csv_release(std::string_view bytes, const Location& where,
                         const std::string& date = {});

// The same, with the index of the newest stored release (the fast path),
// asked for once the header is checked: the rows and people it holds (by
// their bytes, and by id) are not read but handed out as its entries
// (read_release.hpp).
ReadRelease read_csv_release(std::string_view bytes, const Location& where, const std::string& date,
                             const IndexSource& index);

// The references of one bracketed column, "[RFC6335][Jon_Postel]"; throws
// std::invalid_argument when `text` is not such a list. `people` makes every
// item a person reference (the Assignee and Contact columns); otherwise the
// type is read from the item's form: RFC/BCP/STD numbers, drafts, URIs,
// footnote numbers, and free text.
std::vector<Xref> parse_reference_list(std::string_view text, bool people);

} // namespace portreg
