#ifndef SCENELENS_BUILDINFO_H
#define SCENELENS_BUILDINFO_H

/// The git commit this executable was built from, as scripts/build-static.sh
/// stamps it; NULL for a plain `swift build`, which has no step that could
/// record it.
const char *sl_build_commit(void);

/// How it was built ("static release"), as the script stamps it; NULL otherwise.
const char *sl_build_kind(void);
#endif
