#pragma once
// A registry release as plain data: what a reader produces and the history
// store consumes. All text is whitespace-normalized (see text.hpp).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace portreg {

struct Xref {
    std::string type;    // person, rfc, draft, uri, text, note, ...
    std::string data;    // may be empty (type text)
    std::string text;    // may be empty
    std::string section; // the section attribute, for a reference into a document
    bool operator==(const Xref& o) const {
        return type == o.type && data == o.data && text == o.text && section == o.section;
    }
};

struct PortRange {
    int low = 0;
    int high = 0;
    bool operator==(const PortRange& o) const { return low == o.low && high == o.high; }
};

// The order of an element's children as published, one letter each
// (record_layout and person_layout say which); empty elements are in it,
// absent ones are not. Empty when the version was not read from XML.
using Layout = std::string;

struct Record {
    std::string name;
    std::string number;            // <number> as written: "4748-4748" stays so
    std::optional<PortRange> port; // what `number` says
    std::string transport;
    std::string description; // rich text, rendered
    std::string reg_date;    // YYYY-MM-DD or YYYY-MM, as written
    std::string mod_date;
    std::string service_code;
    std::string unauthorized;
    std::string notes; // rich text, rendered
    // The rich texts as published: an XML fragment with the inline
    // elements (<xref>, <br/>, <paragraph>, <artwork>) where they stand,
    // white space folded. Empty when the text holds no element.
    std::string description_xml, notes_xml;
    Layout layout;
    bool has_assignee = false;
    std::vector<Xref> own;      // direct child xrefs, document order
    std::vector<Xref> assignee; // xrefs inside <assignee>
    std::vector<Xref> description_xrefs;
    std::vector<Xref> note_xrefs;
};

struct Person {
    std::string id;
    std::string name;
    std::string org;
    std::vector<std::string> uris;
    std::string updated;
    Layout layout;
};

// Records and people are shared, immutable once read: a reader hands the
// same object to every release that repeats it byte for byte, and the store
// recognizes it without looking at its content again.
using RecordPtr = std::shared_ptr<const Record>;
using PersonPtr = std::shared_ptr<const Person>;

struct RegistryNote {
    std::optional<std::string> title; // the attribute, when there is one
    std::string text;
    std::string xml; // as Record::description_xml
    std::vector<Xref> xrefs;
};

struct Footnote {
    std::string anchor;
    std::string text;
    std::string xml; // as Record::description_xml
    std::vector<Xref> xrefs;
};

struct RegistryMeta {
    std::string title;
    std::string category;
    std::string expert;
    std::vector<Xref> xrefs;
    std::vector<RegistryNote> notes;
    std::vector<Footnote> footnotes;
};

// Something usable as published but worth saying, such as a reference to a
// person the release does not define.
struct Warning {
    long line = 0;
    long column = 0;
    std::string message;
};

// A release but for its records and people: where it came from, its
// date, its registry metadata, what its reader warned of.
struct ReleaseHead {
    std::string registry_date;        // YYYY-MM-DD
    std::string sha256;               // hex, of the source bytes
    std::string format;               // "xml" or "csv"
    std::string source;               // file (and member) it came from
    std::string captured;             // ISO 8601 UTC; orders releases of one date
    bool date_inferred = false;       // a CSV's date, taken from its latest record date
    std::optional<RegistryMeta> meta; // absent for CSV
    std::vector<Warning> warnings;
};

// A release read whole: what a reader produces and the history store
// consumes (read_release.hpp has what the fast path adds).
struct Release : ReleaseHead {
    std::vector<RecordPtr> records;
    std::vector<PersonPtr> people;
};

} // namespace portreg
