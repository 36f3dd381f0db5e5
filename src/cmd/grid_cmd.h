/* grid_cmd.h - what grid.c and grid_show.c (the `grid` subcommands)
 * share; private to src/cmd/. */
#ifndef SERPTRACK_CMD_GRID_H
#define SERPTRACK_CMD_GRID_H

#include "cmd.h"

/* A grid ID argument: 0, or -1 after a usage message naming cmd. */
int grid_cmd_id(const char *cmd, const char *arg, long long *id);
/* Grid id into *g (model_grid_release): 0, or -1 after saying why. */
int grid_cmd_get(struct cmd_ctx *ctx, const char *cmd, long long id, struct model_grid *g);

cmd_fn grid_cmd_show, grid_cmd_chart;

#endif
