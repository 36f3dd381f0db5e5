/* test_report_local.c - the report's Local pack and Local grid sections
 * from hand-built models: pack positions and their change (moved, entered,
 * left), the 3-pack told from the Maps list, grids with their metrics and
 * change, blocked points said and never "not found", nothing when there is
 * nothing to show, and hostile queries, locations and devices inert. Uses
 * whatever grid_svg() is linked (the heat map itself is tested in
 * test_grid.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "report.h"
#include "util.h"

#define T0 1790000000 /* 2026-09-21 */
#define HOSTILE "<script>alert(1)</script><img src=x onerror=alert(2)>"

static void add_kw(struct report *r, const char *query, int start_local, int now_local)
{
    r->kw = xrealloc(r->kw, (r->n_kw + 1) * sizeof *r->kw);
    struct report_kw *k = &r->kw[r->n_kw];
    memset(k, 0, sizeof *k);
    k->id = (long long)++r->n_kw;
    k->query = xstrdup(query);
    k->engine = xstrdup("google");
    k->location = xstrdup("Austin,Texas,United States");
    k->device = xstrdup("mobile");
    k->depth = 30;
    k->volume = -1;
    k->position = k->start_position = k->best = REPORT_NONE;
    k->hist = xcalloc(1, sizeof *k->hist);
    k->in_local_pack = now_local;
    if (start_local != REPORT_NONE) {
        k->start_local = start_local;
        k->start_local_at = T0;
    }
}

static char *html_of(struct report *r)
{
    r->site = xstrdup("example.com");
    r->since = T0;
    r->until = r->generated_at = T0 + 7 * 86400;
    r->leads = -1;
    strbuf sb = STRBUF_INIT;
    report_html(r, &sb);
    return sb_detach(&sb);
}

/* The text between the section's h2 and the next h2 (or the end). */
static char *section(const char *html, const char *h2)
{
    char want[64];
    snprintf(want, sizeof want, "<h2>%s</h2>", h2);
    const char *a = strstr(html, want);
    if (!a)
        return NULL;
    const char *b = strstr(a + 4, "<h2>");
    size_t n = b ? (size_t)(b - a) : strlen(a);
    char *s = xmalloc(n + 1);
    memcpy(s, a, n);
    s[n] = 0;
    return s;
}

