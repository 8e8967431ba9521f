/*
 * scripts/check-static-link.sh: links this, fully static, with the flags of
 * scripts/static-link-flags.sh against every C library the scenelens
 * executable links, in seconds instead of a release build's ten minutes, so a
 * Debian library that gains a dependency breaks CI, not the next release.
 * Run, it checks that the GSSAPI/LDAP stand-ins fail with their message
 * through libpq's own paths.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>
#include <tiffio.h>
#include <webp/decode.h>
#include <webp/demux.h>
#include <gif_lib.h>
#include <libpq-fe.h>
#include <ncurses.h>
#include <sqlite3.h>
#include <zlib.h>
#include <libdeflate.h>
#include <zstd.h>
#include <snappy-c.h>

/* Each library's entry point, kept so the linker must resolve them all. */
void *volatile keep[] = {
    (void *)jpeg_std_error, (void *)TIFFClientOpen, (void *)WebPDecodeRGBA, (void *)WebPDemuxInternal,
    (void *)DGifOpen, (void *)PQconnectdb, (void *)newterm, (void *)sqlite3_open_v2, (void *)inflate,
    (void *)ZSTD_decompress, (void *)snappy_uncompress, (void *)libdeflate_deflate_decompress_ex,
};

int main(int argc, char **argv) {
    if (argc < 2) { printf("linked\n"); return 0; }
    /* argv[1]: a connection string whose libpq path reaches a stand-in;
     * argv[2]: the text its error must contain. */
    PGconn *conn = PQconnectdb(argv[1]);
    const char *message = PQerrorMessage(conn);
    int ok = PQstatus(conn) == CONNECTION_BAD && argc > 2 && strstr(message, argv[2]) != NULL;
    printf("%s: %s", ok ? "ok" : "FAILED", message);
    PQfinish(conn);
    return ok ? 0 : 1;
}
