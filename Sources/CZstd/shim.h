#ifndef SCENELENS_CZSTD_SHIM_H
#define SCENELENS_CZSTD_SHIM_H
// libzstd (Debian libzstd-dev): Parquet's ZSTD pages and .zst files.
#include <zstd.h>
#endif
