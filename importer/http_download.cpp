#include "http_download.hpp"

#include "curl_library.hpp"
#include "source.hpp"

#include "portreg/timestamp.hpp"
#include "portreg/version.hpp"

#include <fmt/format.h>

#include <memory>
#include <type_traits>

namespace portreg {

namespace {

constexpr long connect_timeout_seconds = 15;
// A transfer slower than this for that long is given up (a stalled server).
constexpr long minimum_bytes_per_second = 1024;
constexpr long slow_seconds_allowed = 30;
constexpr long most_redirects = 5;

struct Transfer {
    ResponseHeaders headers;
    std::string body;
    bool too_large = false;
};

std::size_t take_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto& transfer = *static_cast<Transfer*>(user);
    const std::size_t n = size * count;
    if (transfer.body.size() + n > max_input_bytes) {
        transfer.too_large = true;
        return 0; // libcurl ends the transfer with CURLE_WRITE_ERROR
    }
    transfer.body.append(data, n);
    return n;
}

std::size_t take_header(char* data, std::size_t size, std::size_t count, void* user) {
    static_cast<Transfer*>(user)->headers.add_line({data, size * count});
    return size * count;
}

// Whether another try may go better after this transfer error.
bool worth_another_try(CURLcode code) {
    switch (code) {
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR:
        return true;
    default:
        return false;
    }
}

std::string transfer_error(CURLcode code, const char* detail, const Transfer& transfer) {
    if (transfer.too_large || code == CURLE_FILESIZE_EXCEEDED)
        return fmt::format("larger than {} MiB, which is not the registry", max_input_bytes >> 20);
    std::string what = *detail ? detail : curl_library().easy_strerror(code);
    switch (code) {
    case CURLE_PARTIAL_FILE:
        return "body cut short: " + what;
    case CURLE_TOO_MANY_REDIRECTS:
        return fmt::format("more than {} redirects: {}", most_redirects, what);
    case CURLE_UNSUPPORTED_PROTOCOL:
        return "refused redirect (never from https to http, only to http or https): " + what;
    default:
        return what;
    }
}

// curl_easy_setopt takes a long, a pointer or a curl_off_t, by option; on
// the machines portreg builds for, curl_off_t is a long.
static_assert(std::is_same_v<curl_off_t, long>);
void set(CURL* curl, CURLoption option, long value) {
    curl_library().easy_setopt(curl, option, value);
}
template <typename T> void set(CURL* curl, CURLoption option, T* pointer) {
    curl_library().easy_setopt(curl, option, pointer);
}

struct CurlDeleter {
    void operator()(CURL* c) const { curl_library().easy_cleanup(c); }
};
struct ListDeleter {
    void operator()(curl_slist* l) const { curl_library().slist_free_all(l); }
};
using CurlList = std::unique_ptr<curl_slist, ListDeleter>;

CurlList request_headers(const DownloadRequest& request) {
    CurlList list;
    const auto add = [&](const std::string& line) {
        curl_slist* longer = curl_library().slist_append(list.get(), line.c_str());
        if (!longer) throw std::bad_alloc();
        list.release();
        list.reset(longer);
    };
    if (!request.if_none_match.empty()) add("If-None-Match: " + request.if_none_match);
    if (!request.if_modified_since.empty()) add("If-Modified-Since: " + request.if_modified_since);
    return list;
}

void set_limits(CURL* curl, const DownloadRequest& request) {
    // From https, redirects may only go to https.
    const bool secure = request.url.rfind("https:", 0) == 0;
    set(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    set(curl, CURLOPT_REDIR_PROTOCOLS_STR, secure ? "https" : "http,https");
    set(curl, CURLOPT_FOLLOWLOCATION, 1L);
    set(curl, CURLOPT_MAXREDIRS, most_redirects);
    set(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    set(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    set(curl, CURLOPT_CONNECTTIMEOUT, connect_timeout_seconds);
    set(curl, CURLOPT_TIMEOUT, request.timeout_seconds);
    set(curl, CURLOPT_LOW_SPEED_LIMIT, minimum_bytes_per_second);
    set(curl, CURLOPT_LOW_SPEED_TIME, slow_seconds_allowed);
    set(curl, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(max_input_bytes));
    // No signals: timeouts must not longjmp through our frames.
    set(curl, CURLOPT_NOSIGNAL, 1L);
}

CURL* new_handle() {
    CURL* curl = curl_library().easy_init();
    if (!curl) throw std::runtime_error("libcurl could not be initialised");
    return curl;
}

void check_status(const ResponseHeaders& headers) {
    const long status = headers.status;
    if (status == 200 || status == 304) return;
    const bool again = status == 429 || (status >= 500 && status <= 599);
    throw DownloadFailed(fmt::format("HTTP status {}", status), again,
                         headers.retry_after.value_or(0));
}

} // namespace

DownloadAnswer download_once(const DownloadRequest& request) {
    std::unique_ptr<CURL, CurlDeleter> handle(new_handle());
    CURL* curl = handle.get();
    Transfer transfer;
    char detail[CURL_ERROR_SIZE] = "";
    auto headers = request_headers(request);
    // "portreg/0.1.0 (v0.1.0-12-gabc1234)": a product and a comment.
    const std::string user_agent = std::string("portreg/") + version();
    set(curl, CURLOPT_URL, request.url.c_str());
    set(curl, CURLOPT_USERAGENT, user_agent.c_str());
    set(curl, CURLOPT_HTTPHEADER, headers.get());
    // Every encoding libcurl can decode (gzip, deflate, ...): a third of
    // the bytes over the wire. The limits apply to the decoded body.
    set(curl, CURLOPT_ACCEPT_ENCODING, "");
    set(curl, CURLOPT_ERRORBUFFER, detail);
    set(curl, CURLOPT_WRITEFUNCTION, take_body);
    set(curl, CURLOPT_WRITEDATA, &transfer);
    set(curl, CURLOPT_HEADERFUNCTION, take_header);
    set(curl, CURLOPT_HEADERDATA, &transfer);
    set_limits(curl, request);
    const CURLcode code = curl_library().easy_perform(curl);
    if (code != CURLE_OK)
        throw DownloadFailed(transfer_error(code, detail, transfer),
                             !transfer.too_large && worth_another_try(code));
    check_status(transfer.headers);
    return {std::move(transfer.headers), std::move(transfer.body)};
}

std::string iso_from_http_date(const std::string& http_date) {
    // Up to the end of year 9999: four digits of year, as stored.
    constexpr time_t last_second_of_9999 = 253402300799;
    const time_t t = curl_library().getdate(http_date.c_str(), nullptr);
    return t < 0 || t > last_second_of_9999 ? std::string() : iso_utc(t);
}

} // namespace portreg
