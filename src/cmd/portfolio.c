/* portfolio.c - `serptrack portfolio`: every site of ours with its status,
 * client and rent beside what its rankings are worth and the leads it
 * really produced (by channel: organic, business profile, other) - the
 * table an operator reads to decide which site to pitch, re-price or
 * abandon - and the totals of the business: MRR, occupancy, and the rent
 * still to be had from the unrented sites. */
#include <errno.h>
#include <jansson.h>

#include "cmd.h"
#include "model.h"
#include "opt.h"
#include "research.h"
#include "util.h"

/* The table's channels: research_lead_group_of's three groups. */
enum { PF_ORGANIC = RESEARCH_LG_ORGANIC, PF_PROFILE = RESEARCH_LG_PROFILE,
       PF_OTHER = RESEARCH_LG_OTHER, PF_CHANNELS = RESEARCH_LEAD_GROUPS };

struct pf_totals {
    long sites, rented, rented_no_rent, unrented;
    double mrr, potential_low, potential_high, est_leads;
    long long actual, by_channel[PF_CHANNELS];
    long estimated; /* keywords valued on a volume estimate */
};

static void totals_table(const struct pf_totals *t, long long days)
{
    printf("\n%ld of %ld site%s rented (%.0f%%): MRR $%.0f/month", t->rented, t->sites,
           t->sites == 1 ? "" : "s", t->sites ? 100.0 * (double)t->rented / (double)t->sites : 0.0,
           t->mrr);
    if (t->rented_no_rent)
        printf(" (%ld rented site%s without a rent: site set D --rent USD)", t->rented_no_rent,
               t->rented_no_rent == 1 ? "" : "s");
    putchar('\n');
    if (t->unrented)
        printf("potential MRR of the %ld unrented site%s at the suggested rent: $%.0f-$%.0f/month\n",
               t->unrented, t->unrented == 1 ? "" : "s", t->potential_low, t->potential_high);
    printf("leads: %.1f estimated a month, %lld actual in the last %lld days (organic %lld, "
           "business profile %lld, other %lld)\n",
           t->est_leads, t->actual, days, t->by_channel[PF_ORGANIC], t->by_channel[PF_PROFILE],
           t->by_channel[PF_OTHER]);
    if (t->estimated)
        printf("~: visits and leads from a volume estimate for %ld keyword%s without an imported "
               "volume (population x the pattern's rate; `value --site D` shows which)\n",
               t->estimated, t->estimated == 1 ? "" : "s");
}

static json_t *totals_json(const struct pf_totals *t, long long days)
{
    json_t *j = json_pack("{s:I, s:I, s:f, s:f, s:I, s:f, s:f}", "sites", (json_int_t)t->sites,
                          "rented", (json_int_t)t->rented, "occupancy",
                          t->sites ? (double)t->rented / (double)t->sites : 0.0, "mrr", t->mrr,
                          "unrented", (json_int_t)t->unrented, "potential_mrr_low",
                          t->potential_low, "potential_mrr_high", t->potential_high);
    json_object_set_new(j, "est_leads", json_real(t->est_leads));
    json_object_set_new(j, "actual_leads", json_integer(t->actual));
    json_object_set_new(j, "leads_organic", json_integer(t->by_channel[PF_ORGANIC]));
    json_object_set_new(j, "leads_profile", json_integer(t->by_channel[PF_PROFILE]));
    json_object_set_new(j, "leads_other", json_integer(t->by_channel[PF_OTHER]));
    json_object_set_new(j, "days", json_integer(days));
    json_object_set_new(j, "volumes_estimated", json_integer(t->estimated));
    return j;
}

/* site's leads among calls (at least min_duration seconds) per channel
 * into by[PF_CHANNELS] (zeroed by the caller); returns them all. */
static long long pf_leads(const struct store_lead *calls, size_t ncalls, const char *site,
                          long long min_duration, long long *by)
{
    long long actual = 0;
    for (size_t k = 0; k < ncalls; k++)
        if (calls[k].duration >= min_duration && util_streq(calls[k].site, site)) {
            by[research_lead_group_of(calls[k].source)]++;
            actual++;
        }
    return actual;
}

