/* value.c - `serptrack value --site D [--keyword ID --position N]`: what a
 * site's rankings are worth per month (visits, leads, lead value) and the
 * rent range to ask; the arithmetic is research_site_value(). */
#include "cmd.h"
#include "ctr.h"
#include "model.h"
#include "opt.h"
#include "research.h"
#include "util.h"

/* Actual leads (calls of at least min_duration s) in each of the last
 * `weeks` 7-day windows, oldest first; -1 per week when the store fails. */
static void weekly_leads(store *st, const char *site, int min_duration, long long *out, int weeks)
{
    time_t now = util_now();
    for (int w = 0; w < weeks; w++) {
        time_t until = now + 1 - (time_t)(weeks - 1 - w) * WEEK_SECS;
        out[w] = store_lead_count(st, site, until - WEEK_SECS, until, min_duration);
    }
}

/* The Search Console import value compares with; null when none. */
static json_t *gsc_json(const struct research_site_value *v)
{
    if (!v->gsc.imported)
        return json_null();
    char a[11], b[11];
    return json_pack("{s:s, s:s, s:i, s:I, s:f, s:i, s:f, s:f, s:s}", "period_start",
                     util_fmt_date(v->gsc.start, a), "period_end", util_fmt_date(v->gsc.end, b),
                     "days", v->gsc.days, "queries", (json_int_t)v->gsc.queries,
                     "clicks_per_month", v->gsc.clicks_month, "tracked_queries", v->gsc.matched,
                     "tracked_clicks_per_month", v->gsc.matched_clicks_month,
                     "tracked_estimated_visits", v->gsc.matched_visits, "matched_by",
                     "normalised query, all locations and devices (Google keywords only)");
}

/* Which CTR curve the Google rows used, and from what. */
static json_t *curve_json(const struct research_site_value *v)
{
    const struct research_ctr_curve *c = &v->curve;
    json_t *pts = json_array();
    for (int p = 1; p <= 10; p++)
        json_array_append_new(pts, json_real(research_ctr_curve_at(c, p)));
    json_t *j = json_pack("{s:s, s:i, s:I, s:I, s:f, s:o}", "source",
                          c->calibrated ? "search-console" : "default", "queries", c->queries,
                          "impressions", (json_int_t)c->impressions, "clicks",
                          (json_int_t)c->clicks, "scale", c->scale, "ctr_1_to_10", pts);
    json_object_set_new(j, "why_default", c->why ? json_string(c->why) : json_null());
    return j;
}

/* Actual leads of the last `weeks` weeks by channel: organic, business
 * profile, the rest (as portfolio splits them); -1 each when the store
 * fails. */
static void channel_leads(store *st, const char *site, int min_duration, int weeks,
                          long long out[RESEARCH_LEAD_GROUPS])
{
    time_t now = util_now();
    struct store_lead *v;
    size_t n;
    out[0] = out[1] = out[2] = -1;
    if (store_lead_list(st, site, now + 1 - (time_t)weeks * WEEK_SECS, now + 1, &v, &n) != 0)
        return;
    out[0] = out[1] = out[2] = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i].duration < min_duration)
            continue;
        out[research_lead_group_of(v[i].source)]++;
    }
    store_lead_free_list(v, n);
}

/* The pack's part of the visits and the curve it was counted with. */
static json_t *pack_json(const struct research_site_value *v)
{
    json_t *pts = json_array();
    for (int p = 1; p <= 20; p++)
        json_array_append_new(pts, json_real(ctr_pack_at(p)));
    return json_pack("{s:i, s:f, s:f, s:s, s:o}", "keywords_in_pack", v->local, "visits",
                     v->pack_visits, "share_of_visits",
                     v->visits > 0 ? v->pack_visits / v->visits : 0.0, "ctr_source",
                     CTR_PACK_SOURCE, "ctr_1_to_20", pts);
}

