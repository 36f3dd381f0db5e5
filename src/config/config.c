/* config.c - serptrack.conf into struct config, validated once at load
 * (issue 16): every key is read here with its default and range, so a bad
 * value warns once at start instead of once per use, and a misspelt key or
 * section is named instead of silently ignored. Engine and provider names,
 * share keys and defaults come from the descriptor tables (engine.h) and
 * the value defaults from research.h, so a new engine needs no row here. */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "model.h"
#include "research.h"
#include "serp.h"
#include "util.h"

/* An integer key: its section, name, field and today's default and range. */
struct int_key {
    const char *sec, *key;
    size_t off;
    long long def, min, max;
};

#define CRAWL(f, def, min, max)                                                                    \
    {                                                                                              \
        "crawl", #f, offsetof(struct config, crawl.f), def, min, max                               \
    }
static const struct int_key int_keys[] = {
    CRAWL(concurrency, 4, 1, 256),
    CRAWL(timeout_ms, 30000, 100, 600000),
    CRAWL(connect_timeout_ms, 10000, 100, 120000),
    CRAWL(max_body_kb, 10240, 16, 1024 * 1024),
    CRAWL(max_redirects, 5, 0, 20),
    CRAWL(max_attempts, 3, 1, 10),
    CRAWL(max_retries_per_run, 500, 0, 1000000),
    CRAWL(retry_base_ms, 1000, 0, 600000),
    CRAWL(retry_max_ms, 30000, 0, 3600000),
    CRAWL(block_cooldown_ms, 30000, 0, 3600000),
    CRAWL(block_cooldown_max_ms, 900000, 0, 86400000),
    CRAWL(block_give_up_ms, 300000, 0, 86400000),
    CRAWL(proxy_bench_after, 3, 1, 1000),
    CRAWL(proxy_bench_ms, 300000, 0, 86400000),
    {"run", "db_wait_s", offsetof(struct config, run.db_wait_s), 120, 0, 86400},
    {"run", "retry_rounds", offsetof(struct config, run.retry_rounds), 2, 0, 10},
    {"run", "retry_delay_ms", offsetof(struct config, run.retry_delay_ms), 60000, 0, 3600000},
    {"alerts", "drop", offsetof(struct config, alerts.drop), 3, 0, 1000},
    {"alerts", "blocked_days", offsetof(struct config, alerts.blocked_days), 2, 0, 365},
    {"alerts", "max_attempts", offsetof(struct config, alerts.max_attempts), 20, 1, 10000},
    {"alerts", "max_age_days", offsetof(struct config, alerts.max_age_days), 3, 1, 3650},
    {"leads", "min_duration", offsetof(struct config, leads_min_duration), 60, 0, DAY_SECS},
    {"archive", "keep_days", offsetof(struct config, archive_keep_days), 0, 0, 36500},
};
#undef CRAWL

struct bool_key {
    const char *sec, *key;
    size_t off;
    int def;
};

static const struct bool_key bool_keys[] = {
    {"alerts", "top3", offsetof(struct config, alerts.top3), 1},
    {"alerts", "top10", offsetof(struct config, alerts.top10), 1},
    {"alerts", "local_pack", offsetof(struct config, alerts.local_pack), 1},
    {"alerts", "local_pack_entered", offsetof(struct config, alerts.local_pack_entered), 1},
    {"alerts", "local_pack_moved", offsetof(struct config, alerts.local_pack_moved), 1},
    {"alerts", "ai_overview", offsetof(struct config, alerts.ai_overview), 1},
    {"archive", "enabled", offsetof(struct config, archive_enabled), 0},
};

/* A string key, NULL when absent. */
struct str_key {
    const char *sec, *key;
    size_t off;
};

#define STR(s, k, f)                                                                               \
    {                                                                                              \
        s, k, offsetof(struct config, f)                                                           \
    }
