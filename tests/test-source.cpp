#include "support.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <thread>

using namespace portreg;

namespace {

struct Member {
    std::string name;
    std::string bytes;
    std::time_t mtime;
};

// Writes `members` to `path` as a tar (or, with raw, one compressed file),
// through `filter` ("gzip", "xz", "zstd" or "none").
void write_archive(const std::string& path, const std::vector<Member>& members,
                   const std::string& filter, bool raw = false) {
    archive* a = archive_write_new();
    if (filter == "gzip") archive_write_add_filter_gzip(a);
    if (filter == "xz") archive_write_add_filter_xz(a);
    if (filter == "zstd") archive_write_add_filter_zstd(a);
    if (raw)
        archive_write_set_format_raw(a);
    else
        archive_write_set_format_pax_restricted(a);
    REQUIRE(archive_write_open_filename(a, path.c_str()) == ARCHIVE_OK);
    for (const auto& m : members) {
        archive_entry* e = archive_entry_new();
        archive_entry_set_pathname(e, m.name.c_str());
        archive_entry_set_size(e, static_cast<la_int64_t>(m.bytes.size()));
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, 0644);
        archive_entry_set_mtime(e, m.mtime, 0);
        REQUIRE(archive_write_header(a, e) == ARCHIVE_OK);
        archive_write_data(a, m.bytes.data(), m.bytes.size());
        archive_entry_free(e);
    }
    archive_write_close(a);
    archive_write_free(a);
}

struct Collected {
    std::vector<Input> inputs;
    std::vector<std::string> errors;
    std::size_t skipped = 0;
};

Collected collect(const std::string& path) {
    Collected c;
    for_each_input(
        path, [&](Input& in) { c.inputs.push_back(std::move(in)); },
        [&](const Error& e) { c.errors.push_back(e.what()); }, c.skipped);
    return c;
}

} // namespace

TEST_CASE("a plain file is one input with the file's time") {
    test::TempDir dir;
    test::write_file(dir.file("r.xml"), "<x/>");
    auto c = collect(dir.file("r.xml"));
    REQUIRE(c.inputs.size() == 1);
    CHECK(c.inputs[0].bytes == "<x/>");
    CHECK(c.inputs[0].where.file == dir.file("r.xml"));
    CHECK(c.inputs[0].where.member.empty());
    CHECK(c.inputs[0].captured.size() == 20);
    CHECK(c.errors.empty());
}

TEST_CASE("compressed files and archives are read member by member") {
    test::TempDir dir;
    std::vector<Member> members = {{"xml/a.xml", "<a/>", 1700000000},
                                   {"README.md", "not a release", 1700000000},
                                   {"xml/b.csv", "Service Name,x", 1700086400}};
    for (std::string filter : {"none", "gzip", "xz", "zstd"}) {
        INFO(filter);
        auto path = dir.file("h-" + filter + ".tar");
        write_archive(path, members, filter);
        auto c = collect(path);
        REQUIRE(c.inputs.size() == 2);
        CHECK(c.inputs[0].where.member == "xml/a.xml");
        CHECK(c.inputs[0].bytes == "<a/>");
        CHECK(c.inputs[0].captured == "2023-11-14T22:13:20Z");
        CHECK(c.inputs[1].where.member == "xml/b.csv");
        CHECK(c.inputs[1].captured == "2023-11-15T22:13:20Z");
        CHECK(c.skipped == 1);
        CHECK(c.errors.empty());
    }
    auto gz = dir.file("one.xml.gz");
    write_archive(gz, {{"one.xml", "<registry/>", 1700000000}}, "gzip", true);
    auto c = collect(gz);
    REQUIRE(c.inputs.size() == 1);
    CHECK(c.inputs[0].bytes == "<registry/>");
}

TEST_CASE("a directory gives every release file in it, sorted") {
    test::TempDir dir;
    std::filesystem::create_directories(dir.file("sub"));
    test::write_file(dir.file("b.xml"), "<b/>");
    test::write_file(dir.file("sub/a.xml"), "<a/>");
    test::write_file(dir.file("notes.txt"), "skip me");
    test::write_file(dir.file(".hidden.xml"), "<h/>");
    auto c = collect(dir.path());
    REQUIRE(c.inputs.size() == 2);
    CHECK(c.inputs[0].bytes == "<b/>");
    CHECK(c.inputs[1].bytes == "<a/>");
    CHECK(c.skipped == 1);
}

