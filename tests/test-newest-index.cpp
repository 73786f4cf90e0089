#include "portreg/newest_index.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <set>

using namespace portreg;

namespace {

// An index of n records and n / 4 people, with keys from `salt` and ids
// and spans the way a store gives them.
NewestIndex made(std::size_t n, const std::string& salt = "") {
    NewestIndex index;
    index.format = "xml";
    index.generation = 42;
    index.position = 7;
    for (std::size_t i = 0; i < n; ++i) {
        IndexedElement e;
        e.key = element_key(salt + "record " + std::to_string(i));
        e.version = static_cast<std::int64_t>(1000 + i * 3);
        e.span_rowid = static_cast<std::int64_t>(5000 + (i % 7 == 0 ? 20000 - i : i));
        e.span_lo = static_cast<std::int64_t>(1 + i % 5);
        e.ord = "0" + std::to_string(i);
        e.refs = index.add_text(i % 3 == 0 ? "" : "Person_" + std::to_string(i % 11) + "\n");
        index.records.push_back(e);
    }
    for (std::size_t i = 0; i < n / 4; ++i) {
        IndexedElement e;
        e.key = element_key(salt + "person " + std::to_string(i));
        e.version = static_cast<std::int64_t>(1 + i);
        e.span_rowid = static_cast<std::int64_t>(9000 + i);
        e.span_lo = 1;
        e.ord = "1" + std::to_string(i);
        e.refs = index.add_text("Person_" + std::to_string(i));
        index.people.push_back(e);
    }
    index.build_lookup();
    return index;
}

std::optional<NewestIndex> round_trip(const NewestIndex::Encoded& encoded) {
    std::map<std::int64_t, std::string> stored(encoded.chunks.begin(), encoded.chunks.end());
    return NewestIndex::decode(encoded.head, [&](std::int64_t hash) -> std::string_view {
        auto it = stored.find(hash);
        return it == stored.end() ? std::string_view() : std::string_view(it->second);
    });
}

std::vector<std::string> entries(const NewestIndex& index) {
    std::vector<std::string> out;
    for (const auto* list : {&index.records, &index.people})
        for (const auto& e : *list)
            out.push_back(std::string(e.key.bytes.data(), e.key.bytes.size()) + " " +
                          std::to_string(e.version) + " " + std::to_string(e.span_rowid) + " " +
                          std::to_string(e.span_lo) + " " + e.ord + " " +
                          std::string(index.text(e.refs)));
    return out;
}

} // namespace

TEST_CASE("an index reads back as it was written") {
    auto index = made(5000);
    auto encoded = index.encode();
    // Chunks of about 64 entries, at most 256.
    CHECK(encoded.chunks.size() > 5000 / 256);
    CHECK(encoded.chunks.size() < 5000 / 16);
    auto back = round_trip(encoded);
    REQUIRE(back);
    CHECK(back->format == "xml");
    CHECK(back->generation == 42);
    CHECK(back->position == 7);
    CHECK(entries(*back) == entries(index));
    for (std::size_t i = 0; i < index.records.size(); i += 97)
        CHECK(back->first_record(index.records[i].key) == static_cast<std::int64_t>(i));
    CHECK(back->first_person(index.people[3].key) == 3);
    CHECK(back->first_record(index.people[3].key) == -1);
    CHECK(back->first_record(element_key("not there")) == -1);
    CHECK(NewestIndex::chunks_of(encoded.head)->size() == encoded.chunks.size());
}

TEST_CASE("an index that is damaged or of another version is not read") {
    auto encoded = made(600).encode();
    REQUIRE(round_trip(encoded));
    SECTION("a chunk missing") {
        encoded.chunks.pop_back();
        CHECK_FALSE(round_trip(encoded));
    }
    SECTION("a chunk changed") {
        encoded.chunks[1].second[20] ^= 1;
        CHECK_FALSE(round_trip(encoded));
    }
    SECTION("a head cut short") {
        encoded.head.pop_back();
        CHECK_FALSE(round_trip(encoded));
        CHECK_FALSE(NewestIndex::chunks_of(encoded.head));
    }
    SECTION("another version") {
        encoded.head[encoded.head.find('1')] = '2';
        CHECK_FALSE(round_trip(encoded));
    }
}

