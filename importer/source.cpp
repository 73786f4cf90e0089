#include "source.hpp"

#include "portreg/timestamp.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <memory>
#include <optional>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace portreg {

namespace fs = std::filesystem;

namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() &&
           std::equal(suffix.rbegin(), suffix.rend(), s.rbegin(), [](char a, char b) {
               return a == std::tolower(static_cast<unsigned char>(b));
           });
}

// Names that can hold releases: XML or CSV, bare, compressed or archived.
bool looks_like_release(const std::string& name) {
    for (auto ext : {".xml", ".csv", ".tar", ".tgz", ".txz", ".tzst"})
        if (ends_with(name, ext)) return true;
    for (auto comp : {".gz", ".xz", ".zst", ".bz2"}) {
        if (!ends_with(name, comp)) continue;
        auto inner = name.substr(0, name.size() - std::strlen(comp));
        for (auto ext : {".xml", ".csv", ".tar"})
            if (ends_with(inner, ext)) return true;
    }
    return false;
}

// A name of one release, not of an archive of them.
bool is_single_release(const std::string& name) {
    for (auto ext : {".xml", ".csv"}) {
        if (ends_with(name, ext)) return true;
        for (auto comp : {".gz", ".xz", ".zst", ".bz2"})
            if (ends_with(name, std::string(ext) + comp)) return true;
    }
    return false;
}

// Problems of the source itself, as opposed to errors `visit` throws.
struct SourceError : Error {
    using Error::Error;
};

struct ArchiveDeleter {
    void operator()(archive* a) const { archive_read_free(a); }
};

[[noreturn]] void archive_fail(archive* a, const Location& where, const std::string& what) {
    const char* msg = archive_error_string(a);
    throw SourceError(where, what + (msg ? std::string(": ") + msg : std::string()));
}

// Reads the current member into in.bytes, with room for `expected` bytes
// from the start; false when it is larger than max_input_bytes. The rest
// of a tar member is skipped to reach the next one; a plain stream (raw)
// is left unread, as it may never end.
bool read_member(archive* a, Input& in, bool raw, std::size_t expected) {
    std::string bytes;
    bytes.reserve(std::min(expected, max_input_bytes));
    char buffer[1 << 16];
    for (;;) {
        la_ssize_t n = archive_read_data(a, buffer, sizeof buffer);
        if (n == 0) break;
        if (n < 0) archive_fail(a, in.where, "cannot read");
        if (bytes.size() + static_cast<std::size_t>(n) > max_input_bytes) {
            if (raw) return false;
            while ((n = archive_read_data(a, buffer, sizeof buffer)) > 0) {
            }
            if (n < 0) archive_fail(a, in.where, "cannot read");
            return false;
        }
        bytes.append(buffer, static_cast<std::size_t>(n));
    }
    in.bytes = std::move(bytes);
    return true;
}

// A file that is one uncompressed release, XML or CSV by its first bytes
// (and no tar: its header's magic is at byte 257).
bool is_plain_release(std::string_view head) {
    if (head.size() > 262 && head.substr(257, 5) == "ustar") return false;
    if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
    auto first = head.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return false;
    return head[first] == '<' || head.substr(first, 13) == "Service Name,";
}

struct FdCloser {
    int fd;
    ~FdCloser() { ::close(fd); }
};

// Has the kernel back [data, data + size) with memory in one call, where
// touching it page by page took a fault each: a third of the time reading
// a release of today took (kernels before 5.14 do not know the advice).
void populate(const char* data, std::size_t size) {
#ifdef MADV_POPULATE_WRITE
    const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    const auto from = (reinterpret_cast<std::uintptr_t>(data) + page - 1) / page * page;
    const auto to = (reinterpret_cast<std::uintptr_t>(data) + size) / page * page;
    if (to > from) ::madvise(reinterpret_cast<void*>(from), to - from, MADV_POPULATE_WRITE);
#else
    (void)data;
    (void)size;
#endif
}

// Reads a plain release file in one go: through libarchive, 64 KiB at a
// time and copied once more, reading a release of today took 2.7 ms
// instead of 1. False when the file is not one (libarchive reads it then).
bool read_plain(const std::string& path, const std::string& display,
                const std::function<void(Input&)>& visit,
                const std::function<void(const Error&)>& on_error) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false; // libarchive says why
    FdCloser closer{fd};
    struct stat st;
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return false;
    char head[512];
    const auto got = ::pread(fd, head, sizeof head, 0);
    if (got <= 0 || !is_plain_release(std::string_view(head, static_cast<std::size_t>(got))))
        return false;
    Input in;
    in.where = Location{display, {}, 0, 0};
    in.captured = iso_utc(st.st_mtime);
    const auto size = static_cast<std::size_t>(st.st_size);
    std::string bytes;
    bytes.reserve(std::min(size, max_input_bytes) + 1);
    populate(bytes.data(), bytes.capacity());
    bytes.resize(std::min(size, max_input_bytes) + 1);
    std::size_t have = 0;
    for (;;) {
        if (have == bytes.size()) {
            if (have > max_input_bytes) {
                on_error(
                    Error(in.where, "larger than " + std::to_string(max_input_bytes >> 20) +
                                        " MiB: not a registry release (IANA's is about 7 MiB)"));
                return true;
            }
            bytes.resize(std::min(have * 2, max_input_bytes + 1)); // it grew meanwhile
        }
        const auto n = ::read(fd, bytes.data() + have, bytes.size() - have);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw SourceError(in.where, std::string("cannot read: ") + std::strerror(errno));
        if (n == 0) break;
        have += static_cast<std::size_t>(n);
    }
    bytes.resize(have);
    in.bytes = std::move(bytes);
    visit(in);
    return true;
}

