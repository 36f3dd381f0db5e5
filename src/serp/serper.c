/* serper.c - STUB until helper s1 lands. */
#include "serp.h"

int serp_parse_serper_json(enum serp_engine e, const char *buf, size_t len, int http_status,
                           struct serp_page *page, char **err)
{
    (void)e; (void)buf; (void)len; (void)http_status; (void)page;
    *err = NULL;
    return -1;
}
