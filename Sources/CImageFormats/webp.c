// libwebp returns status codes (no longjmp); this file only keeps the
// still-image and animated paths behind one call.
#include "cimageformats.h"
#include <stdio.h>
#include <string.h>
#include <webp/decode.h>
#include <webp/demux.h>

int sl_webp_info(const uint8_t *data, size_t size, int *width, int *height,
                 int *has_alpha, int *animated, char *err, size_t errlen) {
    WebPBitstreamFeatures f;
    VP8StatusCode s = WebPGetFeatures(data, size, &f);
    if (s != VP8_STATUS_OK) {
        snprintf(err, errlen, "WebP header is invalid (libwebp status %d)", (int)s);
        return s == VP8_STATUS_NOT_ENOUGH_DATA ? SL_IMG_TRUNCATED : SL_IMG_CORRUPT;
    }
    *width = f.width; *height = f.height; *has_alpha = f.has_alpha; *animated = f.has_animation;
    return SL_IMG_OK;
}

int sl_webp_decode_rgba(const uint8_t *data, size_t size, uint8_t *out, size_t outlen,
                        char *err, size_t errlen) {
    WebPBitstreamFeatures f;
    if (WebPGetFeatures(data, size, &f) != VP8_STATUS_OK) {
        snprintf(err, errlen, "WebP header is invalid");
        return SL_IMG_CORRUPT;
    }
    size_t need = (size_t)f.width * (size_t)f.height * 4;
    if (need > outlen) { snprintf(err, errlen, "WebP output buffer is too small"); return SL_IMG_BAD_ARGUMENT; }
    if (!f.has_animation) {
        if (!WebPDecodeRGBAInto(data, size, out, outlen, f.width * 4)) {
            snprintf(err, errlen, "WebP image data is invalid or truncated");
            return SL_IMG_CORRUPT;
        }
        return SL_IMG_OK;
    }
    WebPData wd = { data, size };
    WebPAnimDecoderOptions opt;
    WebPAnimDecoderOptionsInit(&opt);
    opt.color_mode = MODE_RGBA;
    WebPAnimDecoder *dec = WebPAnimDecoderNew(&wd, &opt);
    if (!dec) { snprintf(err, errlen, "animated WebP data is invalid"); return SL_IMG_CORRUPT; }
    WebPAnimInfo info;
    uint8_t *frame = NULL;
    int ts = 0;
    if (!WebPAnimDecoderGetInfo(dec, &info) || info.canvas_width != (uint32_t)f.width
        || info.canvas_height != (uint32_t)f.height || !WebPAnimDecoderGetNext(dec, &frame, &ts)) {
        WebPAnimDecoderDelete(dec);
        snprintf(err, errlen, "animated WebP: the first frame does not decode");
        return SL_IMG_CORRUPT;
    }
    memcpy(out, frame, need);
    WebPAnimDecoderDelete(dec);
    return SL_IMG_OK;
}
