#include "curl_library.hpp"

#include "portreg/error.hpp"

#include <dlfcn.h>

#include <string>

namespace portreg {

namespace {

// libcurl's soname, the same since 2006 for every TLS flavour.
constexpr const char* curl_soname = "libcurl.so.4";

template <typename Function> void find(void* handle, const char* name, Function& function) {
    void* symbol = dlsym(handle, name);
    if (!symbol) throw Error(std::string(curl_soname) + " has no " + name);
    function = reinterpret_cast<Function>(symbol);
}

CurlLibrary load() {
    // Kept loaded to the end of the process: libcurl is not to be unloaded.
    void* handle = dlopen(curl_soname, RTLD_NOW | RTLD_LOCAL);
    if (!handle) throw Error(std::string("--fetch needs libcurl (Debian: libcurl4): ") + dlerror());
    CurlLibrary curl{};
    find(handle, "curl_easy_init", curl.easy_init);
    find(handle, "curl_easy_setopt", curl.easy_setopt);
    find(handle, "curl_easy_perform", curl.easy_perform);
    find(handle, "curl_easy_cleanup", curl.easy_cleanup);
    find(handle, "curl_easy_strerror", curl.easy_strerror);
    find(handle, "curl_slist_append", curl.slist_append);
    find(handle, "curl_slist_free_all", curl.slist_free_all);
    find(handle, "curl_getdate", curl.getdate);
    CURLcode (*global_init)(long) = nullptr;
    find(handle, "curl_global_init", global_init);
    if (global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw Error("libcurl could not start");
    return curl;
}

} // namespace

const CurlLibrary& curl_library() {
    static const CurlLibrary loaded = load();
    return loaded;
}

} // namespace portreg
