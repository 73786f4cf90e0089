// The work a run of portreg-import has done on a second thread, beside the
// reading on the first (import_run.hpp).

#include "import_run.hpp"

#include "portreg/database.hpp"
#include "portreg/digest.hpp"

#include <fstream>

namespace portreg::import_detail {

namespace {

// Smaller inputs are read in turn: a thread would cost more than it saves.
constexpr std::size_t parallel_min_bytes = 256 * 1024;

} // namespace

StoreOpening::StoreOpening(const std::string& path, bool beside, FastPath fast_path) {
    auto open = [this, path, fast_path] {
        db_.emplace(open_database(path, OpenMode::read_write));
        store_.emplace(*db_, fast_path);
    };
    if (beside)
        opening_ = std::async(std::launch::async, open);
    else
        open();
}

HistoryStore& StoreOpening::get() {
    if (opening_.valid()) opening_.get();
    return *store_;
}

// An XML release found in no other place than this one file, and dated
// unlike every stored release, cannot be stored yet (its copy would bear
// the same date), so there is no need to know its hash before reading it.
bool ImportRun::hash_beside_reading(const Input& input) {
    if (input.bytes.size() < parallel_min_bytes || detect_format(input.bytes) != InputFormat::xml)
        return false;
    auto date = peek_registry_date(input.bytes);
    return !date.empty() && !store_->holds_date(date);
}

// Reads a release not stored yet, whose hash is known. For the first XML
// release of a run the store reads the index on a second thread while the
// reader parses. Without an index, reading XML takes longer than the
// store's reading ahead of what it needs about the newest release
// (prepare()), so that runs on the second thread too. A CSV is read in a
// fraction of that time, and often goes before the newest release (beside
// its XML twin), where what was read ahead is of no use: the store is left
// to read what it needs itself.
ReadRelease ImportRun::read_new(Input& input, const std::string& digest) {
    // A CSV's records are the versions of the release before it that render
    // the same, so only the index of that release serves it, as the newest
    // one now: asked for each time, never kept for the run.
    if (detect_format(input.bytes) != InputFormat::xml)
        return reader_.read(input, digest,
                            fast_path_ ? IndexSource([this] { return store_->newest_index("csv"); })
                                       : IndexSource());
    const bool ask = !index_asked_;
    index_asked_ = true;
    // With none at all, the reader need not look for what one holds.
    const auto given = [this] {
        return index_ ? IndexSource([this] { return index_; }) : IndexSource();
    };
    if (input.bytes.size() < parallel_min_bytes) {
        if (ask) index_ = store_->newest_index("xml");
        return reader_.read(input, digest, given());
    }
    std::promise<std::shared_ptr<const NewestIndex>> asked;
    auto answer = asked.get_future();
    auto ahead = std::async(std::launch::async, [&] {
        if (ask) {
            try {
                asked.set_value(store_->newest_index("xml"));
            } catch (...) {
                asked.set_value(nullptr); // read without; the failure can wait
                throw;
            }
        }
        store_->prepare(); // nothing to do when the index gave it all
    });
    std::optional<ReadRelease> release;
    try {
        release = reader_.read(input, digest,
                               ask ? IndexSource([&] { return index_ = answer.get(); }) : given());
    } catch (...) {
        ahead.wait(); // the store is free again; a failure of its own can wait
        throw;
    }
    ahead.get(); // passes on what the store threw
    return std::move(*release);
}

// A single release that hash_beside_reading() admitted: a second thread
// reads the index, then takes the release's hash and looks it up, while the
// reader parses. The reader needs the index soon (once it has outlined the
// input), the hash only at the end; and a release of a date not stored is
// hardly ever stored already.
void ImportRun::import_hashing_beside(Input& input) {
    std::string digest;
    std::optional<ImportResult> stored;
    std::promise<std::shared_ptr<const NewestIndex>> asked;
    auto answer = asked.get_future();
    const bool ask = !index_asked_;
    index_asked_ = true;
    // A holder of the bytes of its own, for the other thread.
    const InputBytes bytes = input.bytes;
    auto ahead = std::async(std::launch::async, [&] {
        std::shared_ptr<const NewestIndex> index;
        try {
            if (ask) index = store_->newest_index("xml");
        } catch (...) {
            asked.set_value(nullptr);
            throw;
        }
        asked.set_value(index);
        digest = to_hex(sha256(bytes));
        stored = store_->find(digest);
        if (!stored) store_->prepare();
    });
    std::optional<ReadRelease> release;
    try {
        release = reader_.read(input, {}, [&] { return index_ = answer.get(); });
    } catch (...) {
        // A release stored already is that, whatever its reading says now.
        ahead.wait();
        if (!stored) throw;
    }
    ahead.get();
    if (stored) {
        tell(*stored);
        return;
    }
    release->sha256 = digest;
    add(*release, input, digest);
}

// One XML release file: its reading goes on beside the opening of the
// database, and a second thread works beside the parse anyway. Not for a
// CSV, read without one (a second thread makes every allocation pay for
// locking), nor for many inputs, read on a thread of their own, whose
// errors the store must not wait for.
bool open_beside_reading(const std::vector<std::string>& inputs) {
    if (inputs.size() != 1 || !read_on_calling_thread(inputs[0])) return false;
    std::ifstream file(inputs[0], std::ios::binary);
    char head[512];
    file.read(head, sizeof head);
    return detect_format(std::string_view(head, static_cast<std::size_t>(file.gcount()))) ==
           InputFormat::xml;
}

} // namespace portreg::import_detail
