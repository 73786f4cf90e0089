#pragma once
// What the differential fuzz targets share: an input holds two releases,
// and the second, read another way than afresh, must read the same.

#include "store_support.hpp"

#include "portreg/error.hpp"
#include "portreg/read_release.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

namespace portreg::fuzz {

// The two releases of an input, split at its first form feed (a byte no
// release holds); without one the second is the first again.
struct TwoReleases {
    std::string first, second;
};

inline TwoReleases two_releases(const std::uint8_t* data, std::size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    const auto split = input.find('\f');
    if (split == std::string::npos) return {input, input};
    return {input.substr(0, split), input.substr(split + 1)};
}

// A release read, or the error that refused it.
struct Outcome {
    std::optional<ReadRelease> release;
    std::string error;
};

template <typename Read> Outcome outcome_of(Read read) {
    Outcome out;
    try {
        out.release = read();
    } catch (const Error& e) {
        out.error = e.what();
    }
    return out;
}

// Aborts, naming what differs, unless `got` (read `how`; with the index of
// `before` when given) and `fresh` read the same, or fail the same.
inline void compare(const char* how, const Outcome& got, const Outcome& fresh,
                    const ReadRelease* before) {
    auto differ = [&](const char* what) {
        std::cerr << "read " << how << " and afresh, the second release differs: " << what << "\n";
        std::abort();
    };
    auto warnings = [](const ReleaseHead& r) {
        std::string s;
        for (const auto& w : r.warnings)
            s += std::to_string(w.line) + ":" + std::to_string(w.column) + " " + w.message + "\n";
        return s;
    };
    if (got.error != fresh.error) differ("error");
    if (!fresh.release) return;
    const auto& a = *got.release;
    const auto& b = *fresh.release;
    const auto records = before ? test::resolved_records(a, *before) : test::read_records(a);
    const auto people = before ? test::resolved_people(a, *before) : test::read_people(a);
    if (a.registry_date != b.registry_date) differ("registry date");
    if (test::full_records(records) != test::full_records(test::read_records(b))) differ("records");
    if (test::person_rows(people) != test::person_rows(test::read_people(b))) differ("people");
    if (warnings(a) != warnings(b)) differ("warnings");
    if (a.record_keys != b.record_keys || a.person_keys != b.person_keys) differ("keys");
}

} // namespace portreg::fuzz
