#include "release_reader.hpp"

#include "csv_reader.hpp"
#include "xml_reader.hpp"

#include "portreg/digest.hpp"
#include "portreg/text.hpp"
#include "portreg/timestamp.hpp"

namespace portreg {

InputFormat detect_format(std::string_view bytes) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    auto first = bytes.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return InputFormat::unknown;
    if (bytes[first] == '<') return InputFormat::xml;
    if (bytes.substr(first, 13) == "Service Name,") return InputFormat::csv;
    return InputFormat::unknown;
}

Release ReleaseReader::read_afresh(Input& input, const std::string& digest) {
    xml_cache_ = XmlCache();
    return read(input, digest);
}

Release ReleaseReader::read(Input& input, const std::string& digest) {
    return read(input, digest, IndexSource()).whole();
}

ReadRelease ReleaseReader::read(Input& input, const std::string& digest, const IndexSource& index) {
    ReadRelease release;
    switch (detect_format(input.bytes)) {
    case InputFormat::xml:
        release = read_xml_release(input.bytes, input.where, reuse_ ? &xml_cache_ : nullptr, index);
        break;
    case InputFormat::csv:
        release = read_csv_release(input.bytes, input.where, csv_date_, index);
        break;
    case InputFormat::unknown:
        if (input.bytes.empty()) throw Error(input.where, "empty input");
        if (starts_utf16(input.bytes))
            throw Error(input.where, "input is UTF-16; the registry is published in UTF-8");
        throw Error(input.where, "not a registry release: neither XML nor IANA's CSV");
    }
    release.sha256 = digest;
    release.source = input.where.file;
    if (!input.where.member.empty()) release.source += ":" + input.where.member;
    release.captured = input.captured;
    // No file time (stdin): the release was captured now.
    if (release.captured.empty()) release.captured = utc_now();
    return release;
}

} // namespace portreg
