/* leads.c - `serptrack leads import FILE`: calls from a call-tracking
 * export (CallRail-style CSV, other layouts through --map), matched to our
 * sites by a site column or by tracking number (site phone), stored
 * without duplicates on re-import. `leads list`: the stored calls, each
 * with its channel and whether it counts as a lead, and the totals - the
 * list an operator sends a client as proof of the calls delivered. */
#include <errno.h>
#include <jansson.h>

#include "cmd.h"
#include "model.h"
#include "opt.h"
#include "research.h"
#include "url.h"
#include "util.h"

#define LEADS_MAX_FILE (64u << 20)

struct leads_arg {
    store *st;
    struct model_site *sites;
    size_t n_sites;
    int min_duration;
    long added, dup, unmatched, leads, failed;
    char **unmatched_numbers; /* first few, for the message */
    size_t n_unmatched_numbers, cap_unmatched_numbers;
};

static const char *match_site(const struct leads_arg *a, const struct research_call *c)
{
    if (c->site) {
        for (size_t i = 0; i < a->n_sites; i++)
            if (util_streq(a->sites[i].domain, c->site))
                return a->sites[i].domain;
        return NULL;
    }
    if (!c->tracking)
        return NULL;
    for (size_t i = 0; i < a->n_sites; i++) {
        char key[11];
        if (a->sites[i].phone && research_phone_key(a->sites[i].phone, key) &&
            strcmp(key, c->tracking) == 0)
            return a->sites[i].domain;
    }
    return NULL;
}

static int lead_one(const struct research_call *c, void *arg)
{
    struct leads_arg *a = arg;
    const char *site = match_site(a, c);
    if (!site) {
        a->unmatched++;
        const char *what = c->site ? c->site : c->tracking;
        if (what && a->n_unmatched_numbers < 5) {
            int seen = 0;
            for (size_t i = 0; i < a->n_unmatched_numbers; i++)
                seen |= strcmp(a->unmatched_numbers[i], what) == 0;
            if (!seen) {
                GROW(a->unmatched_numbers, a->cap_unmatched_numbers, a->n_unmatched_numbers + 1);
                a->unmatched_numbers[a->n_unmatched_numbers++] = xstrdup(what);
            }
        }
        return 0;
    }
    struct store_lead l = {
        .site = (char *)site,
        .called_at = c->called_at,
        .duration = c->duration,
        .caller = c->caller,
        .source = c->source,
        .ext_id = c->ext_id,
    };
    int rc = store_lead_add(a->st, &l);
    if (rc < 0) {
        a->failed++;
        return cmd_store_err(a->st); /* the parser goes on with the next row */
    }
    if (rc == 1) {
        a->dup++;
    } else {
        a->added++;
        if (c->duration >= a->min_duration)
            a->leads++;
    }
    return 0;
}

static int leads_import(int argc, char **argv, struct cmd_ctx *ctx)
{
    struct opt_list maps = {0};
    long long min_duration = -1;
    struct opt opts[] = {
        OPT_LIST("map", &maps, "FIELD=COLUMN[,...]",
                 "column for time, duration, caller, tracking, source, site or id (repeatable)"),
        OPT_INT("min-duration", &min_duration, "S",
                "calls of at least S seconds count as leads (default [leads] min_duration or 60)",
                0, DAY_SECS),
        OPT_END(),
    };
    const char *usage = ctx->usage;
    int n = opt_parse("leads import", usage, opts, argc, argv);
    if (n < 0) {
        opt_list_release(&maps);
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    }
    if (n != 1) {
        error("leads import: expected one FILE");
        opt_usage(stderr, "leads import", usage, opts);
        opt_list_release(&maps);
        return EXIT_USAGE;
    }
    if (min_duration < 0)
        min_duration = ctx->cfg.leads_min_duration;
    /* --map a=b,c=d and repeated --map: one NULL-terminated list */
    struct research_list pairs = RESEARCH_LIST_INIT;
    for (int i = 0; i < maps.n; i++) {
        char *t = xstrdup(maps.v[i]), *save = NULL;
        for (char *w = strtok_r(t, ",", &save); w; w = strtok_r(NULL, ",", &save))
            research_list_add_unique(&pairs, w);
        free(t);
    }
    opt_list_release(&maps);
    const char **map = xcalloc(pairs.n + 1, sizeof(*map));
    for (size_t i = 0; i < pairs.n; i++)
        map[i] = pairs.v[i];

    int rc = EXIT_FAIL;
    char *buf = NULL;
    size_t len;
    struct leads_arg a = {.st = ctx->st, .min_duration = (int)min_duration};
    if (util_read_file(argv[0], LEADS_MAX_FILE, &buf, &len) != 0) {
        error("leads import: '%s': %s", argv[0], errno == EFBIG ? "larger than 64 MB" : strerror(errno));
        goto out;
    }
    if (store_site_list(ctx->st, &a.sites, &a.n_sites) != 0)
        goto out;
    if (store_begin(ctx->st) != 0)
        goto out;
    long rows = research_calls_parse(buf, len, argv[0], map, lead_one, &a);
    if (rows < 0) {
        store_rollback(ctx->st);
        cmd_store_err(ctx->st);
        error("leads import: '%s': nothing imported", argv[0]);
        goto out;
    }
    if (store_commit(ctx->st) != 0)
        goto out;
    printf("%ld call%s added (%ld lead%s of at least %lld s), %ld duplicate%s skipped, %ld "
           "unmatched\n",
           a.added, a.added == 1 ? "" : "s", a.leads, a.leads == 1 ? "" : "s", min_duration, a.dup,
           a.dup == 1 ? "" : "s", a.unmatched);
    if (a.unmatched) {
        strbuf sb = STRBUF_INIT;
        for (size_t i = 0; i < a.n_unmatched_numbers; i++)
            sb_addf(&sb, "%s%s", i ? ", " : "", a.unmatched_numbers[i]);
        warn("leads import: %ld call%s matched no site (%s); set the tracking number with "
             "'serptrack site set DOMAIN --phone NUMBER' or add a site column",
             a.unmatched, a.unmatched == 1 ? "" : "s", sb.len ? sb_str(&sb) : "no number");
        sb_release(&sb);
    }
    rc = EXIT_OK;
out:
    free(buf);
    free(map);
    research_list_release(&pairs);
    if (a.sites)
        model_site_free_list(a.sites, a.n_sites);
    for (size_t i = 0; i < a.n_unmatched_numbers; i++)
        free(a.unmatched_numbers[i]);
    free(a.unmatched_numbers);
    return rc;
}

