#pragma once
// Canonical byte strings of versions: two records (people, metadata) are the
// same version exactly when these strings are equal. Fields are separated by
// control characters, which normalized registry text never contains.

#include "portreg/release.hpp"
#include "portreg/render.hpp"

#include <string>

namespace portreg {

std::string canonical_record(const Record& record);
std::string canonical_columns(const Columns& columns);
std::string canonical_person(const Person& person);
std::string canonical_meta(const RegistryMeta& meta);

} // namespace portreg
