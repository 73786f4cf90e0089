#pragma once
// Turns one input into a Release: recognizes the format by content and
// fills in the release's identity (sha256 of its bytes, source, capture
// time).

#include "source.hpp"
#include "xml_reader.hpp"

#include "portreg/read_release.hpp"
#include "portreg/release.hpp"

namespace portreg {

enum class InputFormat { xml, csv, unknown };

InputFormat detect_format(std::string_view bytes);

// Reads inputs one after another, remembering what consecutive releases
// share so that it is read only once.
class ReleaseReader {
public:
    // `csv_date`: the date of CSV releases (which carry none); empty = infer.
    // `reuse`: hand out again the elements of the release read before that
    // repeat byte for byte (the fast path; see XmlCache).
    explicit ReleaseReader(std::string csv_date = {}, bool reuse = true)
        : csv_date_(std::move(csv_date)), reuse_(reuse) {}

    // `sha256` is that of input.bytes, in hex.
    Release read(Input& input, const std::string& sha256);
    // The same, with the index of the newest stored release, when the store
    // has one (the fast path, read_release.hpp).
    ReadRelease read(Input& input, const std::string& sha256, const IndexSource& index);
    // Reads the release read last once more, whole, and without the
    // elements of the release before it (HistoryStore::add of a
    // ReadRelease says when). `input` is the one given to read() before.
    Release read_afresh(Input& input, const std::string& sha256);

private:
    std::string csv_date_;
    bool reuse_;
    XmlCache xml_cache_;
};

} // namespace portreg
