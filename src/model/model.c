/* model.c - the keyword rules of model.h, in one place for the commands
 * (which say which line of an import is wrong) and the store (which refuses
 * whatever reaches it without those checks). */
#include "model.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

long long model_schedule_secs(const char *s)
{
    if (!s)
        return -1;
    if (util_streq(s, "daily"))
        return DAY_SECS;
    if (util_streq(s, "weekly"))
        return WEEK_SECS;
    size_t len = strlen(s);
    if (len < 2 || len > 5 || s[len - 1] != 'h')
        return -1;
    long long h = 0;
    for (size_t i = 0; i + 1 < len; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        h = h * 10 + (s[i] - '0');
    }
    return h >= 1 && h <= MODEL_SCHEDULE_HOURS_MAX ? h * 3600 : -1;
}

const char *model_query_problem(const char *query)
{
    const char *q = query;
    while (q && isspace((unsigned char)*q))
        q++;
    if (!q || !*q)
        return "empty query";
    size_t len = strlen(query);
    if (len > MODEL_QUERY_MAX)
        return "query longer than 32 KB";
    if (!util_utf8_valid(query, len))
        return "query is not valid UTF-8";
    for (q = query; *q; q++)
        if ((unsigned char)*q < 0x20 || *q == 0x7f)
            return "query contains control characters";
    return NULL;
}

char *model_query_norm(const char *query)
{
    return util_lower(util_squeeze_space(xstrdup(query ? query : "")));
}

int model_depth_ok(long long depth)
{
    return depth >= MODEL_DEPTH_MIN && depth <= MODEL_DEPTH_MAX;
}

int model_device_ok(const char *device)
{
    return util_streq(device, "desktop") || util_streq(device, "mobile");
}

void model_location_release(struct model_location *l)
{
    if (!l)
        return;
    free(l->name);
    memset(l, 0, sizeof *l);
}
