/* test_locations.c - the location resolver against the shipped
 * keywords/cities.csv (run from the checkout, as tests/run.sh does): a
 * table of what users type -> canonical name, refused with the nearest
 * city, or ambiguous with the candidates; the demo's locations; search
 * ranking; and the data itself (real US cities, not a sample). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "csv.h"
#include "locations.h"
#include "research.h"
#include "util.h"

static struct loc_data ld;

static int setup(void **state)
{
    (void)state;
    return loc_data_load(&ld, "keywords");
}

static int teardown(void **state)
{
    (void)state;
    loc_data_release(&ld);
    return 0;
}

static const struct {
    const char *in;
    enum loc_kind kind;
    const char *want; /* LOC_OK: canonical; else the first candidate (NULL: none) */
} cases[] = {
    /* the canonical form and the ways people write it */
    {"Austin,Texas,United States", LOC_OK, "Austin,Texas,United States"},
    {"Austin, TX", LOC_OK, "Austin,Texas,United States"},
    {"austin tx", LOC_OK, "Austin,Texas,United States"},
    {"Austin Texas", LOC_OK, "Austin,Texas,United States"},
    {"Austin,TX,US", LOC_OK, "Austin,Texas,United States"},
    {"Austin, TX, USA", LOC_OK, "Austin,Texas,United States"},
    {"  AUSTIN ,  texas ,  united states ", LOC_OK, "Austin,Texas,United States"},
    {"austin tx united states", LOC_OK, "Austin,Texas,United States"},
    {"Austin,Minnesota,United States", LOC_OK, "Austin,Minnesota,United States"},
    {"San Antonio, tx", LOC_OK, "San Antonio,Texas,United States"},
    {"san antonio texas", LOC_OK, "San Antonio,Texas,United States"},
    {"Dallas", LOC_AMBIGUOUS, "Dallas,Texas,United States"},
    {"Houston", LOC_OK, "Houston,Texas,United States"},
    {"New York", LOC_OK, "New York,New York,United States"},
    {"new york ny", LOC_OK, "New York,New York,United States"},
    {"New York, New York", LOC_OK, "New York,New York,United States"},
    {"Kansas City, KS", LOC_OK, "Kansas City,Kansas,United States"},
    {"Charleston, West Virginia", LOC_OK, "Charleston,West Virginia,United States"},
    {"charleston sc", LOC_OK, "Charleston,South Carolina,United States"},
    {"St. Louis, MO", LOC_OK, "St. Louis,Missouri,United States"},
    {"Saint Louis,Missouri,United States", LOC_OK, "St. Louis,Missouri,United States"},
    {"st louis mo", LOC_OK, "St. Louis,Missouri,United States"},
    {"Winston Salem, NC", LOC_OK, "Winston-Salem,North Carolina,United States"},
    {"Washington, DC", LOC_OK, "Washington,District of Columbia,United States"},
    /* unknown: refused with the nearest city first */
    {"Austn,Texas,United States", LOC_UNKNOWN, "Austin,Texas,United States"},
    {"Austn, TX", LOC_UNKNOWN, "Austin,Texas,United States"},
    {"Huston,Texas,United States", LOC_UNKNOWN, "Houston,Texas,United States"},
    {"Austin, CA", LOC_UNKNOWN, "Tustin,California,United States"},
    {"Austin,Texsa,United States", LOC_UNKNOWN, "Austin,Texas,United States"},
    {"Austin,Texas,United States,Travis", LOC_UNKNOWN, "Austin,Texas,United States"},
    {"Qwxzzkj", LOC_UNKNOWN, NULL},
    {"", LOC_UNKNOWN, NULL},
    {" , , ", LOC_UNKNOWN, NULL},
    {"United States", LOC_UNKNOWN, NULL},
    /* a city name without a state, in several states */
    {"Springfield", LOC_AMBIGUOUS, "Springfield,Missouri,United States"},
    {"Austin", LOC_AMBIGUOUS, "Austin,Texas,United States"},
    {"springfield united states", LOC_AMBIGUOUS, "Springfield,Missouri,United States"},
    {"Springfield, IL", LOC_OK, "Springfield,Illinois,United States"},
};

static void test_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct loc_match m;
        enum loc_kind k = loc_resolve(ld.ix, cases[i].in, &m);
        char *got = NULL;
        if (k == LOC_OK)
            got = research_city_location(m.city);
        else if (m.n_cand)
            got = research_city_location(m.cand[0]);
        if (k != cases[i].kind || !util_streq(got, cases[i].want))
            fail_msg("'%s': kind %d '%s', want %d '%s'", cases[i].in, (int)k, got ? got : "(none)",
                     (int)cases[i].kind, cases[i].want ? cases[i].want : "(none)");
        if (k == LOC_AMBIGUOUS) /* every candidate has the name, largest first */
            for (size_t j = 1; j < m.n_cand; j++) {
                assert_true(m.cand[j]->population <= m.cand[j - 1]->population);
                assert_string_equal(m.cand[j]->name, m.cand[0]->name);
            }
        if (k == LOC_UNKNOWN)
            assert_true(m.n_cand <= LOC_SUGGEST);
        free(got);
        loc_match_release(&m);
    }
}