static json_t *value_json(const struct research_site_value *v, const long long *weeks, int nw)
{
    json_t *kws = json_array();
    for (size_t i = 0; i < v->n_kw; i++) {
        const struct research_kw_value *k = &v->kw[i];
        json_t *o = json_pack("{s:I, s:s, s:s, s:s?, s:b, s:f, s:f, s:f, s:f, s:f}", "keyword_id",
                              (json_int_t)k->keyword_id, "query", k->query, "engine",
                              serp_engine_name(k->engine), "location", k->location, "what_if",
                              k->whatif, "engine_share", k->share, "ctr", k->ctr, "visits",
                              k->visits, "leads", k->leads, "value", k->value);
        json_object_set_new(o, "position",
                            k->position == MODEL_NONE ? json_null() : json_integer(k->position));
        json_object_set_new(o, "volume", k->volume < 0 ? json_null() : json_integer(k->volume));
        json_object_set_new(o, "volume_source",
                            k->volume < 0 ? json_null()
                                          : json_string(k->volume_estimated ? "estimate" : "imported"));
        json_object_set_new(o, "volume_estimated", json_boolean(k->volume_estimated));
        json_object_set_new(o, "volume_pattern",
                            k->volume_pattern ? json_string(k->volume_pattern) : json_null());
        json_object_set_new(o, "device", json_string(k->device));
        json_object_set_new(o, "device_share", json_real(k->device_share));
        json_object_set_new(o, "assumed_visits", json_real(k->assumed_visits));
        json_object_set_new(o, "counted_on",
                            k->counted_on ? json_integer(k->counted_on) : json_null());
        json_object_set_new(o, "note", json_string(k->note));
        json_object_set_new(o, "gsc_clicks", k->gsc_clicks < 0 ? json_null() : json_real(k->gsc_clicks));
        json_object_set_new(o, "local_position",
                            k->local_position > 0 ? json_integer(k->local_position) : json_null());
        json_object_set_new(o, "in_local_pack", json_boolean(k->local_position != 0));
        json_object_set_new(o, "pack_ctr", json_real(k->pack_ctr));
        json_object_set_new(o, "pack_visits", json_real(k->pack_visits));
        json_array_append_new(kws, o);
    }
    json_t *j = json_pack("{s:s, s:s?, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:i, s:i, s:i, s:o}",
                          "site", v->domain, "niche", v->niche, "lead_value", v->lead_value,
                          "conversion_rate", v->a.conversion, "visits", v->visits, "leads",
                          v->leads, "value", v->value, "rent_low", v->rent_low, "rent_high",
                          v->rent_high, "rent_share_low", v->a.share_low, "keywords",
                          (int)v->n_kw, "volumes_known", v->volumes_known, "top3", v->top3,
                          "by_keyword", kws);
    json_object_set_new(j, "rent_share_high", json_real(v->a.share_high));
    json_object_set_new(j, "volumes_estimated", json_integer(v->volumes_estimated));
    json_object_set_new(j, "mobile_share", json_real(v->mobile_share));
    json_t *wk = json_array();
    for (int i = 0; i < nw; i++)
        json_array_append_new(wk, weeks[i] < 0 ? json_null() : json_integer(weeks[i]));
    json_object_set_new(j, "actual_leads_by_week", wk);
    json_object_set_new(j, "search_console", gsc_json(v));
    json_object_set_new(j, "ctr_curve", curve_json(v));
    json_object_set_new(j, "local_pack", pack_json(v));
    return j;
}

