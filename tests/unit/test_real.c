/* test_real.c - `make test-real`: every ../shared/fixtures/real/<engine>/PAGE.html
 * (or $SERPTRACK_FIXTURES) through the parsers, compared with its
 * *.expect.json: blocked (+reason), organic URLs and titles in order for
 * the first 10, ads count, local pack presence. One line per page, then
 * "N passed, N failed". A plain main, not cmocka: the pages are data. */
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "serp.h"
#include "util.h"

/* Expectations that break the organic rule (issue 8: no ads, local pack,
 * people-also-ask, carousels, sitelinks, knowledge cards). The parser is
 * not bent to them; the page is reported as a known disagreement. Each
 * entry names the page, the item and the markup that decides it. */
struct disagreement {
    const char *page; /* engine/file.html */
    const char *what;
};
static const struct disagreement known[] = {
    {NULL, NULL},
};

static const char *known_disagreement(const char *page)
{
    for (size_t i = 0; known[i].page; i++)
        if (!strcmp(known[i].page, page))
            return known[i].what;
    return NULL;
}

static char *squeeze(const char *s)
{
    char *c = xstrdup(s ? s : "");
    util_squeeze_space(c);
    return c;
}

/* Compares page with the expectation; appends differences to why. */
static void compare(const struct serp_page *p, const json_t *ex, strbuf *why)
{
    int want_blocked = json_is_true(json_object_get(ex, "blocked"));
    const char *want_reason = json_string_value(json_object_get(ex, "block_reason"));
    if (want_blocked != (p->block != SERP_BLOCK_NONE)) {
        sb_addf(why, "blocked %s, want %s (%s); ", p->block ? serp_block_name(p->block) : "no",
                want_blocked ? "yes" : "no", want_reason ? want_reason : "-");
        return;
    }
    if (want_blocked && want_reason && !util_streq(want_reason, serp_block_name(p->block)))
        sb_addf(why, "block reason %s, want %s; ", serp_block_name(p->block), want_reason);
    const json_t *org = json_object_get(ex, "organic");
    size_t want_n = json_array_size(org);
    /* A blocked page's list is what was recoverable; only the first 10 of
     * a full one are compared. */
    size_t n = want_n < 10 ? want_n : 10;
    if (p->n_organic < n || (want_n < 10 && p->n_organic != want_n && !want_blocked))
        sb_addf(why, "%zu organic, want %zu; ", p->n_organic, want_n);
    for (size_t i = 0; i < n && i < p->n_organic; i++) {
        const json_t *o = json_array_get(org, i);
        const char *url = json_string_value(json_object_get(o, "url"));
        char *t1 = squeeze(json_string_value(json_object_get(o, "title")));
        char *t2 = squeeze(p->organic[i].title);
        if (!util_streq(url, p->organic[i].url))
            sb_addf(why, "#%zu url '%s', want '%s'; ", i + 1, p->organic[i].url, url);
        if (strcmp(t1, t2))
            sb_addf(why, "#%zu title '%s', want '%s'; ", i + 1, t2, t1);
        free(t1);
        free(t2);
    }
    const json_t *ads = json_object_get(ex, "ads_count");
    if (json_is_integer(ads) && (long long)p->n_ads != json_integer_value(ads))
        sb_addf(why, "%zu ads, want %lld; ", p->n_ads, (long long)json_integer_value(ads));
    const json_t *lp = json_object_get(ex, "has_local_pack");
    int has_local = (p->features & SERP_F_LOCAL_PACK) != 0;
    if (json_is_boolean(lp) && has_local != json_is_true(lp))
        sb_addf(why, "local pack %s, want %s; ", has_local ? "yes" : "no",
                json_is_true(lp) ? "yes" : "no");
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    const char *dir = getenv("SERPTRACK_FIXTURES");
    if (!dir || !*dir)
        dir = "../shared/fixtures/real";
    static const char *const engines[] = {"google", "bing", "duckduckgo"};
    int passed = 0, failed = 0, seen_dir = 0;
    int held[ARRAY_SIZE(engines)] = {0}, seen[ARRAY_SIZE(engines)] = {0};
    for (size_t e = 0; e < ARRAY_SIZE(engines); e++) {
        char *edir = xasprintf("%s/%s", dir, engines[e]);
        DIR *d = opendir(edir);
        if (!d) {
            free(edir);
            continue;
        }
        seen_dir = 1;
        char **names = NULL;
        size_t nn = 0, cap = 0;
        struct dirent *de;
        while ((de = readdir(d))) {
            size_t l = strlen(de->d_name);
            if (l > 5 && !strcmp(de->d_name + l - 5, ".html")) {
                util_grow((void **)&names, &cap, nn + 1, sizeof(*names));
                names[nn++] = xstrdup(de->d_name);
            }
        }
        closedir(d);
        qsort(names, nn, sizeof(*names), by_name);
        for (size_t i = 0; i < nn; i++) {
            char *page_name = xasprintf("%s/%s", engines[e], names[i]);
            char *html = xasprintf("%s/%s", edir, names[i]);
            char *exp = xasprintf("%.*s.expect.json", (int)(strlen(html) - 5), html);
            char *buf = NULL;
            size_t len = 0;
            json_error_t jerr;
            json_t *ex = json_load_file(exp, 0, &jerr);
            strbuf why = STRBUF_INIT;
            if (!ex) {
                sb_addf(&why, "no expectation: %s", jerr.text);
            } else if (util_read_file(html, 256u << 20, &buf, &len) != 0) {
                sb_adds(&why, "cannot read page");
            } else {
                enum serp_engine want = serp_engine_from_name(engines[e]);
                if (serp_detect_engine(buf, len) != want)
                    sb_addf(&why, "detected as %s; ",
                            serp_engine_name(serp_detect_engine(buf, len)));
                struct serp_page p;
                serp_parse(want, buf, len, 0, &p);
                compare(&p, ex, &why);
                serp_page_release(&p);
            }
            const char *dis = known_disagreement(page_name);
            seen[e]++;
            if (why.len == 0 || dis)
                held[e]++;
            if (why.len == 0) {
                printf("ok - %s\n", page_name);
                passed++;
            } else if (dis) {
                printf("ok - %s (known disagreement: %s; differs: %s)\n", page_name, dis,
                       sb_str(&why));
                passed++;
            } else {
                printf("FAIL %s: %s\n", page_name, sb_str(&why));
                failed++;
            }
            sb_release(&why);
            json_decref(ex);
            free(buf);
            free(page_name);
            free(html);
            free(exp);
            free(names[i]);
        }
        free(names);
        free(edir);
    }
    if (!seen_dir) {
        printf("# skip: no real pages under %s (set SERPTRACK_FIXTURES)\n", dir);
        return 0;
    }
    /* Per engine, so a markup family that breaks shows where. */
    for (size_t e = 0; e < ARRAY_SIZE(engines); e++)
        printf("# %s: %d of %d real pages hold\n", engines[e], held[e], seen[e]);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
