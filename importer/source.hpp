#pragma once
// Where releases come from: a file, stdin ("-"), a directory (every release
// file below it) or an archive, compressed or not. Archives and compressed
// files are read through libarchive, member by member, never unpacked to
// disk.

#include "input_bytes.hpp"

#include "portreg/error.hpp"

#include <functional>
#include <string>

namespace portreg {

struct Input {
    Location where;       // file and member; line/column unset
    InputBytes bytes;     // the whole member, decompressed
    std::string captured; // ISO 8601 UTC modification time; empty if unknown
    std::string sha256;   // of bytes, in hex, once the caller's prepare step computed it
};

// IANA's release is about 7 MiB. An input larger than this is refused
// unread (through `on_error`) rather than held in memory: it is not the
// registry, and a stream such as /dev/zero would otherwise take all memory.
constexpr std::size_t max_input_bytes = std::size_t{64} << 20;

// Calls `visit` for each input in `path`, in order (directory entries sorted
// by name, archive members as stored). A problem with the source itself
// (missing file, corrupt archive member, an input over max_input_bytes, an
// archive without releases) goes to `on_error`; in a directory the next
// file is read after it, in a tar the next member after one too large.
// What `visit` throws passes through.
// Files and members whose names do not look like releases (.xml, .csv,
// possibly compressed or archived) are counted in `skipped`.
void for_each_input(const std::string& path, const std::function<void(Input&)>& visit,
                    const std::function<void(const Error&)>& on_error, std::size_t& skipped);

// The same, with the reading done on a second thread: while `visit` works
// on one input, the next is read, decompressed and given to `prepare` (on
// that thread), then waits to be taken, so that two inputs are held at a
// time. `visit` and `on_error` are called on the calling thread, in the
// order for_each_input would call them. What `visit` throws stops the
// reading and passes through. A file named as one release (not an archive)
// is read on the calling thread (read_on_calling_thread).
void for_each_input_ahead(const std::string& path, const std::function<void(Input&)>& prepare,
                          const std::function<void(Input&)>& visit,
                          const std::function<void(const Error&)>& on_error, std::size_t& skipped);

// Whether for_each_input_ahead reads `path` on the calling thread: a file
// named as one release.
bool read_on_calling_thread(const std::string& path);

} // namespace portreg
