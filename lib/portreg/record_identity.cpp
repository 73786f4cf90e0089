#include "portreg/record_identity.hpp"

#include "portreg/text.hpp"

namespace portreg {

std::string record_identity(std::string_view name, std::string_view transport,
                            const std::optional<PortRange>& port) {
    auto identity = ascii_lower(name);
    identity += '|';
    identity += transport;
    identity += '|';
    identity += port ? std::to_string(port->low) + '-' + std::to_string(port->high) : "-";
    return identity;
}

} // namespace portreg
