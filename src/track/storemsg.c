/* storemsg.c - what the store recorded when a call failed, handed on the
 * way track/ hands on everything it has to say (the store never prints,
 * and neither does track/). */
#include <string.h>

#include "track.h"

int track_store_say(store *st, const struct track_sink *sink)
{
    if (!sink || !sink->say)
        return -1; /* left in the store for the caller to report */
    const char *msg = store_errmsg(st);
    while (*msg) {
        size_t len = strcspn(msg, "\n");
        track_say(sink, TRACK_ERROR, "%.*s", (int)len, msg);
        msg += len + (msg[len] == '\n');
    }
    store_err_clear(st);
    return -1;
}

int track_store_fail(store *st, const struct track_sink *sink, struct track_err *err)
{
    const char *msg = store_errmsg(st);
    if (err->msg[0] || strchr(msg, '\n') || strlen(msg) >= sizeof err->msg)
        return track_store_say(st, sink);
    memcpy(err->msg, msg, strlen(msg) + 1);
    store_err_clear(st);
    return -1;
}
