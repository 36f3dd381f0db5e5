/* test_expand.c - the expand grammar and the intent filter over the
 * shipped data (run from the checkout, as tests/run.sh does): every niche
 * x service term x modifier of keywords/ is expanded and each query is
 * checked against the rules of keywords/README.md (no service word
 * stacked, no modifier repeating the head, positions as declared), plus
 * the whole-word intent matcher and the parsers' errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "research.h"
#include "util.h"

/* Words that name a job or who does it: a query may hold one job word, and
 * a trade word ("plumber", "contractor") never comes before a job word. */
static const char *const jobw[] = {"repair", "replacement", "installation", "cleaning",
                                   "removal", "treatment", "upgrade", "inspection", NULL};
static const char *const tradew[] = {"plumber", "roofer", "electrician", "contractor",
                                     "company", "services", "service", "exterminator",
                                     "locksmith", NULL};

static int in(const char *const *l, const char *w)
{
    for (; *l; l++)
        if (strcmp(*l, w) == 0)
            return 1;
    return 0;
}

/* Splits a copy of s on spaces into w (at most 32 words). */
static int words(const char *s, char *buf, size_t cap, char **w)
{
    snprintf(buf, cap, "%s", s);
    int n = 0;
    char *save = NULL;
    for (char *t = strtok_r(buf, " ", &save); t && n < 32; t = strtok_r(NULL, " ", &save))
        w[n++] = t;
    return n;
}

static void load_shipped(struct research_data *d)
{
    memset(d, 0, sizeof(*d));
    assert_int_equal(research_data_load(d, "keywords",
                                        RESEARCH_NICHES | RESEARCH_MODS | RESEARCH_INTENTS),
                     0);
    assert_true(d->n_niches >= 20);
    assert_true(d->n_mods >= 15);
    assert_true(d->n_intents >= 20);
}

/* The three natural head patterns and one query per fitting modifier, for
 * every niche and service term of the shipped files. */
static void test_shipped_grammar(void **state)
{
    (void)state;
    struct research_data d;
    load_shipped(&d);
    struct research_city austin = {.name = "Austin", .state = "Texas", .code = "TX"};
    const struct research_city *cities[] = {&austin};
    const struct research_modifier **mods = calloc(d.n_mods, sizeof(*mods));
    for (size_t i = 0; i < d.n_mods; i++)
        mods[i] = &d.mods[i];
    size_t checked = 0, standalone = 0;
    for (size_t ni = 0; ni < d.n_niches; ni++) {
        struct research_niche *nc = &d.niches[ni];
        for (size_t s = 0; s < nc->n_services; s++) {
            /* one service term at a time, so each query's head is known */
            struct research_niche one = *nc;
            one.services = &nc->services[s];
            one.n_services = 1;
            struct research_expand x = {&one, 0, cities, 1, mods, d.n_mods};
            struct research_kw *kw;
            size_t n;
            research_expand_run(&x, &kw, &n);
            const char *sv = nc->services[s];
            char want[256];
            snprintf(want, sizeof want, "%s austin", sv);
            assert_true(n >= 3);
            assert_string_equal(kw[0].query, want);
            snprintf(want, sizeof want, "%s in austin tx", sv);
            assert_string_equal(kw[1].query, want);
            snprintf(want, sizeof want, "austin %s", sv);
            assert_string_equal(kw[2].query, want);
            for (size_t i = 0; i < n; i++) {
                char buf[512], *w[32];
                int nw = words(kw[i].query, buf, sizeof buf, w);
                int jobs = 0, trade_at = -1;
                for (int k = 0; k < nw; k++) {
                    /* no word twice ("roofing contractor austin contractor") */
                    for (int j = 0; j < k; j++)
                        if (strcmp(w[j], w[k]) == 0)
                            fail_msg("'%s' repeats '%s'", kw[i].query, w[k]);
                    if (in(jobw, w[k])) {
                        jobs++;
                        if (trade_at >= 0)
                            fail_msg("'%s': a job word after a trade word", kw[i].query);
                    }
                    if (in(tradew, w[k]) && trade_at < 0)
                        trade_at = k;
                }
                if (jobs > 1)
                    fail_msg("'%s' stacks %d job words", kw[i].query, jobs);
                /* a suffix never follows "near me": standalone replaces the city */
                if (strstr(kw[i].query, "near me")) {
                    assert_null(strstr(kw[i].query, "austin"));
                    standalone++;
                }
                /* the service term is kept whole, in one place */
                assert_non_null(strstr(kw[i].query, sv));
                assert_ptr_equal(kw[i].city, &austin);
                checked++;
            }
            research_kw_free(kw, n);
        }
    }
    assert_true(checked > 1000);
    assert_true(standalone >= d.n_niches);
    free(mods);
    research_data_release(&d);
}

