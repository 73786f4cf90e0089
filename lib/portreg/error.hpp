#pragma once
// The one exception type of portreg: carries where in the input a problem
// is, so that `main` can print "file: member: line L, column C: message".

#include <stdexcept>
#include <string>

namespace portreg {

struct Location {
    std::string file;   // path as given by the user, "-" for stdin
    std::string member; // archive member or file inside a directory, if any
    long line = 0;      // 1-based; 0 = unknown
    long column = 0;    // 1-based; 0 = unknown
};

std::string to_string(const Location& where);

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message), message_(message) {}
    Error(Location where, const std::string& message)
        : std::runtime_error(to_string(where) + message), where_(std::move(where)),
          message_(message) {}

    const Location& where() const { return where_; }
    // The message without the location prefix.
    const std::string& bare() const { return message_; }

private:
    Location where_;
    std::string message_;
};

// What was asked for is not there (no such person, a day after the newest
// release): main prints the message in one line and exits 1, as for an
// answer with no rows.
class NotFound : public Error {
public:
    using Error::Error;
};

// Thrown for command-line mistakes: main prints the usage and exits 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace portreg
