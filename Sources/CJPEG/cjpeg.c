// libjpeg reports fatal errors by calling error_exit, which by default
// exits the process. Here error_exit longjmps back into the function that
// called libjpeg, inside C, so Swift only ever sees a return code.
#include "cjpeg.h"
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>
#include <jerror.h>

struct sl_error {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    int saw_eof;  // 1: the data ended early (libjpeg only warns); 2: too many scans
};

static void sl_error_exit(j_common_ptr cinfo) {
    struct sl_error *e = (struct sl_error *)cinfo->err;
    longjmp(e->jump, 1);
}

static void sl_emit_message(j_common_ptr cinfo, int level) {
    struct sl_error *e = (struct sl_error *)cinfo->err;
    // Warnings (level -1) are libjpeg carrying on over bad data: premature end
    // of data, corrupt entropy data, extraneous bytes. It would go on to fill
    // the rest of the image with invented grey, so every warning is fatal here
    // (what djpeg -strict does), and the end of data is reported as truncation.
    if (level < 0) {
        if (e->pub.msg_code == JWRN_JPEG_EOF) e->saw_eof = 1;
        e->pub.num_warnings++;
        longjmp(e->jump, 1);
    }
}

// A progressive file may hold any number of scans, each a pass over the whole
// coefficient buffer; a crafted one repeats tiny scans to burn time. No real
// encoder writes more than a few dozen.
enum { SL_MAX_SCANS = 1000 };

static void sl_progress(j_common_ptr cinfo) {
    if (cinfo->is_decompressor && ((j_decompress_ptr)cinfo)->input_scan_number > SL_MAX_SCANS) {
        struct sl_error *e = (struct sl_error *)cinfo->err;
        e->saw_eof = 2;
        longjmp(e->jump, 1);
    }
}

static void sl_output_message(j_common_ptr cinfo) { (void)cinfo; }

static void sl_message(j_decompress_ptr cinfo, char *err, size_t errlen) {
    struct sl_error *e = (struct sl_error *)cinfo->err;
    if (e->saw_eof == 2) {
        snprintf(err, errlen, "more than %d progressive scans", SL_MAX_SCANS);
        return;
    }
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
                 int *components, int *progressive, size_t *min_bytes, char *err, size_t errlen) {
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
    // Every block of a component carries at least its DC code: one bit with
    // Huffman coding (progressive files included: DC has no run lengths);
    // arithmetic coding can squeeze a flat block further, so allow 64 to a bit.
    size_t blocks = 0;
    if (cinfo.num_components > 0 && cinfo.comp_info != NULL)
        blocks = (size_t)cinfo.comp_info[0].width_in_blocks * (size_t)cinfo.comp_info[0].height_in_blocks;
    *min_bytes = cinfo.arith_code ? blocks / 512 : blocks / 8;
    jpeg_destroy_decompress(&cinfo);
    return SL_JPEG_OK;
}

int sl_jpeg_decode_rgba(const uint8_t *data, size_t size, int scale_denom, uint8_t *out,
                        size_t outlen, int *out_width, int *out_height, int *cmyk, char *err, size_t errlen) {
    struct jpeg_decompress_struct cinfo;
    struct sl_error jerr;
    sl_setup(&cinfo, &jerr);
    struct jpeg_progress_mgr progress;
    if (setjmp(jerr.jump)) {
        if (jerr.saw_eof == 1) {
            snprintf(err, errlen, "JPEG data is truncated: it ends before the image is complete");
            jpeg_destroy_decompress(&cinfo);
            return SL_JPEG_TRUNCATED;
        }
        sl_message(&cinfo, err, errlen);
        jpeg_destroy_decompress(&cinfo);
        return SL_JPEG_CORRUPT;
    }
    jpeg_create_decompress(&cinfo);
    memset(&progress, 0, sizeof(progress));
    progress.progress_monitor = sl_progress;
    cinfo.progress = &progress;
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
    // DCT scaling: libjpeg's inverse DCT makes the picture at 1/2, 1/4 or 1/8
    // of the size directly (each block's low frequencies only), far cheaper
    // than decoding every pixel and averaging them down.
    if (scale_denom == 2 || scale_denom == 4 || scale_denom == 8) {
        cinfo.scale_num = 1;
        cinfo.scale_denom = (unsigned)scale_denom;
    }
    jpeg_start_decompress(&cinfo);
    *out_width = (int)cinfo.output_width;
    *out_height = (int)cinfo.output_height;
    size_t row_bytes = (size_t)cinfo.output_width * 4;
    if (cinfo.output_components != 4 || row_bytes * cinfo.output_height > outlen) {
        snprintf(err, errlen, "JPEG output buffer is too small for %ux%u pixels",
                 cinfo.output_width, cinfo.output_height);
        jpeg_destroy_decompress(&cinfo);
        return SL_JPEG_BAD_ARGUMENT;
    }
    // Rows are written straight into their place in the output: libjpeg's
    // own buffers hold a few rows (one band of blocks), never a second frame.
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW rows[16];
        int n = 0;
        for (; n < 16 && cinfo.output_scanline + (unsigned)n < cinfo.output_height; n++)
            rows[n] = out + (size_t)(cinfo.output_scanline + (unsigned)n) * row_bytes;
        jpeg_read_scanlines(&cinfo, rows, (JDIMENSION)n);
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    return SL_JPEG_OK;
}