static const struct str_key str_keys[] = {
    STR("crawl", "user_agent", crawl.user_agent),
    STR("crawl", "proxies", crawl.proxies),
    STR("alerts", "webhook", alerts.webhook),
    STR("alerts", "email_to", alerts.email_to),
    STR("alerts", "email_from", alerts.email_from),
    STR("alerts", "smtp_url", alerts.smtp_url),
    STR("alerts", "smtp_user", alerts.smtp_user),
    STR("alerts", "smtp_password", alerts.smtp_password),
    STR("value", "mobile_share", value.mobile_share_text),
    STR("output", "mode", output_mode),
    STR("research", "data_dir", research_data_dir),
};
#undef STR

/* Keys read by hand below (not in the tables). */
static const char *const other_keys[][2] = {
    {"crawl", "depth_mode"},
    {"value", "conversion_rate"},
    {"value", "rent_share_low"},
    {"value", "rent_share_high"},
};

static const char *const engine_keys[] = {
    "provider",        "base_url",      "api_key",   "url_template",
    "target_base_url", "min_delay_ms",  "jitter_ms", "concurrency",
    "user_agent",      "cost_per_1000", "login",     "password",
    "queue",           "queue_poll_ms", "queue_wait_s", NULL};

static const char *const plain_sections[] = {"crawl",  "run",      "alerts",  "value", "leads",
                                             "output", "research", "archive", "budget", NULL};

/* [budget] keys: each also as KEY.PROVIDER (the first two) or KEY.DOMAIN
 * (the site ones), the most specific winning (config_budget). */
static const char *const budget_keys[] = {"requests_per_day", "usd_per_day",
                                          "site_requests_per_day", "site_usd_per_day", NULL};

static const char *src(const struct config *cfg)
{
    return cfg->ini.path ? cfg->ini.path : "config";
}

static int is_loopback(const char *url)
{
    if (!url)
        return 0;
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    return util_starts_with(p, "127.") || util_starts_with(p, "localhost") ||
           util_starts_with(p, "[::1]");
}

/* The engine's id from a section suffix, UNKNOWN when none. */
static enum serp_engine engine_named(const char *name)
{
    for (size_t i = 0; i < engine_n; i++)
        if (util_strcaseeq(name, serp_engine_name(engine_table[i]->id)))
            return engine_table[i]->id;
    return SERP_ENGINE_UNKNOWN;
}

static void read_engine(struct config *cfg, enum serp_engine id)
{
    char sec[32];
    snprintf(sec, sizeof sec, "engine.%s", serp_engine_name(id));
    struct config_engine *e = &cfg->engine[id];
    const char *p = ini_get(&cfg->ini, sec, "provider", "direct");
    const struct engine_provider_desc *d = engine_provider_by_name(p);
    if (!d) {
        warn("[%s] provider: unknown provider '%s', using direct", sec, p);
        d = engine_provider_get(PROVIDER_DIRECT);
    }
    e->provider = d->id;
    e->base_url = ini_get(&cfg->ini, sec, "base_url", NULL);
    e->api_key = ini_get(&cfg->ini, sec, "api_key", NULL);
    e->login = ini_get(&cfg->ini, sec, "login", NULL);
    e->password = ini_get(&cfg->ini, sec, "password", NULL);
    e->queue = ini_get_bool(&cfg->ini, sec, "queue", d->queue != NULL) && d->queue;
    /* the standard queue answers in minutes: poll, doubling the pause */
    e->queue_poll_ms = ini_get_int(&cfg->ini, sec, "queue_poll_ms", 5000, 1, 600000);
    e->queue_wait_s = ini_get_int(&cfg->ini, sec, "queue_wait_s", 1200, 0, 86400);
    e->url_template = ini_get(&cfg->ini, sec, "url_template", NULL);
    e->target_base_url = ini_get(&cfg->ini, sec, "target_base_url", NULL);
    const char *ua = ini_get(&cfg->ini, sec, "user_agent", NULL);
    e->user_agent = ua && *ua ? ua : NULL;
    /* a local simulator is not paced unless asked */
    long long def_delay = is_loopback(e->base_url) ? 0 : 1000;
    e->min_delay_ms = ini_get_int(&cfg->ini, sec, "min_delay_ms", def_delay, 0, 3600000);
    e->jitter_ms = ini_get_int(&cfg->ini, sec, "jitter_ms", def_delay ? 500 : 0, 0, 3600000);
    e->concurrency = ini_get_int(&cfg->ini, sec, "concurrency", 256, 1, 256);
    e->cost_per_1000 = CONFIG_UNSET;
    if (ini_get(&cfg->ini, sec, "cost_per_1000", NULL))
        e->cost_per_1000 = ini_get_double_range(&cfg->ini, sec, "cost_per_1000", -1, 0, 1e6);
}

