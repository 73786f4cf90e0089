#pragma once
// Turns one input into a Release: recognizes the format by content and
// fills in the release's identity (sha256 of its bytes, source, capture
// time).

#include "source.hpp"

#include "portreg/release.hpp"

namespace portreg {

enum class InputFormat { xml, csv, unknown };

InputFormat detect_format(std::string_view bytes);

Release read_release(const Input& input);

} // namespace portreg
