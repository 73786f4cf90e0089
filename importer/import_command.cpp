#include "import_command.hpp"

#include "release_reader.hpp"
#include "source.hpp"

#include "portreg/database.hpp"
#include "portreg/digest.hpp"
#include "portreg/history_store.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <chrono>
#include <fstream>
#include <future>
#include <optional>
#include <ostream>
#include <set>

namespace portreg {

namespace {

// Smaller inputs are read in turn: a thread would cost more than it saves.
constexpr std::size_t parallel_min_bytes = 256 * 1024;

std::string summary_line(const ImportResult& r) {
    auto head = fmt::format("{} {} {:>5} records {:>5} people", r.registry_date,
                            r.sha256.substr(0, 8), r.records, r.people);
    if (r.already_present) return head + ": already present";
    if (!r.previous) return head + ": first release in history";
    return fmt::format("{}: {} added, {} removed, {} changed since {} {}", head, r.records_added,
                       r.records_removed, r.records_changed, r.previous->registry_date,
                       r.previous->sha256.substr(0, 8));
}

// Prints a release's warnings, except those the release before it had too:
// a history of hundreds of releases repeats the same few for years.
class WarningReport {
public:
    explicit WarningReport(std::ostream& err) : err_(err) {}
    void report(const Location& where, const std::vector<Warning>& warnings) {
        std::set<std::string> seen;
        for (const auto& w : warnings) {
            seen.insert(w.message);
            if (previous_.count(w.message)) {
                ++repeated_;
                continue;
            }
            Location at = where;
            at.line = w.line;
            at.column = w.column;
            err_ << "portreg-import: " << to_string(at) << w.message << " (warning)\n";
        }
        previous_ = std::move(seen);
    }
    void finish() {
        if (repeated_)
            err_ << fmt::format("portreg-import: {} warning(s) repeated from the release before "
                                "were not shown again\n",
                                repeated_);
    }

private:
    std::ostream& err_;
    std::set<std::string> previous_;
    std::size_t repeated_ = 0;
};

class Progress {
public:
    Progress(std::ostream& err, bool enabled) : err_(err), enabled_(enabled) {}
    void update(std::size_t done, std::size_t rejected) {
        if (!enabled_) return;
        auto now = std::chrono::steady_clock::now();
        if (now - last_ < std::chrono::milliseconds(200)) return;
        last_ = now;
        err_ << fmt::format("\r\033[K{} releases read, {} rejected", done, rejected) << std::flush;
        shown_ = true;
    }
    void clear() {
        if (shown_) err_ << "\r\033[K" << std::flush;
        shown_ = false;
    }

private:
    std::ostream& err_;
    bool enabled_;
    bool shown_ = false;
    std::chrono::steady_clock::time_point last_{};
};

using InputStep = std::function<void(Input&)>;

// The database and its store: opened, and the store's statements prepared,
// on a second thread while the first input is read (a millisecond or two
// each), or on this one.
class StoreOpening {
public:
    StoreOpening(const std::string& path, bool beside, FastPath fast_path) {
        auto open = [this, path, fast_path] {
            db_.emplace(open_database(path, OpenMode::read_write));
            store_.emplace(*db_, fast_path);
        };
        if (beside)
            opening_ = std::async(std::launch::async, open);
        else
            open();
    }
    // Waits for the opening, and throws what it threw.
    HistoryStore& get() {
        if (opening_.valid()) opening_.get();
        return *store_;
    }

private:
    // Destroyed in reverse: the thread is waited for before the rest.
    std::optional<SQLite::Database> db_;
    std::optional<HistoryStore> store_;
    std::future<void> opening_;
};

// One run of portreg-import: every input into the store, in order.
class ImportRun {
public:
    ImportRun(const ImportOptions& options, StoreOpening& opening, std::ostream& out,
              std::ostream& err)
        : opening_(opening), reader_(options.csv_date, options.fast_path), out_(out), err_(err),
          warnings_(err), progress_(err, options.progress), fast_path_(options.fast_path),
          index_asked_(!options.fast_path) {}

