#ifndef SCENELENS_CLIBDEFLATE_SHIM_H
#define SCENELENS_CLIBDEFLATE_SHIM_H
// libdeflate: whole-buffer DEFLATE, about twice zlib's inflate speed. PNG
// image data goes through it when every IDAT chunk is in memory (docs/images.md).
#include <libdeflate.h>
#endif