TEST_CASE("source problems are reported, with the archive member") {
    test::TempDir dir;
    SECTION("a missing path") {
        auto c = collect(dir.file("missing.xml"));
        REQUIRE(c.errors.size() == 1);
        CHECK_THAT(c.errors[0], Catch::Contains("missing.xml: No such file or directory"));
    }
    SECTION("a directory without releases") {
        test::write_file(dir.file("README"), "x");
        auto c = collect(dir.path());
        REQUIRE(c.errors.size() == 1);
        CHECK_THAT(c.errors[0], Catch::Contains("no releases in this directory"));
    }
    SECTION("a corrupt archive member") {
        std::string big(200000, 'x');
        for (std::size_t i = 0; i < big.size(); i += 7)
            big[i] = char('a' + i % 26);
        auto path = dir.file("c.tar.gz");
        write_archive(path, {{"xml/a.xml", "<a/>", 1700000000}, {"xml/b.xml", big, 1700000000}},
                      "gzip");
        auto bytes = test::slurp(path);
        test::write_file(path, bytes.substr(0, bytes.size() * 2 / 3));
        auto c = collect(path);
        CHECK(c.inputs.size() == 1);
        REQUIRE(c.errors.size() == 1);
        CHECK_THAT(c.errors[0], Catch::StartsWith(path + ": xml/b.xml: "));
    }
    SECTION("an empty file is one empty input, for the reader to refuse") {
        test::write_file(dir.file("empty.xml"), "");
        auto c = collect(dir.file("empty.xml"));
        REQUIRE(c.inputs.size() == 1);
        CHECK(c.inputs[0].bytes.empty());
    }
}

TEST_CASE("an input larger than max_input_bytes is refused unread, the next one still read") {
    test::TempDir dir;
    std::string big(max_input_bytes + 1, ' ');
    SECTION("a plain file") {
        test::write_file(dir.file("big.xml"), big);
        auto c = collect(dir.file("big.xml"));
        CHECK(c.inputs.empty());
        REQUIRE(c.errors.size() == 1);
        CHECK_THAT(c.errors[0], Catch::Equals(dir.file("big.xml") +
                                              ": larger than 64 MiB: not a registry release "
                                              "(IANA's is about 7 MiB)"));
    }
    SECTION("a tar member, before a small one") {
        auto path = dir.file("big.tar");
        write_archive(path, {{"big.xml", big, 1700000000}, {"small.xml", "<a/>", 1700000000}},
                      "none");
        auto c = collect(path);
        REQUIRE(c.errors.size() == 1);
        CHECK_THAT(c.errors[0], Catch::StartsWith(path + ": big.xml: larger than 64 MiB"));
        REQUIRE(c.inputs.size() == 1);
        CHECK(c.inputs[0].where.member == "small.xml");
    }
    SECTION("exactly the limit is read") {
        big.pop_back();
        test::write_file(dir.file("limit.xml"), big);
        auto c = collect(dir.file("limit.xml"));
        CHECK(c.errors.empty());
        REQUIRE(c.inputs.size() == 1);
        CHECK(c.inputs[0].bytes.size() == max_input_bytes);
    }
}

TEST_CASE("an archive without release members is an error, not silence") {
    test::TempDir dir;
    SECTION("a tar of notes") {
        auto path = dir.file("notes.tar");
        write_archive(path, {{"README", "notes", 1700000000}}, "none");
        auto c = collect(path);
        CHECK(c.inputs.empty());
        CHECK(c.skipped == 1);
        REQUIRE(c.errors.size() == 1);
        CHECK_THAT(c.errors[0], Catch::Contains("no releases in this archive"));
    }
    SECTION("zeros, which libarchive reads as an empty tar") {
        test::write_file(dir.file("zeros.xml"), std::string(4096, '\0'));
        auto c = collect(dir.file("zeros.xml"));
        CHECK(c.inputs.empty());
        REQUIRE(c.errors.size() == 1);
        CHECK_THAT(c.errors[0], Catch::Contains("no releases in this archive"));
    }
}

