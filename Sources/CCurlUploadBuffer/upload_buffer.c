// Gives libcurl uploads a larger buffer than its 64 KiB default.
//
// On Linux, URLSession (swift-corelibs-foundation) runs on libcurl and feeds a request body to it
// one read callback at a time; libcurl asks for one upload buffer per callback, and corelibs spends
// several thread hand-offs on each (its socket source, its timeout timer, the chunk's release).
// With 64 KiB that is 16,384 round trips for a 1 GB build, and the upload runs at a third of the
// speed of `curl -F`. corelibs has no setting for the buffer (CURLOPT_UPLOAD_BUFFERSIZE), so this
// file defines `curl_easy_setopt` in the executable: corelibs' calls bind to it (at link time in a
// static build, and in the dynamic linker because an executable's definition comes before a
// library's), and it forwards every call unchanged to libcurl's own function (libcurl_loader.c),
// adding the buffer size where a transfer is switched to uploading.
#if defined(__linux__)

#define _GNU_SOURCE
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>

#include "CCurlUploadBuffer.h"
#include "libcurl_loader.h"

// From <curl/curl.h>; the values are part of libcurl's ABI. An option's number says its type:
// below 10000 a long, then object pointers (10000), function pointers (20000), curl_off_t (30000)
// and blobs (40000); everything but a long or a curl_off_t is passed on as a pointer.
enum {
    option_type_object = 10000,
    option_type_off_t = 30000,
    option_type_blob = 40000,
    option_upload = 46,                // CURLOPT_UPLOAD, long
    option_upload_buffer_size = 280,   // CURLOPT_UPLOAD_BUFFERSIZE, long
};

// libcurl accepts up to 2 MB. 1 MiB already cuts the hand-offs 16-fold; the buffer and the chunk
// corelibs allocates per callback stay small next to the 64 MB an upload may use.
static const long upload_buffer_size = 1L << 20;

typedef int (*setopt_function)(void *handle, int option, ...);
static _Atomic(setopt_function) libcurl_setopt;
static atomic_long buffers_set;

static setopt_function resolve(void) {
    setopt_function function = atomic_load_explicit(&libcurl_setopt, memory_order_acquire);
    if (function == NULL) {
        function = (setopt_function)shipnotes_libcurl_function("curl_easy_setopt");
        atomic_store_explicit(&libcurl_setopt, function, memory_order_release);
    }
    return function;
}

int curl_easy_setopt(void *handle, int option, ...) {
    setopt_function forward = resolve();
    va_list arguments;
    va_start(arguments, option);
    int result;
    if (option < option_type_object) {
        long value = va_arg(arguments, long);
        result = forward(handle, option, value);
        if (result == 0 && option == option_upload && value != 0
            && forward(handle, option_upload_buffer_size, upload_buffer_size) == 0) {
            atomic_fetch_add_explicit(&buffers_set, 1, memory_order_relaxed);
        }
    } else if (option >= option_type_off_t && option < option_type_blob) {
        long long value = va_arg(arguments, long long);
        result = forward(handle, option, value);
    } else {
        void *value = va_arg(arguments, void *);
        result = forward(handle, option, value);
    }
    va_end(arguments);
    return result;
}

long shipnotes_curl_upload_buffer_size(void) { return upload_buffer_size; }
long shipnotes_curl_upload_buffers_set(void) { return atomic_load_explicit(&buffers_set, memory_order_relaxed); }

#else

#include "CCurlUploadBuffer.h"

long shipnotes_curl_upload_buffer_size(void) { return 0; }
long shipnotes_curl_upload_buffers_set(void) { return 0; }

#endif
