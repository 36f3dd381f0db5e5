/* storemsg.c - what the store recorded when a call failed, handed on the
 * way track/ hands on everything it has to say (the store never prints,
 * and neither does track/). */
#include <string.h>

#include "track.h"
#include "util.h"

/* One TRACK_ERROR line per line of a store message. */
static void say_line(void *arg, const char *line, size_t len)
{
    track_say(arg, TRACK_ERROR, "%.*s", (int)len, line);
}

int track_store_say(store *st, const struct track_sink *sink)
{
    if (!sink || !sink->say)
        return -1; /* left in the store for the caller to report */
    /* the callback's arg is void *: the sink is only read through it */
    util_each_line(store_errmsg(st), say_line, (void *)sink);
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