static void test_pack(void **state)
{
    (void)state;
    struct report r;
    memset(&r, 0, sizeof r);
    add_kw(&r, "moved up", 4, 2);
    add_kw(&r, "entered", 0, 3);
    add_kw(&r, "left", 2, 0);
    add_kw(&r, "never", 0, 0);
    add_kw(&r, HOSTILE, REPORT_NONE, 7);
    char *html = html_of(&r);
    char *s = section(html, "Local pack");
    assert_non_null(s);
    assert_non_null(strstr(s, "#2 in the 3-pack"));
    assert_non_null(strstr(s, "#4 in Maps"));
    assert_non_null(strstr(s, "#7 in Maps"));
    assert_non_null(strstr(s, "&#9650;&#8239;2")); /* 4 -> 2: up two */
    assert_non_null(strstr(s, ">new<"));
    assert_non_null(strstr(s, ">left<"));
    assert_null(strstr(s, "never")); /* in it at neither end: not listed */
    assert_null(strstr(s, "<script"));
    assert_null(strstr(s, "<img"));
    assert_non_null(strstr(s, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    free(s);
    free(html);
    report_release(&r);

    /* no keyword in the local results: no section */
    memset(&r, 0, sizeof r);
    add_kw(&r, "never", 0, 0);
    html = html_of(&r);
    assert_null(strstr(html, "<h2>Local pack</h2>"));
    assert_null(strstr(html, "<h2>Local grid</h2>"));
    free(html);
    report_release(&r);
}

/* A 7x7 grid scanned twice: the latest with 3 blocked points. */
static void add_grid(struct report *r, const char *query, int scanned)
{
    r->grids = xrealloc(r->grids, (r->n_grids + 1) * sizeof *r->grids);
    struct report_grid *g = &r->grids[r->n_grids++];
    memset(g, 0, sizeof *g);
    g->grid.id = (long long)r->n_grids;
    g->grid.query = xstrdup(query);
    g->grid.site = xstrdup("example.com");
    g->grid.engine = SERP_GOOGLE;
    g->grid.device = xstrdup(HOSTILE);
    g->grid.lang = xstrdup("en");
    g->grid.country = xstrdup("us");
    g->grid.location = xstrdup("Austin \"<b>\"");
    g->grid.lat = 30.26715;
    g->grid.lng = -97.74306;
    g->grid.size = 7;
    g->grid.spacing_m = 1609.344;
    g->grid.schedule = xstrdup("weekly");
    g->arp = g->atrp = g->solv = g->prev_arp = g->prev_atrp = g->prev_solv = -1;
    if (!scanned)
        return;
    g->scan.grid_id = g->grid.id;
    g->scan.checked_at = T0 + 6 * 86400;
    g->scan.n_points = 49;
    g->scan.points = xcalloc(49, sizeof *g->scan.points);
    for (int i = 0; i < 49; i++) {
        struct model_grid_point *p = &g->scan.points[i];
        p->row = i / 7;
        p->col = i % 7;
        p->lat = g->grid.lat + (3 - p->row) * 0.0145;
        p->lng = g->grid.lng + (p->col - 3) * 0.0167;
        p->status = i < 3 ? MODEL_BLOCKED : MODEL_OK;
        p->local = i < 3 ? MODEL_NONE : i % 5 == 0 ? MODEL_NONE : 1 + i % 9;
        p->position = MODEL_NONE;
    }
    g->n_points = 49;
    g->n_ok = 46;
    g->n_blocked = 3;
    g->n_found = 37;
    g->n_top3 = 12;
    g->arp = 4.25;
    g->atrp = 7.5;
    g->solv = 12.0 / 46;
    g->prev_at = T0 - 86400;
    g->prev_arp = 5.0;
    g->prev_atrp = 7.0;
    g->prev_solv = 0.2;
}

static void test_grids(void **state)
{
    (void)state;
    struct report r;
    memset(&r, 0, sizeof r);
    add_kw(&r, "plumber", 0, 0);
    add_grid(&r, HOSTILE " plumber", 1);
    add_grid(&r, "unscanned", 0);
    char *html = html_of(&r);
    char *s = section(html, "Local grid");
    assert_non_null(s);
    assert_non_null(strstr(s, "7&#215;7 grid"));
    assert_non_null(strstr(s, "1.61 km apart"));
    assert_non_null(strstr(s, "(30.26715, -97.74306)"));
    assert_non_null(strstr(s, "Scanned 2026-09-27"));
    assert_non_null(strstr(s, "3 of 49 points blocked"));
    assert_non_null(strstr(s, "found at 37 of 49 points"));
    assert_non_null(strstr(s, "scan of 2026-09-20"));
    assert_non_null(strstr(s, "<svg"));
    /* ARP 5.0 -> 4.25 better, ATRP 7.0 -> 7.5 worse, SoLV 20% -> 26% better */
    assert_non_null(strstr(s, ">4.2<") ? strstr(s, ">4.2<") : strstr(s, ">4.3<"));
    assert_non_null(strstr(s, "<span class=\"up\">&#8722;0.8</span>"));
    assert_non_null(strstr(s, "<span class=\"down\">+0.5</span>"));
    assert_non_null(strstr(s, ">26%<"));
    assert_non_null(strstr(s, "<span class=\"up\">+6 pts</span>"));
    assert_non_null(strstr(s, "No scan in this period"));
    /* hostile query, location and device: text, not markup */
    assert_null(strstr(s, "<script"));
    assert_null(strstr(s, "<img"));
    assert_null(strstr(s, "<b>"));
    assert_non_null(strstr(s, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    free(s);
    free(html);
    report_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pack),
        cmocka_unit_test(test_grids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
