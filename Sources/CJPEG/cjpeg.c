// Placeholder until the image-readers work lands: reports JPEG as unsupported.
#include "cjpeg.h"
#include <stdio.h>
int sl_jpeg_info(const uint8_t *data, size_t size, int *width, int *height,
                 int *components, int *progressive, char *err, size_t errlen) {
    (void)data; (void)size; (void)width; (void)height; (void)components; (void)progressive;
    snprintf(err, errlen, "JPEG support is not built yet");
    return 1;
}
int sl_jpeg_decode_rgba(const uint8_t *data, size_t size, uint8_t *out,
                        size_t outlen, char *err, size_t errlen) {
    (void)data; (void)size; (void)out; (void)outlen;
    snprintf(err, errlen, "JPEG support is not built yet");
    return 1;
}
