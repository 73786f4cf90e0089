// libFuzzer target: the reader of services(5) files (check-services reads
// /etc/services or whatever file it is given). Besides not crashing: lines
// come in file order, and an entry without a problem has a name, a port
// services(5) can hold and a protocol.

#include "services_file.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    long last_line = 0;
    for (const auto& entry : portreg::query::read_services(in)) {
        if (entry.line <= last_line) std::abort();
        last_line = entry.line;
        if (!entry.problem.empty()) continue;
        if (entry.name.empty() || entry.protocol.empty()) std::abort();
        if (entry.port < 0 || entry.port > 65535) std::abort();
    }
    return 0;
}
