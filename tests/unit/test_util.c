/* test_util.c - the util layer: CSV, INI, URLs and registrable domains,
 * clock, UTF-8 hygiene, the options table and the output writers. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>

#include "csv.h"
#include "ini.h"
#include "opt.h"
#include "output.h"
#include "url.h"
#include "util.h"

/* --- CSV: cases as data (input, expected rows joined by | and ;) -------- */
struct csv_case {
    const char *in;
    const char *want; /* fields joined by '|', rows by ';', bad row as "!<line>" */
};

static const struct csv_case csv_cases[] = {
    {"a,b,c\n1,2,3\n", "a|b|c;1|2|3"},
    {"a,b\r\n1,2\r\n", "a|b;1|2"},
    {"\xef\xbb\xbfq\nx\n", "q;x"},
    {"\"quoted, comma\",\"say \"\"hi\"\"\"\n", "quoted, comma|say \"hi\""},
    {"\"multi\nline\",2\nnext,3\n", "multi\nline|2;next|3"},
    {"a,\"bad\"x,c\nok,1\n", "!1;ok|1"},
    {"\"unterminated\n", "!1"},
    {"last,no,newline", "last|no|newline"},
    {"a,,c\n", "a||c"},
    {"<script>alert(1)</script>,`touch pwned`,'; DROP TABLE keyword; --\n",
     "<script>alert(1)</script>|`touch pwned`|'; DROP TABLE keyword; --"},
};

static void test_csv_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(csv_cases); i++) {
        struct csv_reader r;
        struct csv_row row = CSV_ROW_INIT;
        strbuf got = STRBUF_INIT;
        csv_reader_init(&r, csv_cases[i].in, strlen(csv_cases[i].in), ',');
        int rc, first = 1;
        while ((rc = csv_read_row(&r, &row)) != 0) {
            if (!first)
                sb_addc(&got, ';');
            first = 0;
            if (rc < 0) {
                sb_addf(&got, "!%ld", r.line);
                continue;
            }
            for (size_t j = 0; j < row.n; j++)
                sb_addf(&got, "%s%s", j ? "|" : "", row.field[j]);
        }
        if (strcmp(sb_str(&got), csv_cases[i].want) != 0)
            fail_msg("case %zu: got '%s' want '%s'", i, sb_str(&got), csv_cases[i].want);
        sb_release(&got);
        csv_row_release(&row);
    }
}

static void test_csv_nul_and_utf8(void **state)
{
    (void)state;
    const char in[] = "a\0b,c\n\xff\xfe,ok\n";
    struct csv_reader r;
    struct csv_row row = CSV_ROW_INIT;
    csv_reader_init(&r, in, sizeof in - 1, ',');
    assert_int_equal(csv_read_row(&r, &row), -1); /* NUL byte: row rejected */
    assert_int_equal(r.line, 1);
    assert_int_equal(csv_read_row(&r, &row), 1);
    assert_int_equal(row.n, 2);
    assert_true(util_utf8_valid(row.field[0], strlen(row.field[0])));
    assert_string_equal(row.field[1], "ok");
    assert_int_equal(csv_read_row(&r, &row), 0);
    csv_row_release(&row);
}

static void test_csv_write(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    const char *fields[] = {"plain", "a,b", "say \"x\"", "line\nbreak", "=HYPERLINK(1)", "-3", NULL};
    csv_write_row(f, fields, ARRAY_SIZE(fields));
    fclose(f);
    assert_string_equal(buf, "plain,\"a,b\",\"say \"\"x\"\"\",\"line\nbreak\",\"'=HYPERLINK(1)\",-3,\r\n");
    free(buf);
}

