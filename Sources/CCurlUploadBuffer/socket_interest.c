// Keeps URLSession from spinning while it waits for an answer.
//
// URLSession on Linux (swift-corelibs-foundation) drives libcurl's multi interface with Dispatch
// sources: libcurl's socket callback says which readiness it wants (CURL_POLL_IN, _OUT, _INOUT) and
// corelibs creates a read and/or a write source for the socket. It never cancels a source that the
// new interest leaves out, though. While a body is sent libcurl wants CURL_POLL_INOUT; once the last
// byte is out it switches to CURL_POLL_IN, but corelibs keeps the write source, and a connected
// socket is always writable: the source fires, corelibs calls curl_multi_socket_action, libcurl
// finds nothing to do, and round it goes until the server answers. That is a whole core (measured:
// 7.4 s of CPU in 8.1 s of waiting; curl uses none).
//
// This file defines `curl_multi_setopt` in the executable (as upload_buffer.c does for
// `curl_easy_setopt`; corelibs' calls bind to it) and puts a relay in front of corelibs' socket
// callback. When libcurl narrows its interest in a socket that corelibs already watches, the relay
// first tells corelibs to forget the socket (CURL_POLL_REMOVE, which releases both sources), clears
// libcurl's pointer to corelibs' record, then registers the narrower interest afresh, so only the
// sources libcurl asked for exist. Every other call passes through unchanged.
#if defined(__linux__)

#define _GNU_SOURCE
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "CCurlUploadBuffer.h"
#include "libcurl_loader.h"

// From <curl/multi.h>; the values are part of libcurl's ABI. As for curl_easy_setopt, an option's
// number says its argument's type: below 10000 a long, below 20000 an object pointer, below 30000 a
// function pointer, below 40000 a curl_off_t.
enum {
    multi_option_type_object = 10000,
    multi_option_type_off_t = 30000,
    multi_option_type_blob = 40000,
    multi_option_socket_data = 10002,      // CURLMOPT_SOCKETDATA
    multi_option_socket_function = 20001,  // CURLMOPT_SOCKETFUNCTION
    poll_none = 0,                         // CURL_POLL_NONE
    poll_in = 1,                           // CURL_POLL_IN
    poll_out = 2,                          // CURL_POLL_OUT
    poll_remove = 4,                       // CURL_POLL_REMOVE
};

typedef int (*socket_function)(void *easy, int socket, int what, void *client_data, void *socket_data);
typedef int (*multi_setopt_function)(void *multi, int option, ...);
typedef int (*multi_assign_function)(void *multi, int socket, void *socket_data);
typedef int (*multi_cleanup_function)(void *multi);

/// What the relay needs to call the client's socket callback, one per multi handle.
struct socket_relay {
    void *multi;
    socket_function forward;
    void *forward_data;
    struct socket_relay *next;
};

static pthread_mutex_t relays_lock = PTHREAD_MUTEX_INITIALIZER;
static struct socket_relay *relays;
static atomic_long interest_narrowings;

/// The relay of `multi`, created on first use; NULL only when memory runs out.
static struct socket_relay *relay_for(void *multi) {
    pthread_mutex_lock(&relays_lock);
    struct socket_relay *relay = relays;
    while (relay != NULL && relay->multi != multi) relay = relay->next;
    if (relay == NULL) {
        relay = calloc(1, sizeof *relay);
        if (relay != NULL) {
            relay->multi = multi;
            relay->next = relays;
            relays = relay;
        }
    }
    pthread_mutex_unlock(&relays_lock);
    return relay;
}

static int relay_socket(void *easy, int socket, int what, void *client_data, void *socket_data) {
    struct socket_relay *relay = client_data;
    if (relay->forward == NULL) return 0;
    // CURL_POLL_INOUT only adds to what corelibs watches, and corelibs adds the missing source itself.
    if (socket_data != NULL && (what == poll_none || what == poll_in || what == poll_out)) {
        multi_assign_function assign = (multi_assign_function)shipnotes_libcurl_function("curl_multi_assign");
        relay->forward(easy, socket, poll_remove, relay->forward_data, socket_data);
        assign(relay->multi, socket, NULL);
        atomic_fetch_add_explicit(&interest_narrowings, 1, memory_order_relaxed);
        socket_data = NULL;
        if (what == poll_none) return 0;
    }
    return relay->forward(easy, socket, what, relay->forward_data, socket_data);
}

int curl_multi_setopt(void *multi, int option, ...) {
    multi_setopt_function forward = (multi_setopt_function)shipnotes_libcurl_function("curl_multi_setopt");
    va_list arguments;
    va_start(arguments, option);
    int result;
    if (option == multi_option_socket_function || option == multi_option_socket_data) {
        void *value = va_arg(arguments, void *);
        struct socket_relay *relay = relay_for(multi);
        if (relay == NULL) {
            result = forward(multi, option, value);
        } else if (option == multi_option_socket_function) {
            relay->forward = (socket_function)value;
            result = forward(multi, option, value == NULL ? NULL : (void *)relay_socket);
            if (result == 0) result = forward(multi, multi_option_socket_data, (void *)relay);
        } else {
            relay->forward_data = value;
            result = forward(multi, option, (void *)relay);
        }
    } else if (option < multi_option_type_object) {
        long value = va_arg(arguments, long);
        result = forward(multi, option, value);
    } else if (option >= multi_option_type_off_t && option < multi_option_type_blob) {
        long long value = va_arg(arguments, long long);
        result = forward(multi, option, value);
    } else {
        void *value = va_arg(arguments, void *);
        result = forward(multi, option, value);
    }
    va_end(arguments);
    return result;
}

int curl_multi_cleanup(void *multi) {
    multi_cleanup_function forward = (multi_cleanup_function)shipnotes_libcurl_function("curl_multi_cleanup");
    int result = forward(multi);
    // libcurl may call the socket callback while it cleans up, so the relay goes only afterwards.
    pthread_mutex_lock(&relays_lock);
    for (struct socket_relay **link = &relays; *link != NULL; link = &(*link)->next) {
        if ((*link)->multi == multi) {
            struct socket_relay *gone = *link;
            *link = gone->next;
            free(gone);
            break;
        }
    }
    pthread_mutex_unlock(&relays_lock);
    return result;
}

long shipnotes_curl_socket_interest_narrowings(void) {
    return atomic_load_explicit(&interest_narrowings, memory_order_relaxed);
}

#else

#include "CCurlUploadBuffer.h"

long shipnotes_curl_socket_interest_narrowings(void) { return 0; }

#endif
