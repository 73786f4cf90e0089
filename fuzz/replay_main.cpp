// Runs a fuzz target's LLVMFuzzerTestOneInput over files, as libFuzzer
// would run a corpus, without libFuzzer: built with the normal compiler, it
// keeps every target compiling and passing its seeds in the normal test
// suite (and under the sanitizers in scripts/test.sh --sanitize).
//
// usage: replay-NAME FILE|DIR...   (a directory: every regular file in it)

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

std::size_t run_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path.string() + ": cannot read");
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // A copy of exactly the input's size, so that ASan sees a read past it.
    std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
    LLVMFuzzerTestOneInput(data.empty() ? nullptr : data.data(), data.size());
    return 1;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: " << argv[0] << " FILE|DIR...\n";
        return 2;
    }
    std::size_t inputs = 0;
    try {
        for (int i = 1; i < argc; ++i) {
            fs::path arg = argv[i];
            if (!fs::is_directory(arg)) {
                inputs += run_file(arg);
                continue;
            }
            for (const auto& entry : fs::directory_iterator(arg))
                if (entry.is_regular_file()) inputs += run_file(entry.path());
        }
    } catch (const std::exception& e) {
        std::cerr << argv[0] << ": " << e.what() << '\n';
        return 2;
    }
    // A seed set that came out empty would make this test pass vacuously.
    if (inputs == 0) {
        std::cerr << argv[0] << ": no inputs\n";
        return 1;
    }
    std::cout << argv[0] << ": " << inputs << " inputs ran\n";
    return 0;
}
