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

/// Decodes a JPEG into 8-bit RGBA, row by row into out. scale_denom 2, 4 or 8
/// decodes at that fraction of the size with libjpeg's DCT scaling (each side
/// ceil(side / scale_denom)); anything else, at full size. out must hold
/// out_width*out_height*4 bytes, which are set before the pixels are decoded.
/// A CMYK or YCCK JPEG is written as its four stored CMYK samples instead,
/// and *cmyk set to 1. Returns an SL_JPEG_* code; on failure writes a
/// message into err. libjpeg errors longjmp back here; it never exits.
int sl_jpeg_decode_rgba(const uint8_t *data, size_t size, int scale_denom, uint8_t *out,
                        size_t outlen, int *out_width, int *out_height, int *cmyk, char *err, size_t errlen);

/// The same decode a band of rows at a time, for callers that pass the rows
/// on instead of holding the frame. sl_jpeg_open reads the header and starts
/// decoding (scale_denom as above); each sl_jpeg_read_rows writes up to
/// max_rows rows of out_width*4 bytes into out (outlen bytes) and says how
/// many; after the last row the data is checked to its end. On an error the
/// reader is left for sl_jpeg_close only. Codes and messages as above.
struct sl_jpeg_reader;
int sl_jpeg_open(const uint8_t *data, size_t size, int scale_denom, struct sl_jpeg_reader **reader,
                 int *out_width, int *out_height, int *cmyk, char *err, size_t errlen);
int sl_jpeg_read_rows(struct sl_jpeg_reader *r, uint8_t *out, size_t outlen, int max_rows, int *rows_read,
                      char *err, size_t errlen);
void sl_jpeg_close(struct sl_jpeg_reader *r);
#endif
