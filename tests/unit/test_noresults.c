/* test_noresults.c - "no results" pages: every engine's own markers (its
 * descriptor's no_results_marks) make an empty result, not a block or a
 * parse failure, on a minimal page and on the golden no-results pages; no
 * results page (golden or real, ../shared/fixtures/real when present) is
 * taken for one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>

#include "serp.h"
#include "util.h"

static void parse_file(enum serp_engine e, const char *path, struct serp_page *p)
{
    char *buf = NULL;
    size_t len = 0;
    if (util_read_file(path, 64u << 20, &buf, &len) != 0)
        fail_msg("cannot read %s", path);
    serp_page_init(p);
    assert_int_equal(serp_parse(e, buf, len, 200, p), 0);
    free(buf);
}

/* Each marker alone on an otherwise blank page, for its own engine. */
static void test_each_engine_marker(void **state)
{
    (void)state;
    for (size_t i = 0; i < serp_n_engines; i++) {
        const struct serp_engine_desc *d = serp_engine_table[i];
        assert_non_null(d->no_results_marks);
        assert_non_null(d->no_results_marks[0]); /* every engine has its own */
        for (const char *const *m = d->no_results_marks; *m; m++) {
            char *html = xasprintf("<!DOCTYPE html><html><head><title>q - %s</title></head>"
                                   "<body><div id=\"main\"><p>%s q</p></div></body></html>",
                                   d->display, *m);
            struct serp_page p;
            serp_page_init(&p);
            assert_int_equal(serp_parse(d->id, html, strlen(html), 200, &p), 0);
            if (!p.no_results || p.block != SERP_BLOCK_NONE)
                fail_msg("%s: '%s' gave no_results %d, block %d", d->name, *m, p.no_results,
                         (int)p.block);
            assert_int_equal(p.n_organic, 0);
            serp_page_release(&p);
            free(html);
        }
    }
}

/* The same page without the marker is empty, not "no results". */
static void test_no_marker_is_empty(void **state)
{
    (void)state;
    const char *html = "<!DOCTYPE html><html><head><title>q</title></head>"
                       "<body><div id=\"main\"><p>q</p></div></body></html>";
    for (size_t i = 0; i < serp_n_engines; i++) {
        struct serp_page p;
        serp_page_init(&p);
        assert_int_equal(serp_parse(serp_engine_table[i]->id, html, strlen(html), 200, &p), 0);
        assert_int_equal(p.no_results, 0);
        assert_int_equal(p.block, SERP_BLOCK_EMPTY);
        serp_page_release(&p);
    }
}

static void test_golden_pages(void **state)
{
    (void)state;
    static const struct {
        enum serp_engine e;
        const char *file;
        int no_results;
    } cases[] = {
        {SERP_GOOGLE, "tests/golden/google-noresults.html", 1},
        {SERP_BING, "tests/golden/bing-noresults.html", 1},
        {SERP_DUCKDUCKGO, "tests/golden/duckduckgo-noresults.html", 1},
        {SERP_GOOGLE, "tests/golden/google-empty.html", 0},
        {SERP_GOOGLE, "tests/golden/google-2019-classic.html", 0},
        {SERP_BING, "tests/golden/bing-modern.html", 0},
        {SERP_DUCKDUCKGO, "tests/golden/duckduckgo-html.html", 0},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct serp_page p;
        parse_file(cases[i].e, cases[i].file, &p);
        if (p.no_results != cases[i].no_results)
            fail_msg("%s: no_results %d", cases[i].file, p.no_results);
        if (cases[i].no_results) {
            assert_int_equal(p.block, SERP_BLOCK_NONE);
            assert_int_equal(p.n_organic, 0);
        }
        serp_page_release(&p);
    }
}

/* None of the real pages is a "no results" page: none may be taken for one. */
static void test_real_pages(void **state)
{
    (void)state;
    const char *dir = getenv("SERPTRACK_FIXTURES");
    if (!dir || !*dir)
        dir = "../shared/fixtures/real";
    int seen = 0;
    for (size_t i = 0; i < serp_n_engines; i++) {
        const struct serp_engine_desc *d = serp_engine_table[i];
        char *edir = xasprintf("%s/%s", dir, d->name);
        DIR *dh = opendir(edir);
        struct dirent *de;
        while (dh && (de = readdir(dh))) {
            size_t l = strlen(de->d_name);
            if (l <= 5 || strcmp(de->d_name + l - 5, ".html") != 0)
                continue;
            char *path = xasprintf("%s/%s", edir, de->d_name);
            struct serp_page p;
            parse_file(d->id, path, &p);
            if (p.no_results)
                fail_msg("%s taken for a no-results page", path);
            serp_page_release(&p);
            free(path);
            seen++;
        }
        if (dh)
            closedir(dh);
        free(edir);
    }
    if (!seen)
        skip(); /* no real pages here (set SERPTRACK_FIXTURES) */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_engine_marker),
        cmocka_unit_test(test_no_marker_is_empty),
        cmocka_unit_test(test_golden_pages),
        cmocka_unit_test(test_real_pages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