/* Adds one site to the portfolio's totals. */
static void pf_add(struct pf_totals *tot_p, const struct model_site *s,
                   const struct research_site_value *v, const long long *by, long long actual)
{
    tot_p->sites++;
    tot_p->est_leads += v->leads;
    tot_p->actual += actual;
    for (int c = 0; c < PF_CHANNELS; c++)
        tot_p->by_channel[c] += by[c];
    if (util_streq(s->status, "rented")) {
        tot_p->rented++;
        if (s->rent >= 0)
            tot_p->mrr += s->rent;
        else
            tot_p->rented_no_rent++;
    } else {
        tot_p->unrented++;
        tot_p->potential_low += v->rent_low;
        tot_p->potential_high += v->rent_high;
    }
    tot_p->estimated += v->volumes_estimated;
}

enum { C_SITE, C_STATUS, C_NICHE, C_CLIENT, C_KWS, C_TOP3, C_PACK, C_VISITS, C_EST, C_VEST,
       C_ACTUAL, C_ORGANIC, C_PROFILE, C_OTHER, C_RENT, C_SUGGESTED, C_SUGGESTED_HIGH, C_DAYS };

/* One site's row: its keywords, estimates (~ when volumes are), actual
 * leads by channel, rent and the suggested range, days since the top 10. */
static void pf_row(struct out_table *t, const struct model_site *s,
                   const struct research_site_value *v, const long long *by, long long actual,
                   time_t now)
{
    out_row(t);
    out_str(t, C_SITE, s->domain);
    out_str(t, C_STATUS, s->status);
    out_str(t, C_NICHE, s->niche);
    out_str(t, C_CLIENT, s->client);
    out_int(t, C_KWS, (long long)v->n_kw);
    out_int(t, C_TOP3, v->top3);
    out_int(t, C_PACK, v->local);
    out_real(t, C_VISITS, v->visits);
    out_real(t, C_EST, v->leads);
    out_int(t, C_VEST, v->volumes_estimated);
    if (v->volumes_estimated) {
        char est[48];
        snprintf(est, sizeof est, "~%.0f", v->visits);
        out_display(t, C_VISITS, est);
        snprintf(est, sizeof est, "~%.1f", v->leads);
        out_display(t, C_EST, est);
    }
    out_int(t, C_ACTUAL, actual);
    out_int(t, C_ORGANIC, by[PF_ORGANIC]);
    char split[80];
    snprintf(split, sizeof split, "%lld/%lld/%lld", by[PF_ORGANIC], by[PF_PROFILE],
             by[PF_OTHER]);
    out_display(t, C_ORGANIC, split);
    out_int(t, C_PROFILE, by[PF_PROFILE]);
    out_int(t, C_OTHER, by[PF_OTHER]);
    if (s->rent >= 0)
        out_real(t, C_RENT, s->rent);
    else
        out_null(t, C_RENT);
    out_real(t, C_SUGGESTED, v->rent_low);
    char range[64];
    snprintf(range, sizeof(range), "%.0f-%.0f", v->rent_low, v->rent_high);
    out_display(t, C_SUGGESTED, range);
    out_real(t, C_SUGGESTED_HIGH, v->rent_high);
    if (v->first_top10)
        out_int(t, C_DAYS, (long long)((now - v->first_top10) / DAY_SECS));
    else
        out_null(t, C_DAYS);
}