static void read_provider(struct config *cfg, const char *sec)
{
    cfg->provider = xrealloc(cfg->provider, (cfg->n_provider + 1) * sizeof *cfg->provider);
    struct config_provider *p = &cfg->provider[cfg->n_provider++];
    p->name = sec + strlen("provider.");
    p->cost_per_1000 = CONFIG_UNSET;
    if (ini_get(&cfg->ini, sec, "cost_per_1000", NULL))
        p->cost_per_1000 = ini_get_double_range(&cfg->ini, sec, "cost_per_1000", -1, 0, 1e6);
    for (int e = 0; e < SERP_ENGINE_IDS; e++) {
        char key[48];
        snprintf(key, sizeof key, "cost_per_1000.%s", serp_engine_name((enum serp_engine)e));
        p->cost_engine[e] = CONFIG_UNSET;
        if (e != SERP_ENGINE_UNKNOWN && ini_get(&cfg->ini, sec, key, NULL))
            p->cost_engine[e] = ini_get_double_range(&cfg->ini, sec, key, -1, 0, 1e6);
    }
}

static void read_value(struct config *cfg)
{
    struct config_value *v = &cfg->value;
    const struct ini *ini = &cfg->ini;
    v->conversion_rate =
        ini_get_double_range(ini, "value", "conversion_rate", RESEARCH_CONVERSION_DEFAULT, 0, 1);
    v->rent_share_low =
        ini_get_double_range(ini, "value", "rent_share_low", RESEARCH_RENT_SHARE_LOW, 0, 1);
    v->rent_share_high =
        ini_get_double_range(ini, "value", "rent_share_high", RESEARCH_RENT_SHARE_HIGH, 0, 1);
    v->mobile_share = RESEARCH_MOBILE_SHARE;
    if (v->mobile_share_text) {
        const char *t = v->mobile_share_text;
        char *end;
        errno = 0;
        double d = strtod(t, &end);
        while (*end && isspace((unsigned char)*end))
            end++;
        v->mobile_share = end == t || *end || errno || !(d >= 0 && d <= 1) ? -1 : d;
    }
    for (int e = 0; e < SERP_ENGINE_IDS; e++) {
        const struct engine_desc *d = engine_get((enum serp_engine)e);
        v->engine_share[e] = 1.0;
        if (d && d->share_key)
            v->engine_share[e] =
                ini_get_double_range(ini, "value", d->share_key, d->default_share, 0, 1);
    }
}

/* Fills every field from cfg->ini (empty: the defaults), warning for values
 * it cannot use. */
