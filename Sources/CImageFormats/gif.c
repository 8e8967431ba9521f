// giflib reads through a callback; this file feeds it from memory and
// reads records up to the first image only.
#include "cimageformats.h"
#include <stdio.h>
#include <string.h>
#include <gif_lib.h>

struct sl_mem { const uint8_t *data; size_t size, pos; };

static int sl_read(GifFileType *g, GifByteType *buf, int n) {
    struct sl_mem *m = (struct sl_mem *)g->UserData;
    size_t left = m->size - m->pos;
    size_t k = (size_t)n < left ? (size_t)n : left;
    memcpy(buf, m->data + m->pos, k);
    m->pos += k;
    return (int)k;
}

static GifFileType *sl_open(struct sl_mem *m, char *err, size_t errlen) {
    int e = 0;
    GifFileType *g = DGifOpen(m, sl_read, &e);
    if (!g) snprintf(err, errlen, "GIF header is invalid: %s", GifErrorString(e) ? GifErrorString(e) : "unknown error");
    return g;
}

int sl_gif_info(const uint8_t *data, size_t size, int *width, int *height, char *err, size_t errlen) {
    struct sl_mem m = { data, size, 0 };
    GifFileType *g = sl_open(&m, err, errlen);
    if (!g) return SL_IMG_CORRUPT;
    *width = g->SWidth; *height = g->SHeight;
    DGifCloseFile(g, NULL);
    return SL_IMG_OK;
}

int sl_gif_decode_rgba(const uint8_t *data, size_t size, uint8_t *out, size_t outlen,
                       int *has_transparency, char *err, size_t errlen) {
    struct sl_mem m = { data, size, 0 };
    GifFileType *g = sl_open(&m, err, errlen);
    if (!g) return SL_IMG_CORRUPT;
    size_t W = (size_t)g->SWidth, H = (size_t)g->SHeight;
    if (W * H * 4 > outlen) { DGifCloseFile(g, NULL); snprintf(err, errlen, "GIF output buffer is too small"); return SL_IMG_BAD_ARGUMENT; }
    int transparent = -1;
    GifRecordType rt;
    for (;;) {
        if (DGifGetRecordType(g, &rt) == GIF_ERROR) goto fail;
        if (rt == TERMINATE_RECORD_TYPE) {
            snprintf(err, errlen, "GIF file has no image");
            DGifCloseFile(g, NULL);
            return SL_IMG_CORRUPT;
        }
        if (rt == EXTENSION_RECORD_TYPE) {
            int code; GifByteType *ext;
            if (DGifGetExtension(g, &code, &ext) == GIF_ERROR) goto fail;
            while (ext) {
                if (code == GRAPHICS_EXT_FUNC_CODE && ext[0] >= 4 && (ext[1] & 1)) transparent = ext[4];
                if (DGifGetExtensionNext(g, &ext) == GIF_ERROR) goto fail;
            }
            continue;
        }
        if (rt != IMAGE_DESC_RECORD_TYPE) continue;
        if (DGifGetImageDesc(g) == GIF_ERROR) goto fail;
        ColorMapObject *cm = g->Image.ColorMap ? g->Image.ColorMap : g->SColorMap;
        int fx = g->Image.Left, fy = g->Image.Top, fw = g->Image.Width, fh = g->Image.Height;
        // Pillow fills the canvas with the transparent index, else index 0.
        int fill = transparent >= 0 ? transparent : 0;
        uint8_t pal[256 * 3];
        memset(pal, 0, sizeof pal);
        if (cm) for (int i = 0; i < cm->ColorCount && i < 256; i++) {
            pal[i * 3] = cm->Colors[i].Red; pal[i * 3 + 1] = cm->Colors[i].Green; pal[i * 3 + 2] = cm->Colors[i].Blue;
        }
        for (size_t i = 0; i < W * H; i++) {
            out[i * 4] = pal[fill * 3]; out[i * 4 + 1] = pal[fill * 3 + 1]; out[i * 4 + 2] = pal[fill * 3 + 2];
            out[i * 4 + 3] = fill == transparent ? 0 : 255;
        }
        GifPixelType line[65536];
        if (fw > 65535 || fw < 0 || fh < 0) { snprintf(err, errlen, "GIF frame is too wide"); DGifCloseFile(g, NULL); return SL_IMG_UNSUPPORTED; }
        static const int ioff[] = {0, 4, 2, 1}, istep[] = {8, 8, 4, 2};
        int passes = g->Image.Interlace ? 4 : 1;
        for (int p = 0; p < passes; p++) {
            int y0 = g->Image.Interlace ? ioff[p] : 0, dy = g->Image.Interlace ? istep[p] : 1;
            for (int y = y0; y < fh; y += dy) {
                if (DGifGetLine(g, line, fw) == GIF_ERROR) goto fail;
                int oy = fy + y;
                if (oy < 0 || (size_t)oy >= H) continue;
                for (int x = 0; x < fw; x++) {
                    int ox = fx + x;
                    if (ox < 0 || (size_t)ox >= W) continue;
                    int idx = line[x];
                    uint8_t *d = out + ((size_t)oy * W + (size_t)ox) * 4;
                    d[0] = pal[idx * 3]; d[1] = pal[idx * 3 + 1]; d[2] = pal[idx * 3 + 2];
                    d[3] = idx == transparent ? 0 : 255;
                }
            }
        }
        *has_transparency = transparent >= 0;
        DGifCloseFile(g, NULL);
        return SL_IMG_OK;
    }
fail:
    snprintf(err, errlen, "GIF data is invalid or truncated: %s",
             GifErrorString(g->Error) ? GifErrorString(g->Error) : "unknown error");
    DGifCloseFile(g, NULL);
    return SL_IMG_CORRUPT;
}