/* --- INI ------------------------------------------------------------------- */
static void test_ini(void **state)
{
    (void)state;
    struct ini ini = {0};
    const char *text = "# comment\n[engine.google]\nprovider = direct\nbase_url = "
                       "\"http://127.0.0.1:1/google\"\n\n[Crawl]\nconcurrency=8\nbad = x\n"
                       "flag = yes\n[engine.bing]\nprovider=serp-api\n";
    assert_int_equal(ini_parse(&ini, text, strlen(text), "t.conf"), 0);
    assert_string_equal(ini_get(&ini, "engine.google", "provider", NULL), "direct");
    assert_string_equal(ini_get(&ini, "engine.google", "base_url", NULL),
                        "http://127.0.0.1:1/google");
    assert_int_equal(ini_get_int(&ini, "crawl", "concurrency", 4, 1, 64), 8);
    assert_int_equal(ini_get_int(&ini, "crawl", "bad", 4, 1, 64), 4);
    assert_int_equal(ini_get_bool(&ini, "crawl", "flag", 0), 1);
    assert_null(ini_get(&ini, "crawl", "missing", NULL));
    ini_release(&ini);

    /* inline comments after whitespace; '#' inside a value survives */
    const char *c = "[a]\nx = 4 ; four\ny = http://h/p#frag # note\nz = \"k ;x\"\nw = a#b\n";
    struct ini ci = {0};
    assert_int_equal(ini_parse(&ci, c, strlen(c), "c.conf"), 0);
    assert_string_equal(ini_get(&ci, "a", "x", NULL), "4");
    assert_string_equal(ini_get(&ci, "a", "y", NULL), "http://h/p#frag");
    assert_string_equal(ini_get(&ci, "a", "z", NULL), "k ;x");
    assert_string_equal(ini_get(&ci, "a", "w", NULL), "a#b");
    ini_release(&ci);

    const char *bad[] = {"[unclosed\n", "novalue\n", "[]\n", "= v\n", "a=\0b\n"};
    size_t badlen[] = {10, 8, 3, 4, 6};
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        struct ini b = {0};
        assert_int_equal(ini_parse(&b, bad[i], badlen[i], "bad.conf"), -1);
        ini_release(&b);
    }
}

