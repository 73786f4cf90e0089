#pragma once
// One run of portreg-import, for its two files: import_command.cpp, the
// run in order, input after input; import_beside.cpp, the work it has done
// on a second thread meanwhile (opening the database, reading the index,
// hashing, the store's reading ahead).

#include "import_command.hpp"
#include "import_report.hpp"
#include "release_reader.hpp"
#include "source.hpp"

#include "portreg/history_store.hpp"

#include <SQLiteCpp/Database.h>

#include <future>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace portreg::import_detail {

// The database and its store: opened, and the store's statements prepared,
// on a second thread while the first input is read (a millisecond or two
// each), or on this one.
class StoreOpening {
public:
    StoreOpening(const std::string& path, bool beside, FastPath fast_path);
    // Waits for the opening, and throws what it threw.
    HistoryStore& get();
    // The database the store writes to; after get().
    SQLite::Database& database() { return *db_; }

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
    // One input from elsewhere (a download), as run() takes a file.
    int run_one(Input& input);
    // The releases of the run that were stored, or found stored already,
    // in the order of the run.
    const std::vector<ImportResult>& accepted() const { return accepted_; }

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
    std::vector<ImportResult> accepted_;
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

    // import_command.cpp
    void visit(Input& input);
    int finish();
    // Says what became of a release (its line), and keeps the result.
    void tell(const ImportResult& result, const std::string& remark = {});
    void add(const ReadRelease& release, Input& input, const std::string& digest);
    // import_beside.cpp
    bool hash_beside_reading(const Input& input);
    void import_hashing_beside(Input& input);
    ReadRelease read_new(Input& input, const std::string& digest);
    void report_error(const Error& e) {
        have_store();
        progress_.clear();
        err_ << "portreg-import: " << e.what() << '\n';
        ++rejected_;
    }
};

// Whether to open the database beside reading the one input (import_beside.cpp).
bool open_beside_reading(const std::vector<std::string>& inputs);

} // namespace portreg::import_detail
