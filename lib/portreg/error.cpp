#include "portreg/error.hpp"

namespace portreg {

std::string to_string(const Location& where) {
    std::string s;
    if (!where.file.empty()) s += where.file + ": ";
    if (!where.member.empty()) s += where.member + ": ";
    if (where.line > 0) {
        s += "line " + std::to_string(where.line);
        if (where.column > 0) s += ", column " + std::to_string(where.column);
        s += ": ";
    }
    return s;
}

} // namespace portreg