/* --- URLs and registrable domains ----------------------------------------- */
static void test_domains(void **state)
{
    (void)state;
    char *ip = url_domain("http://192.168.0.1:8080/x");
    assert_string_equal(ip, "192.168.0.1");
    free(ip);
    ip = url_domain("http://[::1]/x");
    assert_non_null(ip);
    assert_non_null(strstr(ip, "::1"));
    free(ip);
    struct {
        const char *url, *site;
        int match;
    } cases[] = {
        {"https://www.example.com/a", "example.com", 1},
        {"https://blog.example.com/", "example.com", 1},
        {"http://EXAMPLE.com.", "example.com", 1},
        {"https://example.com.evil.io/", "example.com", 0},
        {"https://notexample.com/", "example.com", 0},
        {"https://shop.example.co.uk/x", "example.co.uk", 1},
        {"https://other.co.uk/", "example.co.uk", 0},
        {"https://www.example.com/", "www.example.com", 1},
        {"javascript:alert(1)", "example.com", 0},
        {"", "example.com", 0},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
        if (url_matches_site(cases[i].url, cases[i].site) != cases[i].match)
            fail_msg("case %zu: %s vs %s", i, cases[i].url, cases[i].site);
    char *d = url_domain("https://a.b.example.co.uk/path?q=1");
    assert_string_equal(d, "example.co.uk");
    free(d);
    char *v = url_query_param("/url?q=https%3A%2F%2Fx.com%2Fa%3Fb%3D1&sa=U", "q");
    assert_string_equal(v, "https://x.com/a?b=1");
    free(v);
    char *e = url_encode("plumber \"austin\" <&>");
    assert_string_equal(e, "plumber%20%22austin%22%20%3C%26%3E");
    free(e);
}

/* --- clock ------------------------------------------------------------------- */
static void test_time(void **state)
{
    (void)state;
    time_t t;
    char buf[21], day[11];
    assert_int_equal(util_parse_time("2026-11-01T06:00:00Z", &t), 0);
    assert_string_equal(util_fmt_time(t, buf), "2026-11-01T06:00:00Z");
    assert_int_equal(util_parse_time("2024-02-29", &t), 0);
    assert_string_equal(util_fmt_date(t, day), "2024-02-29");
    assert_int_equal(util_parse_time("1970-01-01T00:00Z", &t), 0);
    assert_int_equal(t, 0);
    assert_int_equal(util_day_start(86400 * 3 + 5), 86400 * 3);
    const char *bad[] = {"2026-13-01", "2026-11-01X", "yesterday", "", "2026-11-01T25:00"};
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
        assert_int_equal(util_parse_time(bad[i], &t), -1);
    setenv("SERPTRACK_NOW", "2026-11-01T06:00:00Z", 1);
    assert_string_equal(util_fmt_time(util_now(), buf), "2026-11-01T06:00:00Z");
    unsetenv("SERPTRACK_NOW");
}

/* --- UTF-8 and secrets --------------------------------------------------- */
static void test_utf8(void **state)
{
    (void)state;
    assert_true(util_utf8_valid("caf\xc3\xa9", 5));
    assert_false(util_utf8_valid("\xc0\xaf", 2));        /* overlong */
    assert_false(util_utf8_valid("\xed\xa0\x80", 3));    /* surrogate */
    assert_false(util_utf8_valid("a\0b", 3));
    char *s = util_utf8_sanitize("a\xffz\0q", 5);
    assert_string_equal(s, "a\xef\xbf\xbdzq");
    free(s);
    char msg[] = "GET http://x/?api_key=SEKRET123&q=1 failed";
    util_register_secret("SEKRET123");
    util_mask_secrets(msg);
    assert_null(strstr(msg, "SEKRET123"));
    assert_non_null(strstr(msg, "api_key=***"));
}

/* --- options table ------------------------------------------------------- */
static void test_opt(void **state)
{
    (void)state;
    const char *site = NULL;
    long long depth = 30;
    int flag = 0;
    struct opt_list tags = {0};
    struct opt opts[] = {
        OPT_STRING("site", &site, "D", "site"),
        OPT_INT("depth", &depth, "N", "depth", 10, 100),
        OPT_FLAG("competitor", &flag, "flag"),
        OPT_LIST("tag", &tags, "T", "tag"),
        OPT_END(),
    };
    char *argv[] = {"kw", "plumber", "--site=a.com", "--dep", "50", "--tag", "x", "--tag=y",
                    "--competitor", "--", "--literal", NULL};
    int n = opt_parse("kw", "kw", opts, 11, argv);
    assert_int_equal(n, 2);
    assert_string_equal(argv[0], "plumber");
    assert_string_equal(argv[1], "--literal");
    assert_string_equal(site, "a.com");
    assert_int_equal(depth, 50);
    assert_int_equal(flag, 1);
    assert_int_equal(tags.n, 2);
    opt_list_release(&tags);

    char *bad1[] = {"kw", "--nope", NULL};
    assert_int_equal(opt_parse("kw", "kw", opts, 2, bad1), OPT_ERROR);
    char *bad2[] = {"kw", "--depth", "500", NULL};
    assert_int_equal(opt_parse("kw", "kw", opts, 3, bad2), OPT_ERROR);
    char *bad3[] = {"kw", "--site", NULL};
    assert_int_equal(opt_parse("kw", "kw", opts, 2, bad3), OPT_ERROR);
}

/* --- output writers ------------------------------------------------------- */
static void test_output(void **state)
{
    (void)state;
    struct out_col cols[] = {{.key = "query"}, {.key = "position", .right = 1}};
    struct out_table t;
    out_init(&t, cols, 2);
    out_row(&t);
    out_str(&t, 0, "plumber \"austin\", tx\n<b>");
    out_int(&t, 1, 3);
    out_row(&t);
    out_str(&t, 0, "bad \xff utf8");
    out_null(&t, 1);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(out_write(f, &t, OUT_JSON), 0);
    fclose(f);
    json_error_t err;
    json_t *j = json_loads(buf, 0, &err);
    assert_non_null(j);
    assert_int_equal(json_array_size(j), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(j, 0), "query")),
                        "plumber \"austin\", tx\n<b>");
    assert_true(json_is_null(json_object_get(json_array_get(j, 1), "position")));
    json_decref(j);
    free(buf);

    f = open_memstream(&buf, &len);
    assert_int_equal(out_write(f, &t, OUT_CSV), 0);
    fclose(f);
    assert_string_equal(buf, "query,position\r\n\"plumber \"\"austin\"\", tx\n<b>\",3\r\n"
                             "bad \xef\xbf\xbd utf8,\r\n");
    free(buf);

    f = open_memstream(&buf, &len);
    assert_int_equal(out_write(f, &t, OUT_TABLE), 0);
    fclose(f);
    /* The embedded newline must not break the table into extra lines. */
    int lines = 0;
    for (char *p = buf; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 3);
    free(buf);
    out_release(&t);
}

