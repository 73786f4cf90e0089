#include "portreg/ordkey.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

using namespace portreg;

TEST_CASE("a key lies strictly between its bounds") {
    CHECK(ordkey_between("", "") == "V");
    auto k = ordkey_between("V", "");
    CHECK(k > "V");
    CHECK(ordkey_between("V", "W") > "V");
    CHECK(ordkey_between("V", "W") < "W");
    CHECK(ordkey_between("z", "") > "z");
    CHECK(ordkey_between("", "1") < "1");
    CHECK_THROWS(ordkey_between("W", "V"));
}

TEST_CASE("repeated insertion at one place keeps keys ordered") {
    std::string low = "a", high = "b";
    for (int i = 0; i < 500; ++i) {
        auto mid = ordkey_between(low, high);
        REQUIRE(low < mid);
        REQUIRE(mid < high);
        REQUIRE(mid.back() != '0');
        if (i % 2)
            low = mid;
        else
            high = mid;
    }
}

TEST_CASE("random insertions into a list keep it sorted") {
    std::vector<std::string> keys;
    std::mt19937 rng(42);
    for (int i = 0; i < 3000; ++i) {
        std::size_t at = keys.empty() ? 0 : rng() % (keys.size() + 1);
        std::string low = at > 0 ? keys[at - 1] : "";
        std::string high = at < keys.size() ? keys[at] : "";
        keys.insert(keys.begin() + static_cast<std::ptrdiff_t>(at), ordkey_between(low, high));
    }
    CHECK(std::is_sorted(keys.begin(), keys.end()));
    CHECK(std::adjacent_find(keys.begin(), keys.end()) == keys.end());
}

TEST_CASE("many keys at once stay short and ordered") {
    auto keys = ordkeys_between("", "", 15000);
    REQUIRE(keys.size() == 15000);
    CHECK(std::is_sorted(keys.begin(), keys.end()));
    CHECK(std::adjacent_find(keys.begin(), keys.end()) == keys.end());
    std::size_t longest = 0;
    for (const auto& k : keys)
        longest = std::max(longest, k.size());
    CHECK(longest <= 4);
    auto inner = ordkeys_between(keys[10], keys[11], 100);
    CHECK(inner.front() > keys[10]);
    CHECK(inner.back() < keys[11]);
}