using ArchivePtr = std::unique_ptr<archive, ArchiveDeleter>;

ArchivePtr open_archive(const std::string& path, const Location& where) {
    ArchivePtr a(archive_read_new());
    archive_read_support_filter_all(a.get());
    archive_read_support_format_tar(a.get());
    archive_read_support_format_empty(a.get());
    archive_read_support_format_raw(a.get());
    int rc = path == "-" ? archive_read_open_fd(a.get(), 0, 1 << 16)
                         : archive_read_open_filename(a.get(), path.c_str(), 1 << 16);
    if (rc != ARCHIVE_OK) archive_fail(a.get(), where, "cannot read");
    return a;
}

// The file an archive was opened from, when it is one: its time, and its
// size for a plain file.
struct ArchiveFile {
    std::string time;
    std::optional<std::size_t> size;
};

// The input at the archive's current entry, and how many bytes it is
// expected to hold; none where the entry is no release file.
struct Entry {
    Input input;
    std::size_t expected_size = 0;
};

std::optional<Entry> entry_input(archive* a, archive_entry* entry, const Location& where,
                                 const ArchiveFile& file, std::size_t& skipped) {
    const bool raw = archive_format(a) == ARCHIVE_FORMAT_RAW;
    Input in;
    in.where = where;
    if (!raw) {
        const char* name = archive_entry_pathname(entry);
        in.where.member = name ? name : "";
        if (archive_entry_filetype(entry) != AE_IFREG) return std::nullopt;
        if (!looks_like_release(in.where.member)) {
            ++skipped;
            return std::nullopt;
        }
    }
    in.captured =
        !raw && archive_entry_mtime_is_set(entry) ? iso_utc(archive_entry_mtime(entry)) : file.time;
    std::size_t expected = 0;
    if (archive_entry_size_is_set(entry) && archive_entry_size(entry) > 0)
        expected = static_cast<std::size_t>(archive_entry_size(entry));
    else if (raw && file.size && archive_filter_code(a, 0) == ARCHIVE_FILTER_NONE)
        // A plain file: its size is known, so the buffer is not grown (and
        // copied) step by step to hold it.
        expected = *file.size;
    return Entry{std::move(in), expected};
}

// Reads a file (or stdin when path is "-") through libarchive: a tar gives
// its members, anything else is one input, decompressed if need be.
void read_archive(const std::string& path, const std::string& display,
                  const std::function<void(Input&)>& visit,
                  const std::function<void(const Error&)>& on_error, std::size_t& skipped) {
    const Location where{display, {}, 0, 0};
    auto a = open_archive(path, where);
    ArchiveFile file;
    struct stat st;
    if (path != "-" && ::stat(path.c_str(), &st) == 0) {
        file.time = iso_utc(st.st_mtime);
        file.size = static_cast<std::size_t>(st.st_size);
    }
    archive_entry* entry = nullptr;
    bool any = false;
    for (int rc; (rc = archive_read_next_header(a.get(), &entry)) != ARCHIVE_EOF;) {
        if (rc < ARCHIVE_WARN) archive_fail(a.get(), where, "corrupt archive");
        auto found = entry_input(a.get(), entry, where, file, skipped);
        if (!found) continue;
        any = true;
        auto& in = found->input;
        if (read_member(a.get(), in, archive_format(a.get()) == ARCHIVE_FORMAT_RAW,
                        found->expected_size))
            visit(in);
        else
            on_error(Error(in.where, "larger than " + std::to_string(max_input_bytes >> 20) +
                                         " MiB: not a registry release (IANA's is about 7 MiB)"));
    }
    if (any) return;
    if (archive_format(a.get()) == ARCHIVE_FORMAT_EMPTY) {
        Input in;
        in.where = where;
        in.captured = file.time;
        visit(in); // the reader reports the empty input
        return;
    }
    // A tar without release members, or only zeros (which read as an empty
    // tar): nothing was imported, and saying nothing would look like success.
    on_error(Error(where, "no releases in this archive (no .xml or .csv members)"));
}

} // namespace

void for_each_input(const std::string& path, const std::function<void(Input&)>& visit,
                    const std::function<void(const Error&)>& on_error, std::size_t& skipped) {
    auto read_one = [&](const std::string& file, const std::string& display) {
        try {
            if (file != "-" && read_plain(file, display, visit, on_error)) return;
            read_archive(file, display, visit, on_error, skipped);
        } catch (const SourceError& e) {
            on_error(e);
        }
    };
    if (path == "-") {
        read_one(path, "-");
        return;
    }
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        on_error(Error(path + ": " + (ec ? ec.message() : std::strerror(ENOENT))));
        return;
    }
    if (!fs::is_directory(status)) {
        read_one(path, path);
        return;
    }
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
        if (!it->is_regular_file()) continue;
        auto name = it->path().filename().string();
        if (name.empty() || name[0] == '.') continue;
        if (looks_like_release(name))
            files.push_back(it->path());
        else
            ++skipped;
    }
    if (ec) {
        on_error(Error(path + ": " + ec.message()));
        return;
    }
    if (files.empty()) {
        on_error(Error(path + ": no releases in this directory (no .xml or .csv files)"));
        return;
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
        read_one(f.string(), f.string());
}

bool read_on_calling_thread(const std::string& path) {
    std::error_code ec;
    return path != "-" && fs::is_regular_file(path, ec) && is_single_release(path);
}

} // namespace portreg
