/* engines.c - the serp/ descriptor table: one row per engine (each
 * engine's file defines its descriptor), lookups, and what is derived from
 * the rows (the engine list in messages). detect.c, dom.c, block.c and
 * model.c go through this table instead of naming engines. */
#include <pthread.h>
#include <stdio.h>

#include "dom.h"

extern const struct serp_engine_desc serp_engine_google, serp_engine_bing,
    serp_engine_duckduckgo;

/* In enum serp_engine order. */
const struct serp_engine_desc *const serp_engine_table[] = {
    &serp_engine_google,
    &serp_engine_bing,
    &serp_engine_duckduckgo,
};
const size_t serp_n_engines = ARRAY_SIZE(serp_engine_table);

const struct serp_engine_desc *serp_engine_get(enum serp_engine e)
{
    for (size_t i = 0; i < serp_n_engines; i++)
        if (serp_engine_table[i]->id == e)
            return serp_engine_table[i];
    return NULL;
}

static char engine_list[2][256];

/* "a, b or c" into out; the first row (the default engine) marked
 * " (default)" when mark is set. */
static void build_one(char *out, size_t size, int mark)
{
    strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < serp_n_engines; i++) {
        if (i > 0)
            sb_adds(&sb, i + 1 == serp_n_engines ? " or " : ", ");
        sb_adds(&sb, serp_engine_table[i]->name);
        if (i == 0 && mark)
            sb_adds(&sb, " (default)");
    }
    snprintf(out, size, "%s", sb_str(&sb));
    sb_release(&sb);
}

static void build_lists(void)
{
    build_one(engine_list[0], sizeof engine_list[0], 0);
    build_one(engine_list[1], sizeof engine_list[1], 1);
}

/* Built once from the rows; callers may be threads. */
static const char *list(int mark)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, build_lists);
    return engine_list[mark];
}

const char *serp_engine_list(void)
{
    return list(0);
}

const char *serp_engine_list_default(void)
{
    return list(1);
}
