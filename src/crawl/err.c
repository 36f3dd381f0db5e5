/* err.c - the one place a crawl outcome (enum crawl_err + detail) becomes
 * text. Check reasons in existing databases were written with exactly
 * these spellings, so they must not change. */
#include "crawl.h"
#include "util.h"

static const struct {
    const char *name;
    const char *sep;   /* between the name and a detail */
    const char *fixed; /* detail when the caller gives none; may be NULL */
} errs[CRAWL_ERR_COUNT] = {
    [CRAWL_OK] = {"ok", NULL, NULL},
    [CRAWL_TIMEOUT] = {"timeout", NULL, NULL},
    [CRAWL_CONNECT] = {"connection", ": ", NULL},
    [CRAWL_HTTP] = {"http", " ", NULL},
    [CRAWL_TOO_LARGE] = {"too_large", NULL, NULL},
    [CRAWL_BUDGET] = {"budget", NULL, NULL},
    [CRAWL_COOLDOWN] = {"cooldown", ": ", "engine keeps blocking, skipped for this run"},
};

const char *crawl_err_name(enum crawl_err e)
{
    return (int)e >= 0 && e < CRAWL_ERR_COUNT ? errs[e].name : "unknown";
}

char *crawl_err_text(enum crawl_err e, const char *detail)
{
    if (e == CRAWL_OK)
        return NULL;
    if ((int)e < 0 || e >= CRAWL_ERR_COUNT)
        return xstrdup("unknown");
    if (!detail)
        detail = errs[e].fixed;
    if (!detail || !errs[e].sep)
        return xstrdup(errs[e].name);
    return xasprintf("%s%s%s", errs[e].name, errs[e].sep, detail);
}

int crawl_err_unreachable(enum crawl_err e)
{
    switch (e) {
    case CRAWL_TIMEOUT:
    case CRAWL_CONNECT:
        return 1;
    default:
        return 0;
    }
}
