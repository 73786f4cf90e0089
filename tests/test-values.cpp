#include "portreg/values.hpp"

#include <catch2/catch.hpp>

using namespace portreg;

TEST_CASE("port numbers and ranges") {
    CHECK(parse_port_range("0") == PortRange{0, 0});
    CHECK(parse_port_range("443") == PortRange{443, 443});
    CHECK(parse_port_range("65535") == PortRange{65535, 65535});
    CHECK(parse_port_range("4200-4299") == PortRange{4200, 4299});
    CHECK(parse_port_range("7-7") == PortRange{7, 7});
    for (auto bad : {"", "65536", "70000", "-1", "1-", "-", "abc", "4299-4200", "1 2",
                     "99999999999", "0x10", "+5"})
        CHECK_FALSE(parse_port_range(bad));
}

TEST_CASE("port problems are explained") {
    CHECK(port_range_problem("70000") == "port \"70000\" is out of range 0-65535");
    CHECK(port_range_problem("abc") == "port \"abc\" is not a port number");
    CHECK(port_range_problem("20-10") == "port range \"20-10\" is reversed");
    CHECK(port_range_problem("10-70000") == "port \"10-70000\" is out of range 0-65535");
}

TEST_CASE("port ranges render as IANA writes them") {
    CHECK(format_port_range({80, 80}) == "80");
    CHECK(format_port_range({4200, 4299}) == "4200-4299");
}

TEST_CASE("registry dates are YYYY-MM-DD or YYYY-MM") {
    for (auto good : {"2026-08-17", "2013-05", "2024-02-29", "2000-02-29", "1999-12-31"})
        CHECK(is_registry_date(good));
    for (auto bad : {"2025-13-40", "2025-02-29", "1900-02-29", "2025-00", "2025-1-01", "2025",
                     "20250101", "2025-04-31", "", "2025-04-0a"})
        CHECK_FALSE(is_registry_date(bad));
    CHECK(is_full_date("2026-08-17"));
    CHECK_FALSE(is_full_date("2026-08"));
}

TEST_CASE("transports") {
    for (auto t : {"tcp", "udp", "sctp", "dccp"})
        CHECK(is_transport(t));
    for (auto t : {"TCP", "quic", "", "udp "})
        CHECK_FALSE(is_transport(t));
}
