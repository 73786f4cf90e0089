// portreg-import --fetch: the registry downloaded, only if it changed since
// the last fetch of that URL, and imported as a file would be.

#include "download_tries.hpp"
#include "import_run.hpp"

#include "portreg/embedded_sql.hpp"
#include "portreg/fetch_state.hpp"
#include "portreg/statement.hpp"
#include "portreg/timestamp.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

namespace portreg {

namespace {

using namespace import_detail;

// The validators to send: those of the last release received from `url`,
// if that release is still stored (one removed since must come again).
FetchValidators validators_to_send(FetchState& state, HistoryStore& store, const std::string& url) {
    auto last = state.get(url);
    if (!last || !store.find(last->sha256)) return {};
    return *last;
}

DownloadRequest request_for(const FetchOptions& fetch, const FetchValidators& last) {
    return {fetch.url, last.etag, last.last_modified, fetch.timeout_seconds};
}

std::string not_modified_line(HistoryStore& store, const FetchValidators& last) {
    auto release = store.find(last.sha256);
    const std::string& since = last.last_modified.empty() ? last.checked_at : last.last_modified;
    return fmt::format("{} {}: not modified since {}\n", release->registry_date,
                       release->sha256.substr(0, 8), since);
}

// DIR/YYYY-MM-DD-HASH8.xml, as the mirrors name releases; written whole
// under another name first, so that no half file ever bears that name.
void save_release(const std::string& dir, const ImportResult& release, std::string_view bytes) {
    namespace fs = std::filesystem;
    fs::create_directories(dir);
    const auto name = release.registry_date + "-" + release.sha256.substr(0, 8) + ".xml";
    const auto path = fs::path(dir) / name;
    const auto partial = fs::path(dir) / ("." + name + ".part");
    {
        std::ofstream file(partial, std::ios::binary | std::ios::trunc);
        file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        file.close();
        if (!file) throw Error(partial.string() + ": cannot write");
    }
    fs::rename(partial, path);
}

std::string newest_date(SQLite::Database& db) {
    Statement newest(db, sql::statement("fetch.newest_date"));
    auto rows = newest.query();
    return rows.next() ? rows.text(0) : std::string();
}

Input input_from(const FetchOptions& fetch, DownloadAnswer& answer) {
    Input input;
    input.where.file = fetch.url;
    std::string captured = iso_from_http_date(answer.headers.last_modified);
    input.captured = captured.empty() ? utc_now() : captured;
    input.bytes = InputBytes(std::move(answer.body));
    return input;
}

// After a release from `url` was accepted: the stale-mirror warning, the
// copy under --save, the validators for the next fetch.
void after_accepted(const FetchOptions& fetch, const ImportResult& release, const Input& input,
                    const std::string& newest_before, const ResponseHeaders& headers,
                    SQLite::Database& db, std::ostream& err) {
    if (release.registry_date < newest_before)
        err << fmt::format("portreg-import: warning: {}: release {} is older than the newest "
                           "stored ({}); the server may be a stale mirror\n",
                           fetch.url, release.registry_date, newest_before);
    if (!fetch.save_dir.empty()) save_release(fetch.save_dir, release, input.bytes);
    FetchState(db).received(fetch.url,
                            {headers.etag, headers.last_modified, release.sha256, utc_now()});
}

} // namespace

ImportOutcome run_fetch(const ImportOptions& options, const FetchOptions& fetch, std::ostream& out,
                        std::ostream& err) {
    StoreOpening opening(options.database, false, options.fast_path ? FastPath::on : FastPath::off);
    HistoryStore& store = opening.get();
    SQLite::Database& db = opening.database();
    FetchState state(db);
    const auto last = validators_to_send(state, store, fetch.url);
    DownloadAnswer answer;
    try {
        answer = download(request_for(fetch, last), err);
    } catch (const DownloadFailed& failure) {
        err << "portreg-import: " << fetch.url << ": " << failure.what() << '\n';
        return {1, {}};
    }
    if (answer.headers.status == 304) {
        if (last.sha256.empty()) {
            err << "portreg-import: " << fetch.url << ": HTTP status 304 to a request that was "
                << "not conditional\n";
            return {1, {}};
        }
        state.not_modified(fetch.url, utc_now());
        out << not_modified_line(store, last) << std::flush;
        return {0, {}};
    }
    const auto newest_before = newest_date(db);
    Input input = input_from(fetch, answer);
    ImportRun run(options, opening, out, err);
    int exit_code = run.run_one(input);
    if (run.accepted().empty()) return {exit_code, {}};
    try {
        after_accepted(fetch, run.accepted().front(), input, newest_before, answer.headers, db,
                       err);
    } catch (const std::exception& e) {
        err << "portreg-import: " << fetch.url << ": " << e.what() << '\n';
        exit_code = 1;
    }
    return {exit_code, run.accepted()};
}

} // namespace portreg