TEST_CASE("an element added or removed changes the chunks around it only") {
    auto before = made(5000);
    auto after = before;
    IndexedElement added;
    added.key = element_key("new record");
    added.version = 99999;
    added.refs = after.add_text("Someone\n");
    after.records.insert(after.records.begin() + 2500, added);
    after.records.erase(after.records.begin() + 100);
    std::set<std::int64_t> old_chunks, new_chunks;
    for (const auto& c : before.encode().chunks)
        old_chunks.insert(c.first);
    for (const auto& c : after.encode().chunks)
        new_chunks.insert(c.first);
    std::size_t differ = 0;
    for (auto h : new_chunks)
        differ += old_chunks.count(h) ? 0 : 1;
    CHECK(differ >= 2);
    CHECK(differ <= 4);
}

TEST_CASE("the entries of an element repeated whole are handed out in order, each once") {
    NewestIndex index;
    for (int i = 0; i < 6; ++i) {
        IndexedElement e;
        e.key = element_key(i == 1 || i == 4 ? "repeated" : "single " + std::to_string(i));
        e.version = i + 1;
        index.records.push_back(e);
    }
    // A key of zero bytes is the store's mark for "never hand out".
    index.records[5].key = DigestKey();
    index.build_lookup();
    IndexCursor cursor(index);
    CHECK(cursor.take_record(element_key("repeated")) == 1);
    CHECK(cursor.take_record(element_key("single 0")) == 0);
    CHECK(cursor.take_record(element_key("repeated")) == 4);
    CHECK(cursor.take_record(element_key("repeated")) == -1);
    CHECK(cursor.take_record(element_key("single 0")) == -1);
    CHECK(cursor.take_record(DigestKey()) == -1);
    CHECK(cursor.take_person(element_key("single 2")) == -1);
}

TEST_CASE("entries are handed out as a look-up would, whether read in order or not") {
    NewestIndex index;
    for (const char* key : {"A", "X", "A", "Y", "Z"}) {
        IndexedElement e;
        e.key = element_key(key);
        index.records.push_back(e);
    }
    index.build_lookup();
    IndexCursor cursor(index);
    // The entry after X has X's successor's key, but an earlier entry has
    // that key too: the first one unused is handed out.
    CHECK(cursor.take_record(element_key("X")) == 1);
    CHECK(cursor.take_record(element_key("A")) == 0);
    CHECK(cursor.take_record(element_key("A")) == 2);
    CHECK(cursor.take_record(element_key("Z")) == 4);
    CHECK(cursor.take_record(element_key("Y")) == 3);
    CHECK(cursor.take_record(element_key("Y")) == -1);
}

TEST_CASE("encoding against the stored index re-encodes only the chunks that changed") {
    const auto first = made(3000);
    const auto stored_encoding = first.encode();
    auto stored = round_trip(stored_encoding);
    REQUIRE(stored);
    // The next release: one record's span moves on, one record is new, one
    // person's reference text differs; the rest is handed out as it was.
    NewestIndex next;
    next.format = "xml";
    next.generation = 43;
    next.position = 8;
    next.share_texts(*stored);
    next.records = stored->records;
    next.people = stored->people;
    next.records[1200].span_rowid += 1;
    IndexedElement added;
    added.key = element_key("record new");
    added.version = 99999;
    added.span_rowid = 77777;
    added.ord = "0x";
    added.refs = next.add_text("Someone\n");
    next.records.insert(next.records.begin() + 2000, added);
    next.people[100].refs = next.add_text("Person_changed");

    const auto reused = next.encode(&*stored);
    const auto afresh = next.encode();
    // The same head, so the same chunks, as encoding it all again.
    CHECK(reused.head == afresh.head);
    std::size_t encoded = 0;
    std::map<std::int64_t, std::string> chunks(stored_encoding.chunks.begin(),
                                               stored_encoding.chunks.end());
    for (const auto& [hash, bytes] : reused.chunks) {
        if (bytes.empty()) {
            CHECK(chunks.count(hash) == 1); // named, as stored
        } else {
            ++encoded;
            chunks[hash] = bytes;
        }
    }
    CHECK(encoded >= 3);
    CHECK(encoded <= 6);
    auto back = NewestIndex::decode(reused.head, [&](std::int64_t hash) -> std::string_view {
        auto it = chunks.find(hash);
        return it == chunks.end() ? std::string_view() : std::string_view(it->second);
    });
    REQUIRE(back);
    CHECK(entries(*back) == entries(next));
}
