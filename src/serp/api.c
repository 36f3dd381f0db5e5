/* api.c - stub. */
#include "serp.h"
int serp_parse_api_json(enum serp_engine e, const char *buf, size_t len, struct serp_page *page, char **err)
{ (void)e; (void)buf; (void)len; if (err) *err = NULL; serp_page_init(page); return -1; }
