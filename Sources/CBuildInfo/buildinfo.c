#include "buildinfo.h"
#include <stddef.h>

// scripts/build-static.sh writes build_stamp.h (not in git) for the time of
// its build:
//   #define SCENELENS_COMMIT "5e9ae32"
//   #define SCENELENS_BUILD "static release"
// A plain `swift build` has no stamp, and the functions return NULL.
#if __has_include("build_stamp.h")
#include "build_stamp.h"
#endif

const char *sl_build_commit(void) {
#ifdef SCENELENS_COMMIT
    return SCENELENS_COMMIT;
#else
    return NULL;
#endif
}

const char *sl_build_kind(void) {
#ifdef SCENELENS_BUILD
    return SCENELENS_BUILD;
#else
    return NULL;
#endif
}