/* Search Console beside the estimate, and the curve the estimate used. */
static void print_gsc(const struct research_site_value *v)
{
    const struct research_ctr_curve *c = &v->curve;
    if (v->gsc.imported) {
        char a[11], b[11];
        printf("actual clicks/month (Search Console, %s to %s, %d days): %.0f on all %lld "
               "quer%s; %.0f on the %d tracked Google quer%s vs %.0f estimated visits there "
               "(\"actual\": matched by query, all locations and devices)\n",
               util_fmt_date(v->gsc.start, a), util_fmt_date(v->gsc.end, b), v->gsc.days,
               v->gsc.clicks_month, v->gsc.queries, v->gsc.queries == 1 ? "y" : "ies",
               v->gsc.matched_clicks_month, v->gsc.matched, v->gsc.matched == 1 ? "y" : "ies",
               v->gsc.matched_visits);
    }
    if (c->calibrated) {
        printf("CTR curve: the site's own, from %d Search Console queries (%lld impressions, "
               "%lld clicks; %.2fx the default level):",
               c->queries, c->impressions, c->clicks, c->scale);
        for (int p = 1; p <= 10; p++)
            printf(" %d:%.1f%%", p, research_ctr_curve_at(c, p) * 100);
        printf("\n");
    } else {
        printf("CTR curve: the default (%s) - %s", CTR_SOURCE, c->why ? c->why : "");
        if (v->gsc.imported)
            printf(": %d of the %d needed with %d+ impressions at position 10 or better",
                   c->queries, RESEARCH_CTR_MIN_QUERIES, RESEARCH_CTR_MIN_IMPRESSIONS);
        printf("\n");
    }
}

enum { C_ID, C_QUERY, C_ENGINE, C_LOC, C_DEVICE, C_POS, C_PACK, C_VOL, C_VSRC, C_SHARE, C_CTR,
       C_PACK_CTR, C_VISITS, C_PACK_VISITS, C_ASSUMED, C_LEADS, C_GSC, C_VALUE, C_NOTE,
       C_RENT_LOW, C_RENT_HIGH };

/* One keyword's row: position (or its what-if), volume (~ when estimated),
 * the CTR and visits arithmetic, and its value. */
static void value_row(struct out_table *t, const struct research_kw_value *k)
{
    out_row(t);
    out_int(t, C_ID, k->keyword_id);
    out_str(t, C_QUERY, k->query);
    out_str(t, C_ENGINE, serp_engine_name(k->engine));
    out_str(t, C_LOC, k->location);
    out_str(t, C_DEVICE, k->device);
    if (k->position == MODEL_NONE)
        out_null(t, C_POS);
    else
        out_int(t, C_POS, k->position);
    if (k->whatif) {
        char b[32];
        snprintf(b, sizeof(b), "%d (what-if)", k->position);
        out_display(t, C_POS, b);
    }
    if (k->local_position > 0) {
        out_int(t, C_PACK, k->local_position);
    } else {
        out_null(t, C_PACK);
        out_display(t, C_PACK, k->local_position == MODEL_PACK_UNKNOWN ? "yes" : "");
    }
    if (k->volume >= 0)
        out_int(t, C_VOL, k->volume);
    else
        out_null(t, C_VOL);
    if (k->volume_estimated) {
        char b[32];
        snprintf(b, sizeof(b), "~%lld", k->volume);
        out_display(t, C_VOL, b);
    }
    out_str(t, C_VSRC, k->volume < 0 ? NULL : k->volume_estimated ? "estimate" : "imported");
    out_real(t, C_SHARE, k->device_share);
    out_real(t, C_CTR, k->ctr);
    out_real(t, C_PACK_CTR, k->pack_ctr);
    out_real(t, C_VISITS, k->visits);
    out_real(t, C_PACK_VISITS, k->pack_visits);
    out_real(t, C_ASSUMED, k->assumed_visits);
    out_real(t, C_LEADS, k->leads);
    if (k->gsc_clicks >= 0)
        out_real(t, C_GSC, k->gsc_clicks);
    else
        out_null(t, C_GSC);
    out_real(t, C_VALUE, k->value);
    if (k->counted_on) {
        char b[48];
        snprintf(b, sizeof(b), "volume counted on #%lld", k->counted_on);
        out_str(t, C_NOTE, b);
    } else {
        out_str(t, C_NOTE, k->note);
    }
    out_null(t, C_RENT_LOW);
    out_null(t, C_RENT_HIGH);
}

