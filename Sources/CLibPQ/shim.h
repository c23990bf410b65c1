#ifndef WATCHPOST_CLIBPQ_SHIM_H
#define WATCHPOST_CLIBPQ_SHIM_H

#include <libpq-fe.h>
#include <errno.h>
#include <poll.h>

/// Waits up to `timeout_ms` (0: just check) for the connection's socket to become readable.
/// Returns 1 if readable (or closed/errored, which a read will reveal), 0 on timeout, -1 on a
/// socket error; an interrupted wait counts as a timeout so callers simply try again.
static inline int watchpost_pq_wait_readable(PGconn *conn, int timeout_ms) {
    int fd = PQsocket(conn);
    if (fd < 0) {
        return -1;
    }
    struct pollfd pfd;
    pfd.fd = fd;
    pfd.events = POLLIN;
    pfd.revents = 0;
    int rc = poll(&pfd, 1, timeout_ms);
    if (rc < 0) {
        return errno == EINTR ? 0 : -1;
    }
    return rc > 0 ? 1 : 0;
}

#endif
