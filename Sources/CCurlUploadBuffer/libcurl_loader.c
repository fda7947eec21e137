// Loads libcurl when URLSession first uses it, not when the program starts.
//
// On Linux, FoundationNetworking (URLSession) calls libcurl, so a program that links it statically
// names libcurl.so.4 as a library the dynamic loader must load before `main`: libcurl and the ~30
// libraries it needs (TLS, Kerberos, LDAP, SSH, HTTP/2, IDN, compression), with their relocations
// and symbol look-ups. Measured on `shipnotes --version`: 8 ms of a 12 ms start, for every command,
// though only `upload` and the demo ever make a transfer. A command such as `shipnotes notes --git`
// is meant to cost little more than the `git log` it runs.
//
// So the static build does not link libcurl (Package.swift turns off the autolinking that
// `import FoundationNetworking` asks for), and this file defines every libcurl function that
// FoundationNetworking calls. Each one loads libcurl on first use with dlopen and forwards the call
// unchanged to libcurl's own definition, found with dlsym on that handle (it searches libcurl and
// its dependencies only, never this executable, so a forwarder cannot find itself). upload_buffer.c
// and socket_interest.c, which adjust `curl_easy_setopt`, `curl_multi_setopt` and
// `curl_multi_cleanup`, reach libcurl through the same loader.
//
// Where FoundationNetworking is a shared library (debug builds, tests) it names libcurl itself and
// binds to it directly; dlopen then returns the copy already loaded, so the three adjusted
// functions reach the same libcurl either way.
//
// The prototypes below are libcurl's (CURLcode and the other enumerations are ints; handles,
// messages and lists are passed as pointers), written out so that building needs no curl headers.
#if defined(__linux__)

#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "libcurl_loader.h"

static void *libcurl;
static pthread_once_t libcurl_once = PTHREAD_ONCE_INIT;

static void load_libcurl(void) {
    libcurl = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
}

/// Ends the process with one line saying what is missing: URLSession would otherwise call through
/// a null function.
static void fail(const char *what) {
    fprintf(stderr, "Error: %s; sending a build needs libcurl 4 (Debian: apt-get install libcurl4)\n", what);
    exit(1);
}

void *shipnotes_libcurl_function(const char *name) {
    pthread_once(&libcurl_once, load_libcurl);
    if (libcurl == NULL) {
        const char *reason = dlerror();
        fail(reason != NULL ? reason : "libcurl.so.4 could not be loaded");
    }
    void *function = dlsym(libcurl, name);
    if (function == NULL) fail("libcurl.so.4 lacks a function URLSession calls");
    return function;
}

/// The libcurl function `name`, looked up once and kept in `slot`.
static void *cached(_Atomic(void *) *slot, const char *name) {
    void *function = atomic_load_explicit(slot, memory_order_acquire);
    if (function == NULL) {
        function = shipnotes_libcurl_function(name);
        atomic_store_explicit(slot, function, memory_order_release);
    }
    return function;
}

// FORWARD(result type, name, (parameters), (arguments)): defines `name` to call libcurl's `name`.
#define FORWARD(Result, name, parameters, arguments)                          \
    Result name parameters {                                                  \
        static _Atomic(void *) slot;                                          \
        Result (*forward) parameters = (Result (*) parameters)cached(&slot, #name); \
        return forward arguments;                                             \
    }

FORWARD(int, curl_global_init, (long flags), (flags))
FORWARD(char *, curl_version, (void), ())
FORWARD(void *, curl_version_info, (int age), (age))
FORWARD(void, curl_free, (void *pointer), (pointer))
FORWARD(void *, curl_slist_append, (void *list, const char *text), (list, text))
FORWARD(void, curl_slist_free_all, (void *list), (list))
FORWARD(void *, curl_easy_init, (void), ())
FORWARD(void, curl_easy_cleanup, (void *easy), (easy))
FORWARD(int, curl_easy_pause, (void *easy, int bitmask), (easy, bitmask))
FORWARD(const char *, curl_easy_strerror, (int code), (code))
FORWARD(void *, curl_multi_init, (void), ())
FORWARD(int, curl_multi_add_handle, (void *multi, void *easy), (multi, easy))
FORWARD(int, curl_multi_remove_handle, (void *multi, void *easy), (multi, easy))
FORWARD(int, curl_multi_assign, (void *multi, int socket, void *data), (multi, socket, data))
FORWARD(void *, curl_multi_info_read, (void *multi, int *queued), (multi, queued))
FORWARD(int, curl_multi_socket_action, (void *multi, int socket, int events, int *running),
        (multi, socket, events, running))
FORWARD(void *, curl_url, (void), ())
FORWARD(int, curl_url_get, (void *url, int part, char **text, unsigned int flags), (url, part, text, flags))
FORWARD(int, curl_url_set, (void *url, int part, const char *text, unsigned int flags), (url, part, text, flags))

// Every CURLINFO value takes one pointer to where the answer goes.
int curl_easy_getinfo(void *easy, int info, ...) {
    static _Atomic(void *) slot;
    int (*forward)(void *, int, ...) = (int (*)(void *, int, ...))cached(&slot, "curl_easy_getinfo");
    va_list arguments;
    va_start(arguments, info);
    void *answer = va_arg(arguments, void *);
    va_end(arguments);
    return forward(easy, info, answer);
}

#endif
