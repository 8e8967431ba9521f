#ifndef SCENELENS_CIMAGEFORMATS_H
#define SCENELENS_CIMAGEFORMATS_H
#include <stddef.h>
#include <stdint.h>

/// Result codes of every function here (as CJPEG's).
enum {
    SL_IMG_OK = 0,
    SL_IMG_CORRUPT = 1,
    SL_IMG_UNSUPPORTED = 2,
    SL_IMG_TRUNCATED = 3,
    SL_IMG_BAD_ARGUMENT = 4
};

/// WebP: size, whether it has alpha and animation. Decoding writes the
/// first frame as 8-bit RGBA (out holds width*height*4 bytes).
int sl_webp_info(const uint8_t *data, size_t size, int *width, int *height,
                 int *has_alpha, int *animated, char *err, size_t errlen);
int sl_webp_decode_rgba(const uint8_t *data, size_t size, uint8_t *out, size_t outlen,
                        char *err, size_t errlen);

/// GIF: logical screen size and frame count is not read (only the first
/// frame). Decoding writes the first frame on the screen-sized canvas as
/// Pillow does: outside the frame, the transparent index or index 0;
/// transparent pixels get alpha 0. *has_transparency tells whether the
/// frame names a transparent index.
int sl_gif_info(const uint8_t *data, size_t size, int *width, int *height, char *err, size_t errlen);
int sl_gif_decode_rgba(const uint8_t *data, size_t size, uint8_t *out, size_t outlen,
                       int *has_transparency, char *err, size_t errlen);

/// TIFF (first directory): size, samples, bits, photometric, orientation
/// tag (1 when absent). Decoding writes the pixels in stored order (the
/// caller applies the orientation), alpha unassociated as stored.
int sl_tiff_info(const uint8_t *data, size_t size, int *width, int *height, int *samples,
                 int *bits, int *photometric, int *orientation, char *err, size_t errlen);
int sl_tiff_decode_rgba(const uint8_t *data, size_t size, uint8_t *out, size_t outlen,
                        char *err, size_t errlen);
#endif