static void fill(struct config *cfg)
{
    char *base = (char *)cfg;
    for (size_t i = 0; i < ARRAY_SIZE(int_keys); i++) {
        const struct int_key *k = &int_keys[i];
        *(long long *)(base + k->off) =
            ini_get_int(&cfg->ini, k->sec, k->key, k->def, k->min, k->max);
    }
    for (size_t i = 0; i < ARRAY_SIZE(bool_keys); i++) {
        const struct bool_key *k = &bool_keys[i];
        *(int *)(base + k->off) = ini_get_bool(&cfg->ini, k->sec, k->key, k->def);
    }
    for (size_t i = 0; i < ARRAY_SIZE(str_keys); i++) {
        const struct str_key *k = &str_keys[i];
        *(const char **)(base + k->off) = ini_get(&cfg->ini, k->sec, k->key, NULL);
    }
    if (cfg->crawl.user_agent && !*cfg->crawl.user_agent)
        cfg->crawl.user_agent = NULL;
    if (!cfg->alerts.smtp_url)
        cfg->alerts.smtp_url = "smtp://127.0.0.1:25";
    if (!cfg->alerts.email_from)
        cfg->alerts.email_from = "serptrack@localhost";
    const char *mode = ini_get(&cfg->ini, "crawl", "depth_mode", "full");
    cfg->crawl.smart_depth = util_strcaseeq(mode, "smart");
    if (!cfg->crawl.smart_depth && !util_strcaseeq(mode, "full"))
        warn("[crawl] depth_mode: expected full or smart, using full");
    read_value(cfg);
    for (size_t i = 0; i < engine_n; i++)
        read_engine(cfg, engine_table[i]->id);
    for (size_t i = 0; i < cfg->ini.n; i++) {
        const char *s = cfg->ini.e[i].section;
        if (!util_starts_with(s, "provider.") || config_provider(cfg, s + strlen("provider.")))
            continue;
        read_provider(cfg, s);
    }
}

static int known_plain_key(const char *sec, const char *key, const char **near)
{
    const char *cands[ARRAY_SIZE(int_keys) + ARRAY_SIZE(bool_keys) + ARRAY_SIZE(str_keys) +
                      ARRAY_SIZE(other_keys) + ARRAY_SIZE(budget_keys) + SERP_ENGINE_IDS + 1];
    size_t n = 0;
    for (size_t i = 0; i < ARRAY_SIZE(int_keys); i++)
        if (util_strcaseeq(int_keys[i].sec, sec))
            cands[n++] = int_keys[i].key;
    for (size_t i = 0; i < ARRAY_SIZE(bool_keys); i++)
        if (util_strcaseeq(bool_keys[i].sec, sec))
            cands[n++] = bool_keys[i].key;
    for (size_t i = 0; i < ARRAY_SIZE(str_keys); i++)
        if (util_strcaseeq(str_keys[i].sec, sec))
            cands[n++] = str_keys[i].key;
    for (size_t i = 0; i < ARRAY_SIZE(other_keys); i++)
        if (util_strcaseeq(other_keys[i][0], sec))
            cands[n++] = other_keys[i][1];
    for (size_t i = 0; util_strcaseeq(sec, "budget") && budget_keys[i]; i++) {
        size_t l = strlen(budget_keys[i]);
        if (util_strcaseeq(key, budget_keys[i]) ||
            (strncasecmp(key, budget_keys[i], l) == 0 && key[l] == '.' && key[l + 1]))
            return 1;
        cands[n++] = budget_keys[i];
    }
    for (size_t i = 0; util_strcaseeq(sec, "value") && i < engine_n; i++)
        if (engine_table[i]->share_key)
            cands[n++] = engine_table[i]->share_key;
    cands[n] = NULL;
    for (size_t i = 0; i < n; i++)
        if (util_strcaseeq(cands[i], key))
            return 1;
    *near = util_nearest(key, cands);
    return 0;
}

static int known_provider_key(const char *key, const char **near, char *buf, size_t size)
{
    const char *cands[SERP_ENGINE_IDS + 2];
    char names[SERP_ENGINE_IDS][48];
    size_t n = 0;
    cands[n++] = "cost_per_1000";
    for (size_t i = 0; i < engine_n; i++) {
        snprintf(names[i], sizeof names[i], "cost_per_1000.%s",
                 serp_engine_name(engine_table[i]->id));
        cands[n++] = names[i];
    }
    cands[n] = NULL;
    for (size_t i = 0; i < n; i++)
        if (util_strcaseeq(cands[i], key))
            return 1;
    const char *m = util_nearest(key, cands);
    if (m) {
        snprintf(buf, size, "%s", m);
        *near = buf;
    }
    return 0;
}