/* --- list -------------------------------------------------------------------------- */
struct leads_totals {
    long calls, leads;
    long ch_calls[RESEARCH_CHANNELS], ch_leads[RESEARCH_CHANNELS];
};

/* "1:35", "1:02:05": how call-tracking tools show a duration. */
static void fmt_duration(int secs, char buf[static 24])
{
    if (secs >= 3600)
        snprintf(buf, 24, "%d:%02d:%02d", secs / 3600, secs / 60 % 60, secs % 60);
    else
        snprintf(buf, 24, "%d:%02d", secs / 60, secs % 60);
}

/* The table's last line: counts per channel that had calls. */
static void totals_line(const struct leads_totals *tot, int min_duration)
{
    printf("%ld call%s, %ld lead%s of at least %d s", tot->calls, tot->calls == 1 ? "" : "s",
           tot->leads, tot->leads == 1 ? "" : "s", min_duration);
    const char *sep = "; by channel (leads/calls): ";
    for (int c = 0; c < RESEARCH_CHANNELS; c++)
        if (tot->ch_calls[c]) {
            printf("%s%s %ld/%ld", sep, research_channel_name((enum research_channel)c),
                   tot->ch_leads[c], tot->ch_calls[c]);
            sep = ", ";
        }
    putchar('\n');
}

static json_t *totals_json(const struct leads_totals *tot, int min_duration, time_t since,
                           time_t until)
{
    char a[21], b[21];
    json_t *by = json_object();
    for (int c = 0; c < RESEARCH_CHANNELS; c++)
        json_object_set_new(by, research_channel_name((enum research_channel)c),
                            json_pack("{s:I, s:I}", "calls", (json_int_t)tot->ch_calls[c], "leads",
                                      (json_int_t)tot->ch_leads[c]));
    return json_pack("{s:I, s:I, s:i, s:s, s:s, s:o}", "calls", (json_int_t)tot->calls, "leads",
                     (json_int_t)tot->leads, "min_duration", min_duration, "since",
                     util_fmt_time(since, a), "until", util_fmt_time(until, b), "by_channel", by);
}

/* --until DATE takes the whole day; a time is taken as it is. */
static int parse_until(const char *s, time_t *out)
{
    if (util_parse_time(s, out) != 0)
        return -1;
    if (strlen(s) == 10)
        *out += DAY_SECS;
    return 0;
}

/* The columns of leads list, in order. */
enum { C_TIME, C_SITE, C_DURATION, C_CALLER, C_SOURCE, C_CHANNEL, C_LEAD, C_ID };

/* One call's row: time (to the minute in the table), duration, caller
 * (masked unless callers), source, channel and whether it is a lead. */
static void leads_row(struct out_table *t, const struct store_lead *l, enum research_channel ch,
                      int lead, int callers)
{
    char ts[21], day[11], shown[32], dur[24], masked[20];
    out_row(t);
    out_str(t, C_TIME, util_fmt_time(l->called_at, ts));
    snprintf(shown, sizeof shown, "%s %.5s", util_fmt_date(l->called_at, day), ts + 11);
    out_display(t, C_TIME, shown);
    out_str(t, C_SITE, l->site);
    out_int(t, C_DURATION, l->duration);
    fmt_duration(l->duration, dur);
    out_display(t, C_DURATION, dur);
    out_str(t, C_CALLER, callers ? l->caller : research_caller_mask(l->caller, masked));
    out_str(t, C_SOURCE, l->source);
    out_str(t, C_CHANNEL, research_channel_name(ch));
    out_bool(t, C_LEAD, lead);
    out_display(t, C_LEAD, lead ? "yes" : "no");
    out_str(t, C_ID, l->ext_id);
}

