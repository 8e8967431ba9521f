/*
 * Linked into the fully static build only (scripts/build-static.sh), never
 * into `swift build`: in a dynamic build these would replace the real
 * libraries' functions.
 *
 * libpq.a refers to GSSAPI (Kerberos) and LDAP, and Debian ships neither
 * libgssapi_krb5 nor a static LDAP stack that links without more shared-only
 * libraries (libldap.a needs GnuTLS and SASL, which have no .a). These
 * stand-ins make the two features fail cleanly, with a message that says
 * why, through libpq's own error paths:
 *
 * - GSSAPI: with the default gssencmode=prefer, libpq asks for a credential
 *   cache (gss_acquire_cred), gets none and goes on without GSS encryption,
 *   as on a machine without Kerberos tickets. A server that demands GSSAPI
 *   authentication gets libpq's "GSSAPI ... error" followed by the message
 *   below (from gss_display_status).
 * - LDAP: a `ldap://` line in pg_service.conf ends with libpq's "lookup on
 *   LDAP server failed:" followed by the message below (ldap_err2string).
 *
 * Password (SCRAM, md5), TLS (static libssl/libcrypto), Unix sockets and
 * TCP are real and unaffected.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define STATIC_GSS_MESSAGE "GSSAPI (Kerberos) authentication is not available in the static build of scenelens; use the release build (swift build -c release) or password authentication"
#define STATIC_LDAP_MESSAGE "LDAP service lookup is not available in the static build of scenelens; use the release build (swift build -c release) or write the connection into the service file"

typedef uint32_t OM_uint32;
typedef struct { size_t length; void *value; } stub_gss_buffer_desc;
typedef void *stub_gss_OID;

/* GSS_S_FAILURE: a routine error, "failure, unspecified at GSS-API level". */
#define STUB_GSS_S_FAILURE (13u << 16)
#define STUB_GSS_C_GSS_CODE 1

stub_gss_OID GSS_C_NT_HOSTBASED_SERVICE = NULL;

static OM_uint32 gss_unavailable(OM_uint32 *minor) {
    if (minor) *minor = 0;
    return STUB_GSS_S_FAILURE;
}

OM_uint32 gss_acquire_cred(OM_uint32 *minor, void *a, OM_uint32 b, void *c, int d, void *cred, void *e, void *f) {
    (void)a; (void)b; (void)c; (void)d; (void)e; (void)f;
    if (cred) *(void **)cred = NULL;
    return gss_unavailable(minor);
}
OM_uint32 gss_import_name(OM_uint32 *minor, void *a, void *b, void *name) {
    (void)a; (void)b;
    if (name) *(void **)name = NULL;
    return gss_unavailable(minor);
}
OM_uint32 gss_init_sec_context(OM_uint32 *minor, void *a, void *b, void *c, void *d, OM_uint32 e, OM_uint32 f,
                               void *g, void *h, void *i, stub_gss_buffer_desc *out, OM_uint32 *k, OM_uint32 *l) {
    (void)a; (void)b; (void)c; (void)d; (void)e; (void)f; (void)g; (void)h; (void)i; (void)k; (void)l;
    if (out) { out->length = 0; out->value = NULL; }
    return gss_unavailable(minor);
}
OM_uint32 gss_wrap(OM_uint32 *minor, void *a, int b, int c, void *d, int *e, stub_gss_buffer_desc *out) {
    (void)a; (void)b; (void)c; (void)d; (void)e;
    if (out) { out->length = 0; out->value = NULL; }
    return gss_unavailable(minor);
}
OM_uint32 gss_unwrap(OM_uint32 *minor, void *a, void *b, stub_gss_buffer_desc *out, int *c, void *d) {
    (void)a; (void)b; (void)c; (void)d;
    if (out) { out->length = 0; out->value = NULL; }
    return gss_unavailable(minor);
}
OM_uint32 gss_wrap_size_limit(OM_uint32 *minor, void *a, int b, int c, OM_uint32 d, OM_uint32 *max) {
    (void)a; (void)b; (void)c; (void)d;
    if (max) *max = 0;
    return gss_unavailable(minor);
}
OM_uint32 gss_delete_sec_context(OM_uint32 *minor, void *ctx, void *out) {
    (void)out;
    if (ctx) *(void **)ctx = NULL;
    if (minor) *minor = 0;
    return 0;
}
OM_uint32 gss_release_cred(OM_uint32 *minor, void *cred) {
    if (cred) *(void **)cred = NULL;
    if (minor) *minor = 0;
    return 0;
}
OM_uint32 gss_release_name(OM_uint32 *minor, void *name) {
    if (name) *(void **)name = NULL;
    if (minor) *minor = 0;
    return 0;
}
/* The buffers handed out are static strings: nothing to free. */
OM_uint32 gss_release_buffer(OM_uint32 *minor, stub_gss_buffer_desc *buffer) {
    if (buffer) { buffer->length = 0; buffer->value = NULL; }
    if (minor) *minor = 0;
    return 0;
}
/* The reason, once: for the major status; the minor (mechanism) one is empty. */
OM_uint32 gss_display_status(OM_uint32 *minor, OM_uint32 status, int type, void *mech, OM_uint32 *context,
                             stub_gss_buffer_desc *out) {
    (void)status; (void)mech;
    static char empty[] = "";
    static char message[] = STATIC_GSS_MESSAGE;
    if (context) *context = 0;
    if (minor) *minor = 0;
    if (out) {
        char *text = type == STUB_GSS_C_GSS_CODE ? message : empty;
        out->value = text;
        out->length = strlen(text);
    }
    return 0;
}

/* LDAP: a handle that is never used for anything, a bind that "answers", and
 * a search that fails with the reason (libpq's path with the clearest message). */
static int stub_ldap_handle, stub_ldap_message;
#define STUB_LDAP_NOT_SUPPORTED (-12)

void *ldap_init(const char *host, int port) { (void)host; (void)port; return &stub_ldap_handle; }
int ldap_set_option(void *ld, int option, const void *value) { (void)ld; (void)option; (void)value; return 0; }
int ldap_simple_bind(void *ld, const char *who, const char *password) { (void)ld; (void)who; (void)password; return 1; }
int ldap_result(void *ld, int msgid, int all, void *timeout, void **result) {
    (void)ld; (void)msgid; (void)all; (void)timeout;
    if (result) *result = &stub_ldap_message;
    return 0x61; /* LDAP_RES_BIND */
}
int ldap_msgfree(void *message) { (void)message; return 0x61; }
int ldap_search_st(void *ld, const char *base, int scope, const char *filter, char **attrs, int attrsonly,
                   void *timeout, void **result) {
    (void)ld; (void)base; (void)scope; (void)filter; (void)attrs; (void)attrsonly; (void)timeout;
    if (result) *result = NULL;
    return STUB_LDAP_NOT_SUPPORTED;
}
char *ldap_err2string(int error) {
    static char message[] = STATIC_LDAP_MESSAGE;
    (void)error;
    return message;
}
int ldap_unbind(void *ld) { (void)ld; return 0; }
int ldap_count_entries(void *ld, void *chain) { (void)ld; (void)chain; return 0; }
void *ldap_first_entry(void *ld, void *chain) { (void)ld; (void)chain; return NULL; }
void **ldap_get_values_len(void *ld, void *entry, const char *attr) { (void)ld; (void)entry; (void)attr; return NULL; }
void ldap_value_free_len(void **values) { (void)values; }