/* The totals as a last row a spreadsheet can sum against (CSV only). */
static void value_total_row(struct out_table *t, const struct research_site_value *v)
{
    out_row(t);
    out_null(t, C_ID);
    out_str(t, C_QUERY, "TOTAL");
    for (int c = C_ENGINE; c <= C_PACK_CTR; c++)
        out_null(t, c);
    out_real(t, C_VISITS, v->visits);
    out_real(t, C_PACK_VISITS, v->pack_visits);
    out_null(t, C_ASSUMED);
    out_real(t, C_LEADS, v->leads);
    if (v->gsc.imported)
        out_real(t, C_GSC, v->gsc.matched_clicks_month);
    else
        out_null(t, C_GSC);
    out_real(t, C_VALUE, v->value);
    out_null(t, C_NOTE);
    out_real(t, C_RENT_LOW, v->rent_low);
    out_real(t, C_RENT_HIGH, v->rent_high);
}

/* Under the table: the site's totals and rent, actual leads per week and
 * by channel, and notes on estimated, missing and repeated volumes. */
static void value_footer(const struct research_site_value *v, const long long *weeks, int nweeks,
                         const long long *by_channel)
{
    printf("\nsite %s (%s): %.0f visits/month -> %.1f leads at %.1f%% conversion x $%.0f/lead "
           "= $%.0f/month\n",
           v->domain, v->niche ? v->niche : "no niche", v->visits, v->leads, v->a.conversion * 100,
           v->lead_value, v->value);
    printf("suggested rent: $%.0f - $%.0f/month (%.0f%% - %.0f%% of the leads' value)\n",
           v->rent_low, v->rent_high, v->a.share_low * 100, v->a.share_high * 100);
    printf("actual leads per week (last %d weeks, oldest first):", nweeks);
    for (int w = 0; w < nweeks; w++)
        if (weeks[w] < 0)
            printf(" ?");
        else
            printf(" %lld", weeks[w]);
    printf("  vs %.1f estimated\n", v->leads * 7.0 / 30.0);
    if (by_channel[0] >= 0)
        printf("actual leads by channel (last %d weeks): organic %lld, business profile %lld, "
               "other %lld\n",
               nweeks, by_channel[0], by_channel[1], by_channel[2]);
    if (v->volumes_estimated)
        printf("~N: volume estimate for %d keyword%s without an imported volume (population x "
               "the pattern's rate, keywords/volume-patterns.csv); research import-volume "
               "replaces it\n",
               v->volumes_estimated, v->volumes_estimated == 1 ? "" : "s");
    if (v->volumes_known < (int)v->n_kw)
        printf("note: %d of %zu keyword%s %s no search volume (research import-volume); "
               "%s as 0\n",
               (int)v->n_kw - v->volumes_known, v->n_kw, v->n_kw == 1 ? "" : "s",
               (int)v->n_kw - v->volumes_known == 1 ? "has" : "have",
               (int)v->n_kw - v->volumes_known == 1 ? "it counts" : "they count");
    if (v->duplicates)
        printf("note: %d keyword(s) repeat a query, location and device tracked on another "
               "row; the volume is counted once, on the best-ranked row\n",
               v->duplicates);
    print_gsc(v);
    printf("local pack: %d of %zu keyword%s in the pack, %.0f of the %.0f visits/month (%.0f%%) "
           "from pack clicks (pack CTR: %s; visits = volume x (organic CTR + pack CTR))\n",
           v->local, v->n_kw, v->n_kw == 1 ? "" : "s", v->pack_visits, v->visits,
           v->visits > 0 ? 100 * v->pack_visits / v->visits : 0.0, CTR_PACK_SOURCE);
    if (v->n_kw)
        printf("note: volume split %.0f%% mobile / %.0f%% desktop ([value] mobile_share); "
               "a query tracked on one device only is assumed at the same position on the "
               "other (\"assumed same\")\n",
               v->mobile_share * 100, (1 - v->mobile_share) * 100);
}

