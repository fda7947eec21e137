#ifndef SHIPNOTES_LIBFUZZER_DRIVER_H
#define SHIPNOTES_LIBFUZZER_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (part of the runtime that -sanitize=fuzzer links), started from a target's own
/// main: SwiftPM gives every executable target a main of its own, so the runtime's main cannot be used.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*test_one_input)(const uint8_t *data, size_t size));

#endif
