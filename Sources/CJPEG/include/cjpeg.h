#ifndef SCENELENS_CJPEG_H
#define SCENELENS_CJPEG_H
#include <stddef.h>
#include <stdint.h>

/// Result codes shared by both functions.
enum {
    SL_JPEG_OK = 0,
    SL_JPEG_CORRUPT = 1,      /* libjpeg rejected the data */
    SL_JPEG_UNSUPPORTED = 2,  /* valid JPEG this wrapper does not convert (CMYK, YCCK, ...) */
    SL_JPEG_TRUNCATED = 3,    /* the data ends before the image does */
    SL_JPEG_BAD_ARGUMENT = 4  /* output buffer too small */
};

/// Reads a JPEG header without decoding. components is the stored colour
/// component count (4 for CMYK/YCCK); progressive is 1 for progressive JPEGs. Returns an
/// SL_JPEG_* code; on failure writes a message into err. Never exits.
/// min_bytes is the least compressed size that can hold that many pixels
/// (one bit per block of the first component with Huffman coding; an eighth
/// of that per 64 blocks with arithmetic coding): a smaller file is truncated
/// or lies about its size, and is refused before any pixel memory is taken.
int sl_jpeg_info(const uint8_t *data, size_t size, int *width, int *height,
                 int *components, int *progressive, size_t *min_bytes, char *err, size_t errlen);

/// Decodes a JPEG into 8-bit RGBA (out must hold width*height*4 bytes, as
/// sl_jpeg_info reported). A CMYK or YCCK JPEG is written as its four stored
/// CMYK samples instead, and *cmyk set to 1. Returns an SL_JPEG_* code; on failure writes a
/// message into err. libjpeg errors longjmp back here; it never exits.
int sl_jpeg_decode_rgba(const uint8_t *data, size_t size, uint8_t *out,
                        size_t outlen, int *cmyk, char *err, size_t errlen);
#endif
