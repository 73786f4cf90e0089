// The baseline of the history import benchmark: the same inputs, read the
// same way (libarchive), each parsed by pugixml and nothing else.

#include "source.hpp"

#include <pugixml.hpp>

#include <cstdio>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: portreg-bench-parse-only INPUT...\n");
        return 2;
    }
    std::size_t releases = 0, records = 0, skipped = 0, failed = 0;
    for (int i = 1; i < argc; ++i) {
        portreg::for_each_input(
            argv[i],
            [&](portreg::Input& input) {
                pugi::xml_document doc;
                if (!doc.load_buffer(input.bytes.data(), input.bytes.size(), pugi::parse_default,
                                     pugi::encoding_utf8)) {
                    ++failed;
                    return;
                }
                ++releases;
                for (auto r : doc.document_element().children("record")) {
                    (void)r;
                    ++records;
                }
            },
            [&](const portreg::Error& e) {
                std::fprintf(stderr, "%s\n", e.what());
                ++failed;
            },
            skipped);
    }
    std::printf("%zu releases parsed, %zu records, %zu failed\n", releases, records, failed);
    return 0;
}