int cmd_value(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *site = NULL, *format = NULL, *data = NULL;
    long long kw = 0, pos = 0;
    struct opt opts[] = {
        OPT_STRING("site", &site, "D", "the site to value (required)"),
        OPT_INT("keyword", &kw, "ID", "what-if: value this keyword at --position", 1, 1LL << 62),
        OPT_INT("position", &pos, "N", "what-if position for --keyword", 1, 100),
        OPT_STRING("format", &format, "F", "table (default), csv or json"),
        OPT_STRING("data", &data, "DIR", "data folder (default [research] data_dir or keywords)"),
        OPT_END(),
    };
    const char *usage = ctx->usage;
    int n = opt_parse("value", usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n > 0 || !site || (kw > 0) != (pos > 0)) {
        error("value: %s", n > 0         ? "unexpected argument"
                           : !site       ? "--site is required"
                                         : "--keyword and --position go together");
        opt_usage(stderr, "value", usage, opts);
        return EXIT_USAGE;
    }
    enum out_format fmt;
    if (cmd_format("value", format, &fmt) != 0)
        return EXIT_USAGE;
    struct research_data d;
    memset(&d, 0, sizeof(d));
    if (research_data_load(&d, data ? data : research_data_dir(&ctx->cfg),
                           RESEARCH_NICHES | RESEARCH_CITIES | RESEARCH_PATTERNS) != 0) {
        research_data_release(&d);
        return EXIT_FAIL;
    }
    struct research_site_value v;
    int rc = EXIT_FAIL;
    if (research_site_value(ctx->st, &ctx->cfg, &d, site, kw, (int)pos, &v) != 0) {
        research_data_release(&d);
        return EXIT_FAIL;
    }
    enum { WEEKS = 4 };
    long long weeks[WEEKS];
    int min_duration = (int)ctx->cfg.leads_min_duration;
    weekly_leads(ctx->st, v.domain, min_duration, weeks, WEEKS);
    long long by_channel[RESEARCH_LEAD_GROUPS];
    channel_leads(ctx->st, v.domain, min_duration, WEEKS, by_channel);
    if (fmt == OUT_JSON) {
        json_t *j = value_json(&v, weeks, WEEKS);
        if (by_channel[0] >= 0)
            json_object_set_new(j, "actual_leads_by_channel",
                                json_pack("{s:I, s:I, s:I}", "organic", (json_int_t)by_channel[0],
                                          "profile", (json_int_t)by_channel[1], "other",
                                          (json_int_t)by_channel[2]));
        rc = json_dumpf(j, stdout, JSON_INDENT(2)) == 0 && fputc('\n', stdout) != EOF ? EXIT_OK
                                                                                  : EXIT_FAIL;
        json_decref(j);
        goto out;
    }
    struct out_col cols[] = {
        {.key = "keyword_id", .title = "id", .right = 1},
        {.key = "query"},
        {.key = "engine"},
        {.key = "location", .table_hidden = 1},
        {.key = "device"},
        {.key = "position", .title = "pos", .right = 1},
        {.key = "local_position", .title = "pack", .right = 1},
        {.key = "volume", .right = 1},
        {.key = "volume_source", .table_hidden = 1},
        {.key = "device_share", .title = "share", .right = 1, .decimals = 2},
        {.key = "ctr", .right = 1, .decimals = 3},
        {.key = "pack_ctr", .title = "pack ctr", .right = 1, .decimals = 3},
        {.key = "visits", .right = 1, .decimals = 1},
        {.key = "pack_visits", .title = "from pack", .right = 1, .decimals = 1},
        {.key = "assumed_visits", .table_hidden = 1, .decimals = 1},
        {.key = "leads", .right = 1, .decimals = 2},
        {.key = "gsc_clicks", .title = "actual", .right = 1, .decimals = 1},
        {.key = "value", .title = "$/month", .right = 1, .decimals = 0},
        {.key = "note"},
        {.key = "rent_low", .table_hidden = 1, .decimals = 0},
        {.key = "rent_high", .table_hidden = 1, .decimals = 0},
    };
    struct out_table t;
    out_init(&t, cols, (int)ARRAY_SIZE(cols));
    for (size_t i = 0; i < v.n_kw; i++)
        value_row(&t, &v.kw[i]);
    if (fmt == OUT_CSV)
        value_total_row(&t, &v);
    rc = cmd_output("value", &t, fmt);
    out_release(&t);
    if (fmt == OUT_TABLE && rc == EXIT_OK)
        value_footer(&v, weeks, WEEKS, by_channel);
out:
    research_site_value_release(&v);
    research_data_release(&d);
    return rc;
}
