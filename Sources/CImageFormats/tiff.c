// libtiff reads through client callbacks and reports errors through a
// handler; this file reads from memory and keeps the first message.
#include "cimageformats.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <tiffio.h>

struct sl_mem { const uint8_t *data; toff_t size, pos; char *err; size_t errlen; int failed; };

static tmsize_t sl_read(thandle_t h, void *buf, tmsize_t n) {
    struct sl_mem *m = (struct sl_mem *)h;
    if (m->pos >= m->size) return 0;
    toff_t left = m->size - m->pos;
    toff_t k = (toff_t)n < left ? (toff_t)n : left;
    memcpy(buf, m->data + m->pos, (size_t)k);
    m->pos += k;
    return (tmsize_t)k;
}
static tmsize_t sl_write(thandle_t h, void *buf, tmsize_t n) { (void)h; (void)buf; (void)n; return -1; }
static toff_t sl_seek(thandle_t h, toff_t off, int whence) {
    struct sl_mem *m = (struct sl_mem *)h;
    toff_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? m->pos : m->size;
    m->pos = base + off;
    return m->pos;
}
static int sl_close(thandle_t h) { (void)h; return 0; }
static toff_t sl_size(thandle_t h) { return ((struct sl_mem *)h)->size; }
static int sl_map(thandle_t h, void **base, toff_t *size) { (void)h; (void)base; (void)size; return 0; }
static void sl_unmap(thandle_t h, void *base, toff_t size) { (void)h; (void)base; (void)size; }

static int sl_error(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap) {
    (void)tif; (void)module;
    struct sl_mem *m = (struct sl_mem *)user;
    if (!m->failed) vsnprintf(m->err, m->errlen, fmt, ap);
    m->failed = 1;
    return 1;
}
static int sl_warning(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap) {
    (void)tif; (void)user; (void)module; (void)fmt; (void)ap;
    return 1;
}

static TIFF *sl_open(struct sl_mem *m) {
    TIFFOpenOptions *o = TIFFOpenOptionsAlloc();
    TIFFOpenOptionsSetErrorHandlerExtR(o, sl_error, m);
    TIFFOpenOptionsSetWarningHandlerExtR(o, sl_warning, m);
    TIFF *t = TIFFClientOpenExt("image", "rm", (thandle_t)m, sl_read, sl_write, sl_seek, sl_close, sl_size,
                                sl_map, sl_unmap, o);
    TIFFOpenOptionsFree(o);
    if (!t && !m->failed) snprintf(m->err, m->errlen, "TIFF header is invalid");
    return t;
}

int sl_tiff_info(const uint8_t *data, size_t size, int *width, int *height, int *samples,
                 int *bits, int *photometric, int *orientation, char *err, size_t errlen) {
    struct sl_mem m = { data, size, 0, err, errlen, 0 };
    TIFF *t = sl_open(&m);
    if (!t) return SL_IMG_CORRUPT;
    uint32_t w = 0, h = 0;
    uint16_t spp = 1, bps = 1, photo = 0, orient = 1;
    TIFFGetField(t, TIFFTAG_IMAGEWIDTH, &w);
    TIFFGetField(t, TIFFTAG_IMAGELENGTH, &h);
    TIFFGetFieldDefaulted(t, TIFFTAG_SAMPLESPERPIXEL, &spp);
    TIFFGetFieldDefaulted(t, TIFFTAG_BITSPERSAMPLE, &bps);
    TIFFGetField(t, TIFFTAG_PHOTOMETRIC, &photo);
    if (!TIFFGetField(t, TIFFTAG_ORIENTATION, &orient)) orient = 1;
    *width = (int)w; *height = (int)h; *samples = spp; *bits = bps; *photometric = photo; *orientation = orient;
    TIFFClose(t);
    return SL_IMG_OK;
}

