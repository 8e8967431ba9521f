#ifndef SCENELENS_CZLIB_SHIM_H
#define SCENELENS_CZLIB_SHIM_H
#include <zlib.h>
// inflateInit/deflateInit are macros; expose them as functions.
static inline int sl_inflate_init(z_streamp strm) { return inflateInit(strm); }
// A raw deflate stream: the caller reads the zlib header and Adler-32 itself.
static inline int sl_inflate_init_raw(z_streamp strm) { return inflateInit2(strm, -15); }
// A gzip or zlib stream, the header detected (Parquet GZIP pages, .gz files).
static inline int sl_inflate_init_auto(z_streamp strm) { return inflateInit2(strm, 15 + 32); }
static inline int sl_deflate_init(z_streamp strm, int level) { return deflateInit(strm, level); }
#endif
