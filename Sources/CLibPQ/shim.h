#ifndef WATCHPOST_CLIBPQ_SHIM_H
#define WATCHPOST_CLIBPQ_SHIM_H

#include <libpq-fe.h>

#endif
