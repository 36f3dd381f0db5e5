/* config.h - serptrack.conf read once into typed, validated values.
 * config_load() parses the file (with the ini parser), fills every field
 * with its value or default, and warns once, at start, for what it cannot
 * use: a value that does not parse or is out of range (the default is
 * used), an unknown provider name (direct is used), an unknown key in one
 * of our sections, and a section that looks like ours but is not
 * ([engine.gogle], [provider.serpap], [crawel]). Sections that look like
 * nothing of ours are left alone, since the file may be shared.
 * Modules read the typed fields and never the INI.
 *
 * Ownership: every const char * field is borrowed from the config (the
 * parsed file it holds) and valid until config_release(); NULL means the
 * key is absent unless a field says otherwise. */
#ifndef SERPTRACK_CONFIG_H
#define SERPTRACK_CONFIG_H

#include <stddef.h>

#include "engine.h"
#include "ini.h"
#include "serp_engines.h"

/* A price or value that is absent from the file. */
#define CONFIG_UNSET (-2.0)

struct config_crawl {
    long long concurrency, timeout_ms, connect_timeout_ms, max_body_kb, max_redirects, max_attempts,
        max_retries_per_run, retry_base_ms, retry_max_ms, block_cooldown_ms, block_cooldown_max_ms,
        block_give_up_ms, proxy_bench_after, proxy_bench_ms;
    const char *user_agent; /* NULL when absent or empty */
    const char *proxies;
    int smart_depth; /* depth_mode = smart (else full) */
};

struct config_run {
    long long db_wait_s, retry_rounds, retry_delay_ms;
};

struct config_alerts {
    long long drop, blocked_days, max_attempts, max_age_days;
    int top3, top10, local_pack; /* local_pack: left the pack */
    int local_pack_entered, local_pack_moved;
    int ai_overview; /* ai_cited / ai_uncited: cited in an AI overview or no more */
    const char *webhook, *email_to, *smtp_user, *smtp_password;
    const char *smtp_url, *email_from; /* never NULL: defaults are static */
};

struct config_value {
    double conversion_rate, rent_share_low, rent_share_high;
    /* The configured mobile share, or -1 when it is not a share from 0 to
     * 1 (research_mobile_share reports it, with mobile_share_text, as an
     * error of the command that needs it). RESEARCH_MOBILE_SHARE when
     * absent. */
    double mobile_share;
    const char *mobile_share_text;
    double engine_share[SERP_ENGINE_IDS]; /* by engine id: [value] <engine>_share */
};

/* [engine.<name>], one per engine id (defaults when the section is absent). */
struct config_engine {
    enum engine_provider provider;
    const char *base_url, *api_key, *url_template, *target_base_url;
    const char *login, *password; /* HTTP basic auth (dataforseo); NULL when absent */
    int queue;                    /* 1: post tasks to the provider's queue, collect later */
    long long queue_poll_ms;      /* first pause between polls of the ready list (doubles) */
    long long queue_wait_s;       /* how long a run waits for queued tasks */
    const char *user_agent; /* NULL when absent or empty */
    long long min_delay_ms, jitter_ms, concurrency;
    double cost_per_1000; /* CONFIG_UNSET when absent, -1 when invalid */
};

/* [provider.<name>]: prices of a provider, by name. */
struct config_provider {
    const char *name;
    double cost_per_1000;                /* CONFIG_UNSET / -1 as above */
    double cost_engine[SERP_ENGINE_IDS]; /* cost_per_1000.<engine> */
};

struct config {
    struct ini ini; /* the parsed file; owns every string below */
    struct config_crawl crawl;
    struct config_run run;
    struct config_alerts alerts;
    struct config_value value;
    struct config_engine engine[SERP_ENGINE_IDS];
    struct config_provider *provider; /* owned array of n_provider */
    size_t n_provider;
    long long leads_min_duration;
    const char *output_mode;       /* [output] mode, checked by its command */
    const char *research_data_dir; /* [research] data_dir */
    int archive_enabled;
    long long archive_keep_days;
};

/* Loads path (a missing file is an empty config when optional is set) and
 * validates it, warning as described above. Returns 0, or -1 after an
 * error when the file cannot be read or is malformed; cfg is then still
 * filled with defaults and must be released. */
int config_load(struct config *cfg, const char *path, int optional);
/* As config_load, from text[0..len) (tests, fuzzing); path names it in
 * messages. */
int config_parse(struct config *cfg, const char *text, size_t len, const char *path);
/* Defaults only, as without a file. */
void config_defaults(struct config *cfg);
void config_release(struct config *cfg);

/* The [budget] cap key ("requests_per_day", "usd_per_day",
 * "site_requests_per_day", "site_usd_per_day") sets for who (a provider
 * name, any alias, or a site's domain; NULL = the general key): KEY.WHO
 * when set, else KEY, else -1 (no cap). 0 = nothing may be fetched.
 * Values that are not numbers >= 0 were warned about at load and count
 * as unset. */
double config_budget(const struct config *cfg, const char *key, const char *who);

/* The prices of provider name, NULL when the file has no such section. */
const struct config_provider *config_provider(const struct config *cfg, const char *name);

#endif