static void test_modifier_fits(void **state)
{
    (void)state;
    struct research_data d = {0};
    const char m[] = "modifier,intent,position,fits\n"
                     "repair,service,infix,work|system\n"
                     "contractor,commercial,infix,work|system\n"
                     "emergency,urgent,prefix,trade|work|system|job\n"
                     "near me,local,standalone,any\n"
                     "cost,price,suffix,activity|work|system|job|care\n";
    assert_int_equal(research_mods_parse(&d, m, strlen(m), "m"), 0);
    assert_int_equal(d.n_mods, 5);
    const struct research_modifier *repair = &d.mods[0], *contractor = &d.mods[1],
                                   *emergency = &d.mods[2], *near = &d.mods[3],
                                   *cost = &d.mods[4];
    assert_int_equal(near->pos, RESEARCH_STANDALONE);
    assert_int_equal(repair->pos, RESEARCH_INFIX);
    assert_true(emergency->prefix && emergency->urgent);
    assert_int_equal(research_term_class("plumber"), RESEARCH_TERM_TRADE);
    assert_int_equal(research_term_class("roofing contractor"), RESEARCH_TERM_TRADE);
    assert_int_equal(research_term_class("plumbing"), RESEARCH_TERM_WORK);
    assert_int_equal(research_term_class("water heater repair"), RESEARCH_TERM_JOB);
    assert_int_equal(research_term_class("wood fence"), RESEARCH_TERM_SYSTEM);
    assert_int_equal(research_term_class("towing"), RESEARCH_TERM_ACTIVITY);
    assert_int_equal(research_term_class("dental implants"), RESEARCH_TERM_CARE);
    assert_true(research_modifier_fits(repair, "plumbing"));
    assert_false(research_modifier_fits(repair, "water heater repair")); /* stacked */
    assert_false(research_modifier_fits(repair, "ac repair"));
    assert_false(research_modifier_fits(repair, "plumber"));
    assert_false(research_modifier_fits(contractor, "roofing contractor")); /* repeats */
    assert_true(research_modifier_fits(emergency, "plumber"));
    assert_false(research_modifier_fits(emergency, "emergency dentist"));
    assert_false(research_modifier_fits(emergency, "emergency towing"));
    assert_false(research_modifier_fits(emergency, "roof replacement")); /* planned */
    assert_false(research_modifier_fits(emergency, "painter"));          /* not urgent */
    assert_true(research_modifier_fits(cost, "drain cleaning"));
    assert_false(research_modifier_fits(cost, "plumber"));
    research_data_release(&d);
}

static void test_mods_errors(void **state)
{
    (void)state;
    struct research_data d = {0};
    const char pos[] = "modifier,intent,position,fits\nnear me,local,beside,any\n";
    assert_int_equal(research_mods_parse(&d, pos, strlen(pos), "m"), -1);
    const char fits[] = "modifier,intent,position,fits\ncost,price,suffix,trade|gadget\n";
    assert_int_equal(research_mods_parse(&d, fits, strlen(fits), "m"), -1);
    const char empty[] = "modifier,intent,position,fits\ncost,price,suffix,\n";
    assert_int_equal(research_mods_parse(&d, empty, strlen(empty), "m"), -1);
    /* an older file without fits: every term fits */
    const char old[] = "modifier,intent,position\ncost,price,suffix\n";
    assert_int_equal(research_mods_parse(&d, old, strlen(old), "m"), 0);
    assert_int_equal(d.mods[0].fits, RESEARCH_TERM_ALL);
    research_data_release(&d);
    const char in[] = "term,intent,reason\n,job,empty\n";
    assert_int_equal(research_intents_parse(&d, in, strlen(in), "i"), -1);
    research_data_release(&d);
    /* punctuation only: no words to match, refused rather than matching all */
    const char dash[] = "term,intent,reason\nsalary,job,ok\n--,job,dashes\n";
    assert_int_equal(research_intents_parse(&d, dash, strlen(dash), "i"), -1);
    assert_int_equal(d.n_intents, 1);
    research_data_release(&d);
}

static void test_intents(void **state)
{
    (void)state;
    struct research_data d;
    load_shipped(&d);
    static const char *const drop[] = {
        "plumber round rock salary", "plumber jobs austin", "how to become an electrician",
        "plumber license texas", "roofer apprenticeship", "diy drain cleaning",
        "how to fix a leaky faucet", "electrician school near me", "plumber hiring",
        "hvac certification", "ac repair youtube", "Plumber Salary"};
    static const char *const keep[] = {
        "licensed plumber austin", "emergency plumber austin", "plumber near me",
        "certified electrician dallas", "plumbing company", "roofer austin reviews",
        "jobsite cleanup", "paying for a plumber", "drain cleaning cost",
        "payne plumbing austin"};
    for (size_t i = 0; i < ARRAY_SIZE(drop); i++)
        if (!research_intent_of(&d, drop[i]))
            fail_msg("'%s' was kept", drop[i]);
    for (size_t i = 0; i < ARRAY_SIZE(keep); i++) {
        const struct research_intent *in = research_intent_of(&d, keep[i]);
        if (in)
            fail_msg("'%s' was dropped for '%s'", keep[i], in->term);
    }
    const struct research_intent *s = research_intent_of(&d, "plumber round rock salary");
    assert_string_equal(s->intent, "job");
    struct research_drops dr = {0};
    research_drops_add(&dr, s);
    research_drops_add(&dr, s);
    research_drops_add(&dr, research_intent_of(&d, "diy drain cleaning"));
    char *t = research_drops_text(&dr);
    assert_string_equal(t, "3 non-buyer queries (job 2, diy 1)");
    free(t);
    struct research_drops none = {0};
    assert_null(research_drops_text(&none));
    research_data_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_grammar),
        cmocka_unit_test(test_modifier_fits),
        cmocka_unit_test(test_mods_errors),
        cmocka_unit_test(test_intents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
