#include "portreg/version.hpp"

// Written at every build by cmake/VersionGenerate.cmake; only this file
// includes it, so that a new commit recompiles nothing else.
#include "version_string.h"

namespace portreg {

const char* version() {
    return PORTREG_VERSION_STRING;
}

} // namespace portreg