int cmd_portfolio(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *format = NULL, *data = NULL;
    long long min_duration = -1, days = 30;
    struct opt opts[] = {
        OPT_STRING("format", &format, "F", "table (default), csv or json"),
        OPT_INT("days", &days, "N", "actual leads over the last N days (default 30)", 1, 3650),
        OPT_INT("min-duration", &min_duration, "S",
                "calls of at least S seconds are leads (default [leads] min_duration or 60)", 0,
                DAY_SECS),
        OPT_STRING("data", &data, "DIR", "data folder (default [research] data_dir or keywords)"),
        OPT_END(),
    };
    const char *usage = ctx->usage;
    int n = opt_parse("portfolio", usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n > 0) {
        error("portfolio: unexpected argument '%s'", argv[0]);
        return EXIT_USAGE;
    }
    enum out_format fmt;
    if (cmd_format("portfolio", format, &fmt) != 0)
        return EXIT_USAGE;
    if (min_duration < 0)
        min_duration = ctx->cfg.leads_min_duration;
    struct research_data d;
    memset(&d, 0, sizeof(d));
    /* the cities and volume patterns too, so a keyword without an imported
     * volume is valued on the same estimate as in `value` */
    if (research_data_load(&d, data ? data : research_data_dir(&ctx->cfg),
                           RESEARCH_NICHES | RESEARCH_CITIES | RESEARCH_PATTERNS) != 0) {
        research_data_release(&d);
        return EXIT_FAIL;
    }
    struct model_site *sites;
    size_t ns;
    if (store_site_list(ctx->st, &sites, &ns) != 0) {
        research_data_release(&d);
        return EXIT_FAIL;
    }
    struct out_col cols[] = {
        {.key = "site"},
        {.key = "status"},
        {.key = "niche", .table_hidden = 1},
        {.key = "client"},
        {.key = "keywords", .title = "kws", .right = 1},
        {.key = "top3", .right = 1},
        {.key = "local_pack", .title = "pack", .right = 1},
        {.key = "est_visits", .title = "visits/mo", .right = 1, .decimals = 0},
        {.key = "est_leads", .title = "est leads", .right = 1, .decimals = 1},
        {.key = "volumes_estimated", .table_hidden = 1},
        {.key = "actual_leads", .right = 1}, /* title: "leads <days>d" */
        {.key = "leads_organic", .title = "org/gbp/oth", .right = 1},
        {.key = "leads_profile", .table_hidden = 1},
        {.key = "leads_other", .table_hidden = 1},
        {.key = "rent", .right = 1, .decimals = 0},
        {.key = "suggested_rent_low", .title = "suggested", .right = 1, .decimals = 0},
        {.key = "suggested_rent_high", .table_hidden = 1, .decimals = 0},
        {.key = "days_since_top10", .title = "days top10", .right = 1},
    };
    char leads_title[32];
    snprintf(leads_title, sizeof leads_title, "leads %lldd", days);
    cols[C_ACTUAL].title = leads_title;
    struct out_table t;
    out_init(&t, cols, (int)ARRAY_SIZE(cols));
    time_t now = util_now();
    int rc = EXIT_OK;
    /* every site's calls of the period in one read, counted per site below */
    struct store_lead *calls;
    size_t ncalls;
    if (store_lead_list(ctx->st, NULL, now - (time_t)days * DAY_SECS, now + 1, &calls, &ncalls) != 0) {
        out_release(&t);
        model_site_free_list(sites, ns);
        research_data_release(&d);
        return EXIT_FAIL;
    }
    struct pf_totals tot;
    memset(&tot, 0, sizeof tot);
    for (size_t i = 0; i < ns && rc == EXIT_OK; i++) {
        const struct model_site *s = &sites[i];
        if (s->competitor)
            continue;
        struct research_site_value v;
        if (research_site_value(ctx->st, &ctx->cfg, &d, s->domain, 0, 0, &v) != 0) {
            rc = EXIT_FAIL;
            break;
        }
        long long by[PF_CHANNELS] = {0};
        long long actual = pf_leads(calls, ncalls, s->domain, min_duration, by);
        pf_add(&tot, s, &v, by, actual);
        pf_row(&t, s, &v, by, actual, now);
        research_site_value_release(&v);
    }
    if (rc == EXIT_OK && fmt == OUT_JSON) {
        json_t *j = json_pack("{s:o, s:o}", "sites", out_json(&t), "totals", totals_json(&tot, days));
        if (json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 ||
            fputc('\n', stdout) == EOF || fflush(stdout) != 0) {
            error("portfolio: cannot write output: %s", strerror(errno ? errno : EIO));
            rc = EXIT_FAIL;
        }
        json_decref(j);
    } else if (rc == EXIT_OK) {
        rc = cmd_output("portfolio", &t, fmt);
        if (rc == EXIT_OK && fmt == OUT_TABLE)
            totals_table(&tot, days);
    }
    store_lead_free_list(calls, ncalls);
    out_release(&t);
    model_site_free_list(sites, ns);
    research_data_release(&d);
    return rc;
}
