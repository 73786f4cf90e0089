#pragma once
// libcurl, loaded when a download first needs it instead of linked: linked,
// it and the 31 shared libraries it pulls in cost every start of
// portreg-import about 5 ms (bench/README.md, 2026-11-30, sixth session),
// a seventh of a daily import, which never downloads. The functions
// portreg calls, under their libcurl names without the "curl_" prefix.

#include <curl/curl.h>

#include <ctime>

namespace portreg {

struct CurlLibrary {
    CURL* (*easy_init)();
    CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
    CURLcode (*easy_perform)(CURL*);
    void (*easy_cleanup)(CURL*);
    const char* (*easy_strerror)(CURLcode);
    curl_slist* (*slist_append)(curl_slist*, const char*);
    void (*slist_free_all)(curl_slist*);
    time_t (*getdate)(const char*, const time_t*);
};

// Loaded and initialised once, on first use (thread-safe). Throws Error
// when libcurl (Debian's libcurl4) cannot be loaded.
const CurlLibrary& curl_library();

} // namespace portreg