    int run(const std::vector<std::string>& inputs);

private:
    StoreOpening& opening_;
    // Set by have_store(), before anything is said of an input: a database
    // that cannot be opened is a fatal error, and the first one told.
    HistoryStore* store_ = nullptr;
    void have_store() {
        if (!store_) store_ = &opening_.get();
    }
    ReleaseReader reader_;
    std::ostream& out_;
    std::ostream& err_;
    WarningReport warnings_;
    Progress progress_;
    std::size_t done_ = 0, rejected_ = 0, skipped_ = 0;
    // The index of the newest release the store held when the run met its
    // first XML release (newest_index.hpp): the reader skips the elements it
    // holds, and a daily release is mostly those. It serves the whole run,
    // as its versions stay what they are while releases are added after it.
    // Off, no index is asked for or kept (ImportOptions::fast_path).
    const bool fast_path_;
    std::shared_ptr<const NewestIndex> index_;
    bool index_asked_;
    // The run is one release file: its index is kept as it is added.
    bool single_release_ = false;

    void visit(Input& input);
    bool hash_beside_reading(const Input& input);
    void import_hashing_beside(Input& input);
    ReadRelease read_new(Input& input, const std::string& digest);
    void add(const ReadRelease& release, Input& input, const std::string& digest);
    void report_error(const Error& e) {
        have_store();
        progress_.clear();
        err_ << "portreg-import: " << e.what() << '\n';
        ++rejected_;
    }
};

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
        progress_.clear();
        out_ << summary_line(*stored) << '\n';
        return;
    }
    release->sha256 = digest;
    add(*release, input, digest);
}

void ImportRun::add(const ReadRelease& release, Input& input, const std::string& digest) {
    auto result = store_->try_add(release, single_release_);
    // Where the index it was read with does not apply, it is read whole.
    std::optional<Release> whole;
    if (!result) {
        whole = reader_.read_afresh(input, digest);
        result = store_->add(*whole, single_release_);
    }
    const ReleaseHead& added = whole ? static_cast<const ReleaseHead&>(*whole) : release;
    progress_.clear();
    warnings_.report(input.where, added.warnings);
    out_ << summary_line(*result);
    if (added.date_inferred)
        out_ << " (date inferred from data: " << added.registry_date << "; pass --date to set it)";
    out_ << '\n';
}

void ImportRun::visit(Input& input) {
    have_store();
    ++done_;
    try {
        if (input.sha256.empty() && hash_beside_reading(input)) {
            import_hashing_beside(input);
        } else {
            if (input.sha256.empty()) input.sha256 = to_hex(sha256(input.bytes));
            // A release already stored is not read at all.
            const auto& digest = input.sha256;
            if (auto known = store_->find(digest)) {
                progress_.clear();
                out_ << summary_line(*known) << '\n';
            } else {
                auto release = read_new(input, digest);
                add(release, input, digest);
            }
        }
        // A line is printed once its release is committed: flushed at once,
        // a script reading it (or a kill) loses none.
        out_ << std::flush;
    } catch (const Error& e) {
        report_error(e);
    } catch (const std::exception& e) {
        report_error(Error(input.where, e.what()));
    }
    progress_.update(done_, rejected_);
}

int ImportRun::run(const std::vector<std::string>& inputs) {
    single_release_ = fast_path_ && inputs.size() == 1 && read_on_calling_thread(inputs[0]);
    for (const auto& path : inputs) {
        // Inputs are read, decompressed and hashed on a second thread, the
        // next one while this one is imported. A single release is read on
        // this thread, and hashed by visit(), perhaps beside its reading.
        const auto hash = [](Input& input) { input.sha256 = to_hex(sha256(input.bytes)); };
        for_each_input_ahead(
            path, read_on_calling_thread(path) ? [](Input&) {} : InputStep(hash),
            [this](Input& input) { visit(input); }, [this](const Error& e) { report_error(e); },
            skipped_);
    }
    have_store();
    // Once, for the release that is the newest now, if this run added it
    // (and has not kept it yet).
    try {
        if (fast_path_) store_->save_index();
    } catch (const std::exception& e) {
        // The releases are in; only the next import will be slower.
        err_ << "portreg-import: could not keep the index of the newest release: " << e.what()
             << '\n';
    }
    progress_.clear();
    warnings_.finish();
    if (skipped_)
        err_ << fmt::format("portreg-import: skipped {} file(s) that are not releases\n", skipped_);
    if (rejected_)
        err_ << fmt::format("portreg-import: {} release(s) rejected, nothing of them stored\n",
                            rejected_);
    return rejected_ ? 1 : 0;
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

} // namespace

int run_import(const ImportOptions& options, std::ostream& out, std::ostream& err) {
    StoreOpening opening(options.database, open_beside_reading(options.inputs),
                         options.fast_path ? FastPath::on : FastPath::off);
    return ImportRun(options, opening, out, err).run(options.inputs);
}

} // namespace portreg
