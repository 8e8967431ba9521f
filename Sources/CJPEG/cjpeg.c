// libjpeg reports fatal errors by calling error_exit, which by default
// exits the process. Here error_exit longjmps back into the function that
// called libjpeg, inside C, so Swift only ever sees a return code.
#include "cjpeg.h"
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <jpeglib.h>
#include <jerror.h>

struct sl_error {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    int saw_eof;  // libjpeg only warns when data ends early; we treat it as an error
};

static void sl_error_exit(j_common_ptr cinfo) {
    struct sl_error *e = (struct sl_error *)cinfo->err;
    longjmp(e->jump, 1);
}

static void sl_emit_message(j_common_ptr cinfo, int level) {
    struct sl_error *e = (struct sl_error *)cinfo->err;
    // Warnings (level -1) must not reach stderr; remember the one that matters.
    if (level < 0) {
        if (e->pub.msg_code == JWRN_JPEG_EOF) e->saw_eof = 1;
        e->pub.num_warnings++;
    }
}

static void sl_output_message(j_common_ptr cinfo) { (void)cinfo; }

static void sl_message(j_decompress_ptr cinfo, char *err, size_t errlen) {
    char buffer[JMSG_LENGTH_MAX];
    cinfo->err->format_message((j_common_ptr)cinfo, buffer);
    snprintf(err, errlen, "%s", buffer);
}

static void sl_setup(struct jpeg_decompress_struct *cinfo, struct sl_error *jerr) {
    memset(jerr, 0, sizeof(*jerr));
    cinfo->err = jpeg_std_error(&jerr->pub);
    jerr->pub.error_exit = sl_error_exit;
    jerr->pub.emit_message = sl_emit_message;
    jerr->pub.output_message = sl_output_message;
}

static int sl_unsupported_space(J_COLOR_SPACE space) {
    return space != JCS_GRAYSCALE && space != JCS_YCbCr && space != JCS_RGB
        && space != JCS_CMYK && space != JCS_YCCK;
}

int sl_jpeg_info(const uint8_t *data, size_t size, int *width, int *height,
                 int *components, int *progressive, char *err, size_t errlen) {
    struct jpeg_decompress_struct cinfo;
    struct sl_error jerr;
    sl_setup(&cinfo, &jerr);
    if (setjmp(jerr.jump)) {
        sl_message(&cinfo, err, errlen);
        jpeg_destroy_decompress(&cinfo);
        return SL_JPEG_CORRUPT;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, (unsigned long)size);
    jpeg_read_header(&cinfo, TRUE);
    *width = (int)cinfo.image_width;
    *height = (int)cinfo.image_height;
    *components = cinfo.num_components;
    *progressive = jpeg_has_multiple_scans(&cinfo) ? 1 : 0;
    jpeg_destroy_decompress(&cinfo);
    return SL_JPEG_OK;
}

int sl_jpeg_decode_rgba(const uint8_t *data, size_t size, uint8_t *out,
                        size_t outlen, int *cmyk, char *err, size_t errlen) {
    struct jpeg_decompress_struct cinfo;
    struct sl_error jerr;
    sl_setup(&cinfo, &jerr);
    if (setjmp(jerr.jump)) {
        sl_message(&cinfo, err, errlen);
        jpeg_destroy_decompress(&cinfo);
        return SL_JPEG_CORRUPT;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, (unsigned long)size);
    jpeg_read_header(&cinfo, TRUE);
    if (sl_unsupported_space(cinfo.jpeg_color_space)) {
        snprintf(err, errlen, "JPEG colour space %d is not supported (only greyscale, colour and CMYK)",
                 (int)cinfo.jpeg_color_space);
        jpeg_destroy_decompress(&cinfo);
        return SL_JPEG_UNSUPPORTED;
    }
    // CMYK and YCCK come out as the four stored CMYK samples; the caller
    // converts them to RGB as Pillow does.
    *cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
    cinfo.out_color_space = *cmyk ? JCS_CMYK : JCS_EXT_RGBA;
    jpeg_start_decompress(&cinfo);
    size_t row_bytes = (size_t)cinfo.output_width * 4;
    if (cinfo.output_components != 4 || row_bytes * cinfo.output_height > outlen) {
        snprintf(err, errlen, "JPEG output buffer is too small for %ux%u pixels",
                 cinfo.output_width, cinfo.output_height);
        jpeg_destroy_decompress(&cinfo);
        return SL_JPEG_BAD_ARGUMENT;
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW rows[8];
        int n = 0;
        for (; n < 8 && cinfo.output_scanline + (unsigned)n < cinfo.output_height; n++)
            rows[n] = out + (size_t)(cinfo.output_scanline + (unsigned)n) * row_bytes;
        jpeg_read_scanlines(&cinfo, rows, (JDIMENSION)n);
    }
    if (jerr.saw_eof) {
        snprintf(err, errlen, "JPEG data is truncated: it ends before the image is complete");
        jpeg_destroy_decompress(&cinfo);
        return SL_JPEG_TRUNCATED;
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    return SL_JPEG_OK;
}