TEST_CASE("the bundled history archive holds 679 releases") {
    std::size_t count = 0;
    test::for_each_member([](const std::string&) { return true; },
                          [&](Input& in) {
                              ++count;
                              CHECK(in.bytes.size() > 3000000);
                          });
    CHECK(count == 679);
}

namespace {

// What the callbacks of either function saw, in order.
std::vector<std::string> events(const std::string& path, bool ahead) {
    std::vector<std::string> seen;
    std::size_t skipped = 0;
    auto visit = [&](Input& in) {
        seen.push_back("input " + in.where.file + ":" + in.where.member + " " +
                       std::string(in.bytes.view()) + " " + in.captured + " " + in.sha256);
    };
    auto on_error = [&](const Error& e) { seen.push_back(std::string("error ") + e.what()); };
    if (ahead)
        for_each_input_ahead(
            path, [](Input& in) { in.sha256 = "prepared(" + std::string(in.bytes.view()) + ")"; },
            visit, on_error, skipped);
    else
        for_each_input(
            path,
            [&](Input& in) {
                in.sha256 = "prepared(" + std::string(in.bytes.view()) + ")";
                visit(in);
            },
            on_error, skipped);
    seen.push_back("skipped " + std::to_string(skipped));
    return seen;
}

} // namespace

TEST_CASE("reading ahead gives the inputs and errors of reading in turn, in order") {
    test::TempDir dir;
    std::filesystem::create_directories(dir.file("d"));
    test::write_file(dir.file("d/1.xml"), "<one/>");
    write_archive(dir.file("d/2.tar"), {{"a.xml", "<a/>", 1700000000}, {"notes", "x", 1700000000}},
                  "none");
    test::write_file(dir.file("d/3.tar"), "not a tar but named like one");
    write_archive(dir.file("d/4.tar.zst"), {{"b.csv", "Service Name,", 1700000000}}, "zstd");
    test::write_file(dir.file("d/5.xml.gz"), "not gzip");
    test::write_file(dir.file("d/6.xml"), "<six/>");
    test::write_file(dir.file("d/README"), "skipped");
    for (const auto& path : {dir.file("d"), dir.file("d/2.tar"), dir.file("d/1.xml"),
                             dir.file("d/5.xml.gz"), dir.file("missing.xml")}) {
        INFO(path);
        auto in_turn = events(path, false);
        CHECK(in_turn.size() > 1);
        CHECK(events(path, true) == in_turn);
    }
}

TEST_CASE("reading ahead prepares on its own thread and stops when visiting throws") {
    test::TempDir dir;
    for (int i = 0; i < 8; ++i)
        test::write_file(dir.file(std::to_string(i) + ".xml"), "<r/>");
    const auto caller = std::this_thread::get_id();
    // Catch's assertions are for the test's own thread only.
    std::atomic<int> prepared{0}, prepared_by_caller{0};
    int visited = 0;
    std::size_t skipped = 0;
    auto prepare = [&](Input&) {
        if (std::this_thread::get_id() == caller) ++prepared_by_caller;
        ++prepared;
    };
    auto visit = [&](Input&) {
        CHECK(std::this_thread::get_id() == caller);
        if (++visited == 3) throw std::runtime_error("stop here");
    };
    CHECK_THROWS_WITH(for_each_input_ahead(
                          dir.path(), prepare, visit, [](const Error&) {}, skipped),
                      "stop here");
    CHECK(visited == 3);
    CHECK(prepared_by_caller.load() == 0);
    // The input after the third may have been read; none after it.
    CHECK(prepared.load() <= 4);
}

TEST_CASE("one release file is read on the calling thread: there is nothing to read ahead of") {
    test::TempDir dir;
    test::write_file(dir.file("one.xml"), "<r/>");
    write_archive(dir.file("one.tar"), {{"a.xml", "<a/>", 1700000000}}, "none");
    const auto caller = std::this_thread::get_id();
    std::size_t skipped = 0;
    auto on_caller = [&](const std::string& path) {
        bool same = false;
        for_each_input_ahead(
            path, [&](Input&) { same = std::this_thread::get_id() == caller; }, [](Input&) {},
            [](const Error&) {}, skipped);
        return same;
    };
    CHECK(on_caller(dir.file("one.xml")));
    CHECK_FALSE(on_caller(dir.file("one.tar")));
    CHECK_FALSE(on_caller(dir.path()));
}