// A decoder read a band of rows at a time, for callers that pass rows on
// (to a file) instead of holding the frame. Each function that calls libjpeg
// sets its own setjmp: an error longjmps back into whichever is running.
struct sl_jpeg_reader {
    struct jpeg_decompress_struct cinfo;
    struct sl_error jerr;
    struct jpeg_progress_mgr progress;
};

static int sl_reader_fail(struct sl_jpeg_reader *r, char *err, size_t errlen) {
    if (r->jerr.saw_eof == 1) {
        snprintf(err, errlen, "JPEG data is truncated: it ends before the image is complete");
        return SL_JPEG_TRUNCATED;
    }
    sl_message(&r->cinfo, err, errlen);
    return SL_JPEG_CORRUPT;
}

int sl_jpeg_open(const uint8_t *data, size_t size, int scale_denom, struct sl_jpeg_reader **reader,
                 int *out_width, int *out_height, int *cmyk, char *err, size_t errlen) {
    *reader = NULL;
    struct sl_jpeg_reader *r = calloc(1, sizeof(*r));
    if (r == NULL) {
        snprintf(err, errlen, "out of memory for the JPEG decoder");
        return SL_JPEG_BAD_ARGUMENT;
    }
    sl_setup(&r->cinfo, &r->jerr);
    if (setjmp(r->jerr.jump)) {
        int code = sl_reader_fail(r, err, errlen);
        jpeg_destroy_decompress(&r->cinfo);
        free(r);
        return code;
    }
    jpeg_create_decompress(&r->cinfo);
    r->progress.progress_monitor = sl_progress;
    r->cinfo.progress = &r->progress;
    jpeg_mem_src(&r->cinfo, data, (unsigned long)size);
    jpeg_read_header(&r->cinfo, TRUE);
    if (sl_unsupported_space(r->cinfo.jpeg_color_space)) {
        snprintf(err, errlen, "JPEG colour space %d is not supported (only greyscale, colour and CMYK)",
                 (int)r->cinfo.jpeg_color_space);
        jpeg_destroy_decompress(&r->cinfo);
        free(r);
        return SL_JPEG_UNSUPPORTED;
    }
    *cmyk = r->cinfo.jpeg_color_space == JCS_CMYK || r->cinfo.jpeg_color_space == JCS_YCCK;
    r->cinfo.out_color_space = *cmyk ? JCS_CMYK : JCS_EXT_RGBA;
    if (scale_denom == 2 || scale_denom == 4 || scale_denom == 8) {
        r->cinfo.scale_num = 1;
        r->cinfo.scale_denom = (unsigned)scale_denom;
    }
    jpeg_start_decompress(&r->cinfo);
    *out_width = (int)r->cinfo.output_width;
    *out_height = (int)r->cinfo.output_height;
    *reader = r;
    return SL_JPEG_OK;
}

int sl_jpeg_read_rows(struct sl_jpeg_reader *r, uint8_t *out, size_t outlen, int max_rows, int *rows_read,
                      char *err, size_t errlen) {
    *rows_read = 0;
    if (setjmp(r->jerr.jump)) return sl_reader_fail(r, err, errlen);
    size_t row_bytes = (size_t)r->cinfo.output_width * 4;
    int done = 0;
    while (done < max_rows && r->cinfo.output_scanline < r->cinfo.output_height) {
        if ((size_t)(done + 1) * row_bytes > outlen) break;
        JSAMPROW rows[16];
        int n = 0;
        for (; n < 16 && done + n < max_rows && (size_t)(done + n + 1) * row_bytes <= outlen
               && r->cinfo.output_scanline + (unsigned)n < r->cinfo.output_height; n++)
            rows[n] = out + (size_t)(done + n) * row_bytes;
        done += (int)jpeg_read_scanlines(&r->cinfo, rows, (JDIMENSION)n);
        *rows_read = done;
    }
    if (r->cinfo.output_scanline >= r->cinfo.output_height) jpeg_finish_decompress(&r->cinfo);
    return SL_JPEG_OK;
}

void sl_jpeg_close(struct sl_jpeg_reader *r) {
    if (r == NULL) return;
    jpeg_destroy_decompress(&r->cinfo);
    free(r);
}