static int leads_list(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *site = NULL, *since_s = NULL, *until_s = NULL, *format = NULL, *channel_s = NULL;
    long long min_duration = -1;
    int callers = 0;
    struct opt opts[] = {
        OPT_STRING("site", &site, "D", "calls of this site only (default: every site)"),
        OPT_STRING("since", &since_s, "DATE", "calls from DATE on (default: 30 days ago)"),
        OPT_STRING("until", &until_s, "DATE", "calls up to the end of DATE (default: now)"),
        OPT_INT("min-duration", &min_duration, "S",
                "calls of at least S seconds are leads (default [leads] min_duration or 60)", 0,
                DAY_SECS),
        OPT_STRING("channel", &channel_s, "C",
                   "only this channel: organic, profile, paid, direct, referral or other"),
        OPT_FLAG("callers", &callers, "show callers' numbers in full (default: masked)"),
        OPT_STRING("format", &format, "F", "table (default), csv or json"),
        OPT_END(),
    };
    const char *usage = ctx->usage;
    int n = opt_parse("leads list", usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n > 0) {
        error("leads list: unexpected argument '%s'", argv[0]);
        opt_usage(stderr, "leads list", usage, opts);
        return EXIT_USAGE;
    }
    enum out_format fmt;
    if (cmd_format("leads list", format, &fmt) != 0)
        return EXIT_USAGE;
    time_t now = util_now();
    time_t since = now - 30 * DAY_SECS, until = now + 1;
    if (since_s && util_parse_time(since_s, &since) != 0) {
        error("leads list: --since '%s' is not a date (YYYY-MM-DD)", since_s);
        return EXIT_USAGE;
    }
    if (until_s && parse_until(until_s, &until) != 0) {
        error("leads list: --until '%s' is not a date (YYYY-MM-DD)", until_s);
        return EXIT_USAGE;
    }
    if (until <= since) {
        error("leads list: --until '%s' is before --since '%s'", until_s ? until_s : "now",
              since_s ? since_s : "30 days ago");
        return EXIT_USAGE;
    }
    enum research_channel only = RESEARCH_CH_OTHER;
    if (channel_s && research_channel_parse(channel_s, &only) != 0) {
        error("leads list: unknown --channel '%s' (organic, profile, paid, direct, referral, "
              "other)",
              channel_s);
        return EXIT_USAGE;
    }
    if (min_duration < 0)
        min_duration = ctx->cfg.leads_min_duration;
    char *domain = NULL;
    if (site && cmd_site_domain(ctx->st, "leads list", site, &domain) != 0)
        return EXIT_FAIL;
    struct store_lead *v;
    size_t nv;
    if (store_lead_list(ctx->st, domain, since, until, &v, &nv) != 0) {
        free(domain);
        return EXIT_FAIL;
    }
    struct out_col cols[] = {
        {.key = "called_at", .title = "time"},
        {.key = "site"},
        {.key = "duration", .right = 1},
        {.key = "caller"},
        {.key = "source"},
        {.key = "channel"},
        {.key = "lead"},
        {.key = "call_id", .table_hidden = 1},
    };
    struct out_table t;
    out_init(&t, cols, (int)ARRAY_SIZE(cols));
    struct leads_totals tot;
    memset(&tot, 0, sizeof tot);
    for (size_t i = 0; i < nv; i++) {
        const struct store_lead *l = &v[i];
        enum research_channel ch = research_channel_of(l->source);
        if (channel_s && ch != only)
            continue;
        int lead = l->duration >= min_duration;
        tot.calls++;
        tot.ch_calls[ch]++;
        tot.leads += lead;
        tot.ch_leads[ch] += lead;
        leads_row(&t, l, ch, lead, callers);
    }
    int rc;
    if (fmt == OUT_JSON) {
        json_t *j = json_pack("{s:o, s:o}", "calls", out_json(&t), "totals",
                              totals_json(&tot, (int)min_duration, since, until));
        rc = json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 &&
                     fputc('\n', stdout) != EOF && fflush(stdout) == 0
                 ? EXIT_OK
                 : EXIT_FAIL;
        if (rc != EXIT_OK)
            error("leads list: cannot write output: %s", strerror(errno ? errno : EIO));
        json_decref(j);
    } else {
        rc = cmd_output("leads list", &t, fmt);
        if (rc == EXIT_OK && fmt == OUT_TABLE)
            totals_line(&tot, (int)min_duration);
    }
    out_release(&t);
    store_lead_free_list(v, nv);
    free(domain);
    return rc;
}

/* --- dispatch ------------------------------------------------------------------------ */
const struct cmd_sub cmd_leads_subs[] = {
    {"import", leads_import, "leads import FILE [--map FIELD=COLUMN,...] [--min-duration S]",
     "calls from a call-tracking CSV export, matched to sites", NULL, 0},
    {"list", leads_list,
     "leads list [--site D] [--since DATE] [--until DATE] [--min-duration S] [--channel C] "
     "[--callers] [--format F]",
     "stored calls with their channel and lead status, and totals", NULL, 0},
    {NULL, NULL, NULL, NULL, NULL, 0},
};
