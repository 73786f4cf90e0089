// A run of portreg-import in order: input after input, each release read
// and added, or reported (import_run.hpp).

#include "import_run.hpp"

#include "portreg/digest.hpp"

#include <fmt/format.h>

namespace portreg {

namespace import_detail {

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
    tell(*result, added.date_inferred ? " (date inferred from data: " + added.registry_date +
                                            "; pass --date to set it)"
                                      : std::string());
}

void ImportRun::tell(const ImportResult& result, const std::string& remark) {
    progress_.clear();
    out_ << summary_line(result) << remark << '\n';
    accepted_.push_back(result);
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
                tell(*known);
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
            path, read_on_calling_thread(path) ? [](Input&) {} : std::function<void(Input&)>(hash),
            [this](Input& input) { visit(input); }, [this](const Error& e) { report_error(e); },
            skipped_);
    }
    return finish();
}

int ImportRun::run_one(Input& input) {
    single_release_ = fast_path_;
    visit(input);
    return finish();
}

// What a run does and says once its inputs are done.
int ImportRun::finish() {
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

} // namespace import_detail

ImportOutcome run_import(const ImportOptions& options, std::ostream& out, std::ostream& err) {
    using namespace import_detail;
    StoreOpening opening(options.database, open_beside_reading(options.inputs),
                         options.fast_path ? FastPath::on : FastPath::off);
    ImportRun run(options, opening, out, err);
    const int exit_code = run.run(options.inputs);
    return {exit_code, run.accepted()};
}

} // namespace portreg
