#ifndef WATCHPOST_CCURL_SHIM_H
#define WATCHPOST_CCURL_SHIM_H

#include <curl/curl.h>

#endif
