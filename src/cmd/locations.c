/* locations.c - `serptrack locations search`: find the canonical name
 * ("Austin,Texas,United States") of a city in the shipped data before
 * tracking it; the same resolver checks kw add / kw import. */
#include "locations.h"
#include "cmd.h"
#include "opt.h"
#include "util.h"

static int locations_search(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *state = NULL, *format = NULL, *data = NULL;
    long long limit = 10;
    struct opt opts[] = {
        OPT_STRING("state", &state, "ST", "only cities in this state (code or name)"),
        OPT_INT("limit", &limit, "N", "at most N cities (default 10)", 1, 100000),
        OPT_STRING("format", &format, "F", "table (default), csv or json"),
        OPT_STRING("data", &data, "DIR", "data folder (default [research] data_dir or keywords)"),
        OPT_END(),
    };
    const char *usage = ctx->usage;
    int n = opt_parse("locations search", usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n > 1 || (n == 0 && !state)) {
        error("locations search: expected one TEXT (a city; may be \"\" with --state)");
        opt_usage(stderr, "locations search", usage, opts);
        return EXIT_USAGE;
    }
    enum out_format fmt;
    if (cmd_format("locations search", format, &fmt) != 0)
        return EXIT_USAGE;
    if (state && !loc_state_name(state)) {
        error("locations search: '%s' is not a US state (a code like TX or a name)", state);
        return EXIT_USAGE;
    }
    struct loc_data ld;
    if (loc_data_load(&ld, data ? data : research_data_dir(&ctx->cfg)) != 0) {
        loc_data_release(&ld);
        return EXIT_FAIL;
    }
    const char *text = n ? argv[0] : "";
    const struct research_city **v = NULL;
    long got = loc_search(ld.ix, text, state, (size_t)limit, &v);
    int rc = EXIT_FAIL;
    if (got == 0) {
        error("locations search: no city matches '%s'%s%s", text, state ? " in " : "",
              state ? loc_state_name(state) : "");
        goto out;
    }
    struct out_col cols[] = {
        {.key = "location"},
        {.key = "city", .table_hidden = 1},
        {.key = "state", .table_hidden = 1},
        {.key = "state_code", .title = "st"},
        {.key = "population", .right = 1},
        {.key = "lat", .right = 1, .decimals = 4},
        {.key = "lon", .right = 1, .decimals = 4},
    };
    struct out_table t;
    out_init(&t, cols, (int)ARRAY_SIZE(cols));
    for (long i = 0; i < got; i++) {
        char *loc = research_city_location(v[i]);
        out_row(&t);
        out_str(&t, 0, loc);
        out_str(&t, 1, v[i]->name);
        out_str(&t, 2, v[i]->state);
        out_str(&t, 3, v[i]->code);
        out_int(&t, 4, v[i]->population);
        out_real(&t, 5, v[i]->lat);
        out_real(&t, 6, v[i]->lon);
        free(loc);
    }
    rc = cmd_output("locations search", &t, fmt);
    out_release(&t);
out:
    free(v);
    loc_data_release(&ld);
    return rc;
}

const struct cmd_sub cmd_locations_subs[] = {
    {"search", locations_search,
     "locations search \"TEXT\" [--state ST] [--limit N] [--format F] [--data DIR]",
     "canonical location names matching TEXT, with lat/lng and population", NULL, 0},
    {NULL, NULL, NULL, NULL, NULL, 0},
};
