#ifndef SCENELENS_CJPEG_H
#define SCENELENS_CJPEG_H
#include <stddef.h>
#include <stdint.h>

/// Reads a JPEG header. Returns 0 on success, otherwise writes a message into err.
int sl_jpeg_info(const uint8_t *data, size_t size, int *width, int *height,
                 int *components, int *progressive, char *err, size_t errlen);

/// Decodes a JPEG into 8-bit RGBA (out must hold width*height*4 bytes, as
/// sl_jpeg_info reported). Returns 0 on success, otherwise writes a message into err.
int sl_jpeg_decode_rgba(const uint8_t *data, size_t size, uint8_t *out,
                        size_t outlen, char *err, size_t errlen);
#endif
