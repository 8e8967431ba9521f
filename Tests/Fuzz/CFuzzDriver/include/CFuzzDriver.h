#ifndef SCENELENS_CFUZZDRIVER_H
#define SCENELENS_CFUZZDRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's entry for programs that have their own main (libclang_rt.fuzzer_no_main):
/// parses libFuzzer's options from argc/argv and calls `callback` with each input.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
