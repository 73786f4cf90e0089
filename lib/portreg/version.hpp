#pragma once
// What portreg calls itself: in --version, in the User-Agent of --fetch and
// in the properties of a database it creates.

namespace portreg {

// The project's version, e.g. "0.1.0", followed, when built in a git
// checkout, by `git describe --always --dirty` at build time:
// "0.1.0 (v0.1.0-12-gabc1234)".
const char* version();

} // namespace portreg
