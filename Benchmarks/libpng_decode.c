/* Reference for the PNG decode benchmark: decodes a PNG to 8-bit RGBA with
 * libpng (the same output SceneLens produces) and writes it as PAM, so both
 * sides do the same work: read, inflate, unfilter, convert, write. */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s IN.png OUT.pam\n", argv[0]); return 2; }
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, argv[1])) {
        fprintf(stderr, "%s: %s\n", argv[1], image.message); return 1;
    }
    image.format = PNG_FORMAT_RGBA;
    size_t size = PNG_IMAGE_SIZE(image);
    png_bytep buffer = malloc(size);
    if (!buffer) { fprintf(stderr, "out of memory\n"); return 1; }
    if (!png_image_finish_read(&image, NULL, buffer, 0, NULL)) {
        fprintf(stderr, "%s: %s\n", argv[1], image.message); return 1;
    }
    FILE *out = fopen(argv[2], "wb");
    if (!out) { perror(argv[2]); return 1; }
    fprintf(out, "P7\nWIDTH %u\nHEIGHT %u\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n",
            image.width, image.height);
    fwrite(buffer, 1, size, out);
    fclose(out);
    free(buffer);
    return 0;
}
