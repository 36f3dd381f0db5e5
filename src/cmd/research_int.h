/* research_int.h - what the `research` subcommand files (research.c,
 * research_serp.c, research_score.c) share. Private to src/cmd. */
#ifndef SERPTRACK_CMD_RESEARCH_INT_H
#define SERPTRACK_CMD_RESEARCH_INT_H

#include <time.h>

#include "cmd.h"
#include "research.h"
#include "serp.h"
#include "store.h"

/* The research data files `what` (RESEARCH_* bits) from dir, else the
 * configured folder, into *d (the caller releases it). 0 or -1. */
int cmd_research_load_data(const struct cmd_ctx *ctx, const char *dir, struct research_data *d,
                           int what);
/* The whole file at path, at most 64 MB, into *buf (the caller frees it);
 * errors name cmd. 0 or -1. */
int cmd_research_read_input(const char *cmd, const char *path, char **buf, size_t *len);
/* Comma-separated engine list into out[]; returns count or -1. */
int cmd_research_parse_engines(const char *cmd, const char *s, enum serp_engine *out, int max);
/* Pointer into s at its first non-space character ("" for a blank one). */
const char *cmd_research_blank_to_end(const char *s);
/* The keyword tracking (query, engine, location) with the newest check,
 * its page for `day` (0 = latest) into *page (the caller releases it).
 * 1 found, 0 not, -1 error. */
int cmd_research_stored_serp(store *st, const struct model_keyword *all, size_t n,
                             const char *query, enum serp_engine e, const char *location,
                             time_t day, struct serp_page *page);

cmd_fn cmd_research_analyze; /* research_serp.c */
cmd_fn cmd_research_suggest; /* research_serp.c */
cmd_fn cmd_research_score;   /* research_score.c */

#endif
