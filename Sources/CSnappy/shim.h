#ifndef SCENELENS_CSNAPPY_SHIM_H
#define SCENELENS_CSNAPPY_SHIM_H
// libsnappy's C interface (Debian libsnappy-dev): raw snappy blocks as Parquet stores them.
#include <snappy-c.h>
#endif
