// libpq, PostgreSQL's own client library (Debian: libpq-dev). Its headers
// live in a postgresql/ folder; libpq-fe.h finds its neighbours from there.
#include <postgresql/libpq-fe.h>