int sl_tiff_decode_rgba(const uint8_t *data, size_t size, uint8_t *out, size_t outlen,
                        char *err, size_t errlen) {
    struct sl_mem m = { data, size, 0, err, errlen, 0 };
    TIFF *t = sl_open(&m);
    if (!t) return SL_IMG_CORRUPT;
    uint32_t w = 0, h = 0;
    uint16_t spp = 1, bps = 1, photo = 0, planar = 1, orient = 1, extra = 0, *extraTypes = NULL;
    TIFFGetField(t, TIFFTAG_IMAGEWIDTH, &w);
    TIFFGetField(t, TIFFTAG_IMAGELENGTH, &h);
    TIFFGetFieldDefaulted(t, TIFFTAG_SAMPLESPERPIXEL, &spp);
    TIFFGetFieldDefaulted(t, TIFFTAG_BITSPERSAMPLE, &bps);
    TIFFGetFieldDefaulted(t, TIFFTAG_PLANARCONFIG, &planar);
    TIFFGetField(t, TIFFTAG_PHOTOMETRIC, &photo);
    if (!TIFFGetField(t, TIFFTAG_ORIENTATION, &orient)) orient = 1;
    TIFFGetField(t, TIFFTAG_EXTRASAMPLES, &extra, &extraTypes);
    size_t W = w, H = h;
    if (W * H * 4 > outlen) { TIFFClose(t); snprintf(err, errlen, "TIFF output buffer is too small"); return SL_IMG_BAD_ARGUMENT; }
    int grey = photo == PHOTOMETRIC_MINISBLACK && (spp == 1 || spp == 2);
    int rgb = photo == PHOTOMETRIC_RGB && (spp == 3 || spp == 4);
    int associated = extra > 0 && extraTypes && extraTypes[0] == EXTRASAMPLE_ASSOCALPHA;
    if (bps == 8 && planar == PLANARCONFIG_CONTIG && !TIFFIsTiled(t) && (grey || rgb) && !associated) {
        // The samples as stored (alpha unassociated), as Pillow reads them;
        // libtiff's RGBA interface would premultiply the colour by alpha.
        tmsize_t line = TIFFScanlineSize(t);
        uint8_t *buf = (uint8_t *)_TIFFmalloc(line > 0 ? line : 1);
        if (!buf) { TIFFClose(t); snprintf(err, errlen, "out of memory"); return SL_IMG_CORRUPT; }
        for (uint32_t y = 0; y < h; y++) {
            if (TIFFReadScanline(t, buf, y, 0) < 0) {
                _TIFFfree(buf); TIFFClose(t);
                if (!m.failed) snprintf(err, errlen, "TIFF data is invalid or truncated at row %u", y);
                return SL_IMG_CORRUPT;
            }
            uint8_t *d = out + (size_t)y * W * 4;
            for (uint32_t x = 0; x < w; x++) {
                const uint8_t *s = buf + (size_t)x * spp;
                if (grey) { d[0] = d[1] = d[2] = s[0]; d[3] = spp == 2 ? s[1] : 255; }
                else { d[0] = s[0]; d[1] = s[1]; d[2] = s[2]; d[3] = spp == 4 ? s[3] : 255; }
                d += 4;
            }
        }
        _TIFFfree(buf);
        TIFFClose(t);
        return SL_IMG_OK;
    }
    // Anything else through libtiff's RGBA interface, asked for the stored
    // orientation so the caller's EXIF transform is the only one applied.
    if (!TIFFReadRGBAImageOriented(t, w, h, (uint32_t *)out, orient, 0)) {
        TIFFClose(t);
        if (!m.failed) snprintf(err, errlen, "TIFF image data cannot be read");
        return SL_IMG_UNSUPPORTED;
    }
    for (size_t i = 0; i < W * H; i++) {  // ABGR in host order -> R G B A bytes
        uint32_t p = ((uint32_t *)out)[i];
        out[i * 4] = (uint8_t)TIFFGetR(p); out[i * 4 + 1] = (uint8_t)TIFFGetG(p);
        out[i * 4 + 2] = (uint8_t)TIFFGetB(p); out[i * 4 + 3] = (uint8_t)TIFFGetA(p);
    }
    TIFFClose(t);
    return SL_IMG_OK;
}
