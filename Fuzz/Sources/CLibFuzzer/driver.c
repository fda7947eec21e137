// The declaration in include/libfuzzer_driver.h is all this target provides; the definition is in
// libFuzzer's runtime. A C target needs one source file.
#include "libfuzzer_driver.h"
