#ifndef SHIPNOTES_CCMARK_SHIM_H
#define SHIPNOTES_CCMARK_SHIM_H
// The one header the CommonMark module sees: libcmark's public API and its version macros.
#include <cmark.h>
#endif