static void test_ambiguous_lists_all(void **state)
{
    (void)state;
    struct loc_match m;
    assert_int_equal(loc_resolve(ld.ix, "Springfield", &m), LOC_AMBIGUOUS);
    assert_true(m.n_cand >= 5); /* MO, MA, IL, OR, OH at least */
    loc_match_release(&m);
}

/* Every location of the demo's keywords is already canonical. */
static void test_demo_resolves(void **state)
{
    (void)state;
    char *buf;
    size_t len;
    assert_int_equal(util_read_file("keywords/demo.csv", 1 << 20, &buf, &len), 0);
    struct csv_reader r;
    struct csv_row row = CSV_ROW_INIT;
    csv_reader_init(&r, buf, len, ',');
    assert_int_equal(csv_read_row(&r, &row), 1);
    int loc = -1;
    for (size_t i = 0; i < row.n; i++)
        if (strcmp(row.field[i], "location") == 0)
            loc = (int)i;
    assert_true(loc >= 0);
    int rows = 0;
    while (csv_read_row(&r, &row) == 1) {
        if ((size_t)loc >= row.n || !*row.field[loc])
            continue;
        struct loc_match m;
        assert_int_equal(loc_resolve(ld.ix, row.field[loc], &m), LOC_OK);
        char *c = research_city_location(m.city);
        assert_string_equal(c, row.field[loc]);
        free(c);
        loc_match_release(&m);
        rows++;
    }
    assert_true(rows > 0);
    csv_row_release(&row);
    free(buf);
}

static void test_search(void **state)
{
    (void)state;
    const struct research_city **v;
    long n = loc_search(ld.ix, "austin", NULL, 10, &v);
    assert_true(n >= 2);
    assert_string_equal(v[0]->name, "Austin");
    assert_string_equal(v[0]->code, "TX");
    assert_string_equal(v[1]->name, "Austin");
    assert_string_equal(v[1]->code, "MN");
    free(v);
    n = loc_search(ld.ix, "san", "TX", 3, &v); /* prefix, in the state, largest first */
    assert_int_equal(n, 3);
    assert_string_equal(v[0]->name, "San Antonio");
    for (long i = 0; i < n; i++)
        assert_string_equal(v[i]->code, "TX");
    free(v);
    n = loc_search(ld.ix, "", "Texas", 2, &v);
    assert_int_equal(n, 2);
    assert_string_equal(v[0]->name, "Houston");
    free(v);
    n = loc_search(ld.ix, "Austin, TX", NULL, 10, &v);
    assert_int_equal(n, 1);
    free(v);
    assert_int_equal(loc_search(ld.ix, "x", "Narnia", 10, &v), -1);
    free(v);
}

static void test_helpers(void **state)
{
    (void)state;
    assert_string_equal(loc_state_name("tx"), "Texas");
    assert_string_equal(loc_state_name(" north  CAROLINA "), "North Carolina");
    assert_string_equal(loc_state_name("DC"), "District of Columbia");
    assert_null(loc_state_name("Texass"));
    assert_null(loc_state_name(NULL));
    assert_int_equal(loc_distance("austn", "austin", 3), 1);
    assert_int_equal(loc_distance("kitten", "sitting", 5), 3);
    assert_int_equal(loc_distance("a", "abcdefgh", 2), 3); /* stops past max */
    assert_int_equal(loc_distance("", "", 0), 0);
}

/* Real city data: every US place of 10,000 people or more is thousands of
 * rows, every state present, largest first. */
static void test_data(void **state)
{
    (void)state;
    const struct research_data *d = &ld.d;
    assert_true(d->n_cities > 4000);
    for (size_t i = 1; i < d->n_cities; i++) {
        assert_true(d->cities[i].population <= d->cities[i - 1].population);
        assert_true(d->cities[i].population >= 10000);
    }
    const char *codes[] = {"AK", "VT", "WY", "DC", "HI", "ND"};
    for (size_t c = 0; c < ARRAY_SIZE(codes); c++) {
        const struct research_city **v;
        long n = loc_search(ld.ix, "", codes[c], 1, &v);
        free(v);
        assert_int_equal(n, 1);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),         cmocka_unit_test(test_ambiguous_lists_all),
        cmocka_unit_test(test_demo_resolves), cmocka_unit_test(test_search),
        cmocka_unit_test(test_helpers),       cmocka_unit_test(test_data),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
