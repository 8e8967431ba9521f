// Nothing to define: LLVMFuzzerRunDriver comes from libclang_rt.fuzzer_no_main,
// linked by scripts/fuzz.sh. SwiftPM wants a source file in a C target.
#include "CFuzzDriver.h"