/* Warns once per section that looks like ours but is not; returns 1 when
 * the section is ours, 0 when not, -1 when already judged. */
static int check_section(const struct config *cfg, size_t at)
{
    const char *s = cfg->ini.e[at].section;
    for (size_t j = 0; j < at; j++)
        if (strcmp(cfg->ini.e[j].section, s) == 0)
            return -1; /* seen: already judged */
    if (!*s)
        return 0;
    for (size_t i = 0; plain_sections[i]; i++)
        if (util_strcaseeq(s, plain_sections[i]))
            return 1;
    const char *near = NULL;
    char buf[64];
    if (util_starts_with(s, "engine.")) {
        if (engine_named(s + 7) != SERP_ENGINE_UNKNOWN)
            return 1;
        const char *names[SERP_ENGINE_IDS + 1];
        size_t n = 0;
        for (size_t i = 0; i < engine_n; i++)
            names[n++] = serp_engine_name(engine_table[i]->id);
        names[n] = NULL;
        const char *m = util_nearest(s + 7, names);
        if (m)
            snprintf(buf, sizeof buf, "engine.%s", m);
        near = m ? buf : NULL;
    } else if (util_starts_with(s, "provider.")) {
        if (engine_provider_by_name(s + 9))
            return 1;
        const char *names[16];
        size_t n = 0;
        for (size_t i = 0; i < engine_n_providers && n < 15; i++)
            names[n++] = engine_provider_table[i]->name;
        names[n] = NULL;
        const char *m = util_nearest(s + 9, names);
        if (m)
            snprintf(buf, sizeof buf, "provider.%s", m);
        near = m ? buf : NULL;
    } else {
        near = util_nearest(s, plain_sections);
        if (!near)
            return 0; /* not ours: another tool's section */
    }
    if (near)
        warn("%s:%d: unknown section [%s]; did you mean [%s]?", src(cfg), cfg->ini.e[at].line, s,
             near);
    else
        warn("%s:%d: unknown section [%s]", src(cfg), cfg->ini.e[at].line, s);
    return 0;
}

/* One warning per unknown key of our sections, and per section that looks
 * like ours but is not. */
static void check_keys(const struct config *cfg)
{
    for (size_t i = 0; i < cfg->ini.n; i++) {
        const struct ini_entry *e = &cfg->ini.e[i];
        /* in file order: a section's warning before its keys' */
        if (i == 0 || strcmp(cfg->ini.e[i - 1].section, e->section) != 0)
            check_section(cfg, i);
        const char *near = NULL;
        char buf[48];
        int known;
        if (util_starts_with(e->section, "engine.")) {
            if (engine_named(e->section + 7) == SERP_ENGINE_UNKNOWN)
                continue;
            known = 0;
            for (size_t k = 0; engine_keys[k] && !known; k++)
                known = util_strcaseeq(engine_keys[k], e->key);
            if (!known)
                near = util_nearest(e->key, engine_keys);
        } else if (util_starts_with(e->section, "provider.")) {
            if (!engine_provider_by_name(e->section + 9))
                continue;
            known = known_provider_key(e->key, &near, buf, sizeof buf);
        } else {
            int plain = 0;
            for (size_t k = 0; plain_sections[k] && !plain; k++)
                plain = util_strcaseeq(plain_sections[k], e->section);
            if (!plain)
                continue;
            known = known_plain_key(e->section, e->key, &near);
        }
        if (known)
            continue;
        if (near)
            warn("%s:%d: [%s] unknown key '%s'; did you mean '%s'?", src(cfg), e->line, e->section,
                 e->key, near);
        else
            warn("%s:%d: [%s] unknown key '%s'", src(cfg), e->line, e->section, e->key);
    }
}