static void fill_typed_row(struct out_table *t, long long i)
{
    out_row(t);
    out_int(t, 0, i % 3 == 0 ? -i : i);
    out_real(t, 1, (double)i / 7.0);
    out_bool(t, 2, (int)(i & 1));
    if (i % 5)
        out_str(t, 3, i % 4 == 0 ? "=1+1" : i % 4 == 1 ? "caf\xc3\xa9, \"x\"" : "plain");
    else
        out_null(t, 3);
}

/* CSV cells are written without per-cell copies, and rank streams long
 * tables in pieces through out_clear(): both must give the bytes of the
 * one-piece writer, for every cell type. */
static void test_output_csv_pieces(void **state)
{
    (void)state;
    struct out_col cols[] = {{.key = "n"}, {.key = "r", .decimals = 2}, {.key = "b"}, {.key = "s"}};
    struct out_table t;
    out_init(&t, cols, 4);
    out_row(&t);
    out_int(&t, 0, LLONG_MIN);
    out_real(&t, 1, -0.125);
    out_bool(&t, 2, 1);
    out_str(&t, 3, "-1+1+cmd|x");
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(out_write(f, &t, OUT_CSV), 0);
    fclose(f);
    assert_string_equal(buf, "n,r,b,s\r\n-9223372036854775808,-0.12,true,\"'-1+1+cmd|x\"\r\n");
    free(buf);
    out_release(&t);

    char *whole = NULL, *pieces = NULL;
    size_t wlen = 0, plen = 0;
    out_init(&t, cols, 4);
    for (long long i = 0; i < 10000; i++)
        fill_typed_row(&t, i);
    f = open_memstream(&whole, &wlen);
    assert_int_equal(out_write(f, &t, OUT_CSV), 0);
    fclose(f);
    out_release(&t);

    out_init(&t, cols, 4);
    f = open_memstream(&pieces, &plen);
    int header = 1;
    for (long long i = 0; i < 10000; i++) {
        fill_typed_row(&t, i);
        if (t.nrows == 4096) {
            assert_int_equal(out_write_csv(f, &t, header), 0);
            header = 0;
            out_clear(&t);
            assert_int_equal(t.nrows, 0);
        }
    }
    assert_int_equal(out_write_csv(f, &t, header), 0);
    fclose(f);
    out_release(&t);
    assert_int_equal(plen, wlen);
    assert_memory_equal(pieces, whole, wlen);
    free(whole);
    free(pieces);
}

static void test_edit_distance(void **state)
{
    (void)state;
    assert_int_equal(util_edit_distance("rank", "rank"), 0);
    assert_int_equal(util_edit_distance("rnak", "rank"), 1); /* a swap is one edit */
    assert_int_equal(util_edit_distance("RANK", "rank"), 0);
    assert_int_equal(util_edit_distance("", "abc"), 3);
    assert_int_equal(util_edit_distance("kitten", "sitting"), 3);
    char big[100];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(util_edit_distance(big, "a"), 1000);
    const char *cands[] = {"rank", "report", "reparse", "history", NULL};
    assert_string_equal(util_nearest("rnak", cands), "rank");
    assert_string_equal(util_nearest("histry", cands), "history");
    assert_null(util_nearest("zzzz", cands));
}

/* Joins the lines util_each_line hands out as "[line]" so a test sees
 * both the pieces and how many there were. */
static void join_line(void *arg, const char *line, size_t len)
{
    sb_addf(arg, "[%.*s]", (int)len, line);
}

static void test_each_line(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"", ""},
        {"one", "[one]"},
        {"one\n", "[one]"},
        {"one\ntwo", "[one][two]"},
        {"a\n\nb\n", "[a][][b]"},
        {"\nx", "[][x]"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        strbuf sb = STRBUF_INIT;
        util_each_line(cases[i].in, join_line, &sb);
        assert_string_equal(sb_str(&sb), cases[i].want);
        sb_release(&sb);
    }
    strbuf sb = STRBUF_INIT;
    util_each_line(NULL, join_line, &sb);
    assert_int_equal(sb.len, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_cases), cmocka_unit_test(test_csv_nul_and_utf8),
        cmocka_unit_test(test_csv_write), cmocka_unit_test(test_ini),
        cmocka_unit_test(test_domains),   cmocka_unit_test(test_time),
        cmocka_unit_test(test_utf8),      cmocka_unit_test(test_opt),
        cmocka_unit_test(test_output),    cmocka_unit_test(test_output_csv_pieces),
        cmocka_unit_test(test_edit_distance), cmocka_unit_test(test_each_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
