#ifndef WATCHPOST_CCURL_SHIM_H
#define WATCHPOST_CCURL_SHIM_H

#include <curl/curl.h>

/*
 * curl_easy_setopt and curl_easy_getinfo are C variadic functions, which Swift cannot call.
 * These typed wrappers fix the type of the third argument, one per option kind that
 * WatchpostNotify uses. Each returns the CURLcode of the underlying call.
 */

static inline CURLcode wp_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode wp_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/* libcurl copies string arguments (since 7.17.0), so `value` need only live for the call. */
static inline CURLcode wp_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode wp_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

/* libcurl does NOT copy lists: the caller keeps `list` alive until the transfer ends. */
static inline CURLcode wp_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *list) {
    return curl_easy_setopt(handle, option, list);
}

/* Response bytes: CURLOPT_WRITEFUNCTION + CURLOPT_WRITEDATA in one call. */
static inline CURLcode wp_curl_setopt_write_callback(CURL *handle, curl_write_callback callback, void *userdata) {
    CURLcode code = curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
    if (code != CURLE_OK) return code;
    return curl_easy_setopt(handle, CURLOPT_WRITEDATA, userdata);
}

/* Upload bytes (SMTP message): CURLOPT_READFUNCTION + CURLOPT_READDATA in one call. */
static inline CURLcode wp_curl_setopt_read_callback(CURL *handle, curl_read_callback callback, void *userdata) {
    CURLcode code = curl_easy_setopt(handle, CURLOPT_READFUNCTION, callback);
    if (code != CURLE_OK) return code;
    return curl_easy_setopt(handle, CURLOPT_READDATA, userdata);
}

/* Progress (used for cancellation): XFERINFOFUNCTION + XFERINFODATA, and turns NOPROGRESS off. */
static inline CURLcode wp_curl_setopt_xferinfo_callback(CURL *handle, curl_xferinfo_callback callback, void *userdata) {
    CURLcode code = curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
    if (code != CURLE_OK) return code;
    code = curl_easy_setopt(handle, CURLOPT_XFERINFODATA, userdata);
    if (code != CURLE_OK) return code;
    return curl_easy_setopt(handle, CURLOPT_NOPROGRESS, 0L);
}

static inline CURLcode wp_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode wp_curl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

#endif