void config_defaults(struct config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    fill(cfg);
}

void config_release(struct config *cfg)
{
    ini_release(&cfg->ini);
    free(cfg->provider);
    memset(cfg, 0, sizeof *cfg);
}

static void check_budget(const struct config *cfg);

static int finish(struct config *cfg, int rc)
{
    if (rc != 0) {
        config_release(cfg);
        fill(cfg);
        return rc;
    }
    check_keys(cfg);
    check_budget(cfg);
    fill(cfg);
    return 0;
}

/* The cap a [budget] value sets: -1 for none or a value that is not a
 * number >= 0 (check_budget warned about it). */
static double budget_value(const char *v)
{
    char *end = NULL;
    double d = v ? strtod(v, &end) : -1;
    if (!v || end == v || *end || !(d >= 0) || d > 1e15)
        return -1;
    return d;
}

/* Warns about [budget] values that are not numbers >= 0, and provider caps
 * naming no provider; they are ignored. */
static void check_budget(const struct config *cfg)
{
    for (size_t i = 0; i < cfg->ini.n; i++) {
        const struct ini_entry *e = &cfg->ini.e[i];
        if (!util_strcaseeq(e->section, "budget"))
            continue;
        if (budget_value(e->value) < 0)
            warn("%s:%d: [budget] %s = '%s' is not a number >= 0; no cap from it", src(cfg),
                 e->line, e->key, e->value ? e->value : "");
        const char *dot = strchr(e->key, '.');
        if (dot && !util_starts_with(e->key, "site_") && !engine_provider_by_name(dot + 1))
            warn("%s:%d: [budget] %s: no provider '%s'; no cap from it", src(cfg), e->line,
                 e->key, dot + 1);
    }
}

double config_budget(const struct config *cfg, const char *key, const char *who)
{
    double general = -1, own = -1;
    size_t l = strlen(key);
    for (size_t i = 0; i < cfg->ini.n; i++) {
        const struct ini_entry *e = &cfg->ini.e[i];
        if (!util_strcaseeq(e->section, "budget") || strncasecmp(e->key, key, l) != 0)
            continue;
        double v = budget_value(e->value);
        if (v < 0)
            continue;
        if (!e->key[l]) {
            general = v; /* the last one in the file wins, as ini_get */
        } else if (e->key[l] == '.' && who) {
            const char *name = e->key + l + 1;
            /* a provider by any of its names (serp-api = serpapi) */
            const struct engine_provider_desc *a = engine_provider_by_name(name),
                                               *b = engine_provider_by_name(who);
            if (util_strcaseeq(name, who) || (a && a == b))
                own = v;
        }
    }
    return own >= 0 ? own : general;
}

int config_load(struct config *cfg, const char *path, int optional)
{
    memset(cfg, 0, sizeof *cfg);
    return finish(cfg, ini_load(&cfg->ini, path, optional));
}

int config_parse(struct config *cfg, const char *text, size_t len, const char *path)
{
    memset(cfg, 0, sizeof *cfg);
    int rc = ini_parse(&cfg->ini, text, len, path);
    if (rc == 0 && path) {
        free(cfg->ini.path);
        cfg->ini.path = xstrdup(path);
    }
    return finish(cfg, rc);
}

const struct config_provider *config_provider(const struct config *cfg, const char *name)
{
    /* [provider.serpapi] prices what is stored as serp-api (an alias) */
    const struct engine_provider_desc *want = engine_provider_by_name(name);
    for (size_t i = 0; name && i < cfg->n_provider; i++)
        if (util_strcaseeq(cfg->provider[i].name, name) ||
            (want && engine_provider_by_name(cfg->provider[i].name) == want))
            return &cfg->provider[i];
    return NULL;
}
