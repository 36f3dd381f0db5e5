/* test_research.c - keyword research: expansion patterns, de-duplication
 * and filters, the three autocomplete formats, Keyword Planner (a real
 * UTF-16LE file made here with iconv) and CSV volumes, call-log parsing,
 * competition signals and the opportunity arithmetic, checked by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <iconv.h>
#include <math.h>

#include "ctr.h"
#include "research.h"
#include "track.h"
#include "util.h"

#include "fixture.h"

static const char niches_csv[] =
    "niche,services,lead_value_low,lead_value_high,conversion_hint\n"
    "plumbing,plumber|Plumbing| plumber |drain cleaning,40,120,calls\n"
    "roofing,roofer|roof repair,100,350,\n";

static const char cities_csv[] = "name,state,state_code,population,lat,lon\n"
                                 "Austin,Texas,TX,979882,30.3005,-97.7522\n"
                                 "San Antonio,Texas,TX,1495295,29.4724,-98.5251\n"
                                 "Aurora,Colorado,CO,395052,39.7084,-104.7274\n"
                                 "Aurora,Illinois,IL,179266,41.7635,-88.2901\n";

static const char mods_csv[] = "modifier,intent,position\n"
                               "emergency,urgent,prefix\n"
                               "Near  Me,local,suffix\n";

static const char dirs_txt[] = "# test list\n"
                               "yelp.com directory\n"
                               "angi.com aggregator\n"
                               "bbb.org directory\n"
                               "reddit.com forum\n"
                               "www.facebook.com social\n";

static void load(struct research_data *d)
{
    memset(d, 0, sizeof(*d));
    assert_int_equal(research_niches_parse(d, niches_csv, strlen(niches_csv), "niches"), 0);
    assert_int_equal(research_cities_parse(d, cities_csv, strlen(cities_csv), "cities"), 0);
    assert_int_equal(research_mods_parse(d, mods_csv, strlen(mods_csv), "mods"), 0);
    assert_int_equal(research_dirs_parse(d, dirs_txt, strlen(dirs_txt), "dirs"), 0);
}

static void test_normalise_and_data(void **state)
{
    (void)state;
    char *n = research_normalise("  Plumber \t  AUSTIN\n");
    assert_string_equal(n, "plumber austin");
    free(n);
    struct research_data d;
    load(&d);
    assert_int_equal(d.n_niches, 2);
    /* "plumber" twice (case, spaces) is kept as written; expansion dedups */
    assert_int_equal(d.niches[0].n_services, 4);
    assert_string_equal(d.niches[0].services[1], "plumbing");
    assert_true(d.niches[0].value_low == 40 && d.niches[0].value_high == 120);
    assert_true(research_lead_value(&d.niches[0]) == 80.0);
    assert_true(d.niches[0].searches_per_1000 == 0); /* optional column absent */
    assert_int_equal(d.n_mods, 2);
    assert_string_equal(d.mods[1].text, "near me");
    assert_int_equal(d.mods[1].prefix, 0);
    assert_int_equal(d.n_dirs, 5);
    assert_string_equal(research_directory_kind(&d, "https://www.yelp.com/biz/x"), "directory");
    assert_string_equal(research_directory_kind(&d, "facebook.com"), "social");
    assert_null(research_directory_kind(&d, "yelp.com.evil.io"));
    /* lookups */
    assert_ptr_equal(research_niche_find(&d, "Plumbing"), &d.niches[0]);
    assert_null(research_niche_find(&d, "dentist"));
    assert_ptr_equal(research_city_find(&d, "aurora", "IL"), &d.cities[3]);
    assert_ptr_equal(research_city_find(&d, "Aurora", "Colorado"), &d.cities[2]);
    assert_null(research_city_find(&d, "Austin", "CA"));
    assert_ptr_equal(research_city_of_query(&d, "best plumber in san antonio tx"), &d.cities[1]);
    assert_null(research_city_of_query(&d, "plumber austinville"));
    assert_ptr_equal(research_niche_of_query(&d, "emergency roof repair austin"), &d.niches[1]);
    assert_ptr_equal(research_niche_of_query(&d, "drain cleaning near me"), &d.niches[0]);
    char *loc = research_city_location(&d.cities[0]);
    assert_string_equal(loc, "Austin,Texas,United States");
    free(loc);
    research_data_release(&d);
}

static void test_bad_data(void **state)
{
    (void)state;
    static const char *const bad_niches[] = {
        "niche,services,lead_value_low\nplumbing,plumber,40\n",     /* missing column */
        "niche,services,lead_value_low,lead_value_high\nx,y,50,10\n", /* low > high */
        "niche,services,lead_value_low,lead_value_high\nx,,1,2\n",    /* no services */
        "niche,services,lead_value_low,lead_value_high\nx,y,abc,2\n", /* not a number */
        "",
    };
    for (size_t i = 0; i < ARRAY_SIZE(bad_niches); i++) {
        struct research_data d;
        memset(&d, 0, sizeof(d));
        assert_int_equal(research_niches_parse(&d, bad_niches[i], strlen(bad_niches[i]), "bad"),
                         -1);
        research_data_release(&d);
    }
    struct research_data d;
    memset(&d, 0, sizeof(d));
    const char *c = "niche,services,lead_value_low,lead_value_high,searches_per_1000\nx,y,1,2,2.5\n";
    assert_int_equal(research_niches_parse(&d, c, strlen(c), "ok"), 0);
    assert_true(d.niches[0].searches_per_1000 == 2.5);
    research_data_release(&d);
    c = "niche,services,lead_value_low,lead_value_high,searches_per_1000\nx,y,1,2,lots\n";
    assert_int_equal(research_niches_parse(&d, c, strlen(c), "bad"), -1);
    research_data_release(&d);
    c = "name,state,state_code,population,lat,lon\nX,Y,ZZ,-5,1,2\n";
    assert_int_equal(research_cities_parse(&d, c, strlen(c), "bad"), -1);
    c = "name,state,state_code,population,lat,lon\nX,Y,ZZ,5,100,2\n";
    assert_int_equal(research_cities_parse(&d, c, strlen(c), "bad"), -1);
    c = "modifier,intent,position\nx,y,middle\n";
    assert_int_equal(research_mods_parse(&d, c, strlen(c), "bad"), -1);
    c = "not a domain at all\n";
    assert_int_equal(research_dirs_parse(&d, c, strlen(c), "bad"), -1);
    research_data_release(&d);
}

static void test_expand(void **state)
{
    (void)state;
    struct research_data d;
    load(&d);
    const struct research_city *cities[] = {&d.cities[0]};
    const struct research_modifier *mods[] = {&d.mods[0], &d.mods[1]};
    struct research_expand x = {&d.niches[0], 0, cities, 1, mods, 2};
    struct research_kw *kw;
    size_t n;
    research_expand_run(&x, &kw, &n);
    static const char *const want[] = {"plumber austin", "plumber in austin tx", "austin plumber",
                                       "emergency plumber austin", "plumber austin near me"};
    assert_int_equal(n, ARRAY_SIZE(want));
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(kw[i].query, want[i]);
        assert_ptr_equal(kw[i].city, &d.cities[0]);
    }
    research_kw_free(kw, n);

    /* every service term: plumber, plumbing, plumber (dup), drain cleaning
     * -> 3 distinct terms x 5 patterns = 15, the duplicate term adds none */
    x.all_services = 1;
    research_expand_run(&x, &kw, &n);
    assert_int_equal(n, 15);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            assert_string_not_equal(kw[i].query, kw[j].query);
    research_kw_free(kw, n);

    /* two cities, no modifiers: 3 patterns each; multi-word city lower-cased */
    const struct research_city *two[] = {&d.cities[1], &d.cities[0]};
    struct research_expand y = {&d.niches[1], 0, two, 2, NULL, 0};
    research_expand_run(&y, &kw, &n);
    assert_int_equal(n, 6);
    assert_string_equal(kw[0].query, "roofer san antonio");
    assert_string_equal(kw[1].query, "roofer in san antonio tx");
    assert_string_equal(kw[2].query, "san antonio roofer");
    assert_string_equal(kw[3].query, "roofer austin");
    research_kw_free(kw, n);
    research_data_release(&d);
}

/* --- autocomplete ---------------------------------------------------------- */
static void test_suggest_formats(void **state)
{
    (void)state;
    struct research_list l = RESEARCH_LIST_INIT;
    const char *xml = "<?xml version=\"1.0\"?><toplevel>"
                      "<CompleteSuggestion><suggestion data=\"plumber austin\"/></CompleteSuggestion>"
                      "<CompleteSuggestion><suggestion data=\"Plumber Austin TX\"/></CompleteSuggestion>"
                      "<CompleteSuggestion><suggestion data=\"plumber austin &amp; co\"/></CompleteSuggestion>"
                      "<CompleteSuggestion><suggestion data=\"plumber  austin\"/></CompleteSuggestion>"
                      "</toplevel>";
    assert_int_equal(research_suggest_parse(SERP_GOOGLE, xml, strlen(xml), &l), 3);
    assert_string_equal(l.v[0], "plumber austin");
    assert_string_equal(l.v[1], "plumber austin tx");
    assert_string_equal(l.v[2], "plumber austin & co");
    research_list_release(&l);

    const char *bing = "[\"roofer dallas\",[\"roofer dallas tx\",\"roofer dallas reviews\",\"\"]]";
    assert_int_equal(research_suggest_parse(SERP_BING, bing, strlen(bing), &l), 2);
    assert_string_equal(l.v[1], "roofer dallas reviews");
    research_list_release(&l);

    const char *ddg = "[\"hvac\",[\"hvac repair\",\"hvac near me\"],[],[]]";
    assert_int_equal(research_suggest_parse(SERP_DUCKDUCKGO, ddg, strlen(ddg), &l), 2);
    const char *ddg2 = "[{\"phrase\":\"hvac repair\"},{\"phrase\":\"hvac cost\"}]";
    assert_int_equal(research_suggest_parse(SERP_DUCKDUCKGO, ddg2, strlen(ddg2), &l), 1);
    assert_int_equal(l.n, 3);
    research_list_release(&l);

    /* hostile and wrong answers: -1, nothing added, no crash */
    static const char *const bad[] = {
        "<html><body>captcha</body></html>", "<toplevel><CompleteSuggestion>", "{\"a\":1}",
        "[\"x\", 5]", "", "\x00\x01\x02",
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><toplevel>&e;</toplevel>",
    };
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        int rg = research_suggest_parse(SERP_GOOGLE, bad[i], strlen(bad[i]), &l);
        int rb = research_suggest_parse(SERP_BING, bad[i], strlen(bad[i]), &l);
        assert_true(rg <= 0 && rb < 0);
    }
    assert_int_equal(l.n, 0);
    assert_int_equal(research_suggest_parse(SERP_ENGINE_UNKNOWN, bing, strlen(bing), &l), -1);
    research_list_release(&l);
}

/* --- search volumes -------------------------------------------------------- */
struct vol_rows {
    struct store_volume v[8];
    int n;
};

static int vol_cb(const struct store_volume *v, void *arg)
{
    struct vol_rows *r = arg;
    if (r->n < 8) {
        r->v[r->n] = *v;
        r->v[r->n].query = xstrdup(v->query);
        r->v[r->n].source = xstrdup(v->source);
        r->n++;
    }
    return 0;
}

static void vol_release(struct vol_rows *r)
{
    for (int i = 0; i < r->n; i++) {
        free(r->v[i].query);
        free(r->v[i].source);
    }
    r->n = 0;
}

/* UTF-8 to UTF-16LE with a BOM, as Keyword Planner writes its exports. */
static char *to_utf16le(const char *s, size_t *out_len)
{
    iconv_t cd = iconv_open("UTF-16LE", "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t inleft = strlen(s), cap = inleft * 4 + 2, left = cap - 2;
    char *out = xmalloc(cap), *op = out + 2;
    out[0] = (char)0xFF;
    out[1] = (char)0xFE;
    char *in = (char *)s;
    assert_true(iconv(cd, &in, &inleft, &op, &left) != (size_t)-1);
    iconv_close(cd);
    *out_len = (size_t)(op - out);
    return out;
}

static void test_volume_keyword_planner(void **state)
{
    (void)state;
    const char *tsv = "Keyword Stats 2026-11-25 at 10_00_00\n"
                      "November 1, 2025 - October 31, 2026\n"
                      "Keyword\tCurrency\tAvg. monthly searches\tThree month change\tCompetition\t"
                      "Competition (indexed value)\tTop of page bid (low range)\t"
                      "Top of page bid (high range)\n"
                      "Plumber Austin\tUSD\t2,900\t0%\tHigh\t78\t12.50\t45.10\n"
                      "emergency plumber austin\tUSD\t480\t0%\tMedium\t\t20.00\t60.00\n"
                      "plombier \xc3\xa0 austin\tUSD\t1K \xe2\x80\x93 10K\t\tLow\t\t\t\n";
    size_t len;
    char *u16 = to_utf16le(tsv, &len);
    struct vol_rows r = {.n = 0};
    assert_int_equal(research_volume_parse(u16, len, "kp.csv", vol_cb, &r), 3);
    assert_string_equal(r.v[0].query, "plumber austin");
    assert_string_equal(r.v[0].source, "keyword-planner");
    assert_int_equal(r.v[0].volume, 2900);
    /* indexed competition 78 -> 0.78; cpc = (12.50 + 45.10) / 2 = 28.80 */
    assert_true(r.v[0].competition > 0.779 && r.v[0].competition < 0.781);
    assert_true(r.v[0].cpc > 28.79 && r.v[0].cpc < 28.81);
    /* no index: "Medium" -> 0.5; cpc (20 + 60) / 2 = 40 */
    assert_int_equal(r.v[1].volume, 480);
    assert_true(r.v[1].competition == 0.5 && r.v[1].cpc == 40.0);
    /* non-ASCII survives the conversion; a range "1K – 10K" -> its lower bound */
    assert_string_equal(r.v[2].query, "plombier \xc3\xa0 austin");
    assert_int_equal(r.v[2].volume, 1000);
    assert_true(r.v[2].cpc < 0 && r.v[2].competition == 0.2);
    vol_release(&r);

    /* a truncated UTF-16 file (odd length) is an error, not garbage */
    assert_int_equal(research_volume_parse(u16, len - 1, "cut.csv", vol_cb, &r), -1);
    /* a bad number in the export names its line: line 5 */
    free(u16);
    const char *bad = "x\ny\nKeyword\tAvg. monthly searches\nok\t10\nbad\tlots\n";
    u16 = to_utf16le(bad, &len);
    assert_int_equal(research_volume_parse(u16, len, "bad.csv", vol_cb, &r), -1);
    vol_release(&r);
    free(u16);
}

static void test_volume_csv(void **state)
{
    (void)state;
    struct vol_rows r = {.n = 0};
    const char *csv = "keyword,volume,cpc,competition\nroofer dallas,1000,51.30,0.74\n"
                      "\"roofer, dallas tx\",90,,\n";
    assert_int_equal(research_volume_parse(csv, strlen(csv), "v.csv", vol_cb, &r), 2);
    assert_string_equal(r.v[0].source, "csv");
    assert_int_equal(r.v[0].volume, 1000);
    assert_true(r.v[0].cpc == 51.30 && r.v[0].competition == 0.74);
    assert_string_equal(r.v[1].query, "roofer, dallas tx");
    assert_true(r.v[1].cpc < 0 && r.v[1].competition < 0);
    vol_release(&r);
    const char *bare = "plumber austin,2900\nplumber dallas,3600,41.2\n";
    assert_int_equal(research_volume_parse(bare, strlen(bare), "b.csv", vol_cb, &r), 2);
    assert_int_equal(r.v[1].volume, 3600);
    assert_true(r.v[1].cpc == 41.2);
    vol_release(&r);
    static const char *const bad[] = {
        "just some text\n",
        "keyword,volume\nfoo,abc\n",
        "a,b\nc,d\n",
        "keyword,volume\nfoo,10,1,7\n", /* competition 7 -> 0.07 is fine: check below */
        "\xff\xfe\x41",                 /* odd UTF-16 */
        "keyword,volume\nfoo,-5\n",
        "\x80\x81\x82,\x83\n",
    };
    long want[] = {-1, -1, -1, 1, -1, -1, -1};
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        assert_int_equal(research_volume_parse(bad[i], strlen(bad[i]), "bad.csv", vol_cb, &r),
                         want[i]);
        vol_release(&r);
    }
}

/* --- call logs ----------------------------------------------------------- */
struct call_rows {
    struct research_call c[8];
    int n;
};

static int call_cb(const struct research_call *c, void *arg)
{
    struct call_rows *r = arg;
    if (r->n < 8) {
        r->c[r->n] = *c;
        r->c[r->n].caller = xstrdup(c->caller);
        r->c[r->n].tracking = xstrdup(c->tracking);
        r->c[r->n].source = xstrdup(c->source);
        r->c[r->n].site = xstrdup(c->site);
        r->c[r->n].ext_id = xstrdup(c->ext_id);
        r->n++;
    }
    return 0;
}

static void calls_release(struct call_rows *r)
{
    for (int i = 0; i < r->n; i++) {
        free(r->c[i].caller);
        free(r->c[i].tracking);
        free(r->c[i].source);
        free(r->c[i].site);
        free(r->c[i].ext_id);
    }
    r->n = 0;
}

static void test_calls(void **state)
{
    (void)state;
    assert_int_equal(research_parse_duration("95"), 95);
    assert_int_equal(research_parse_duration("1:35"), 95);
    assert_int_equal(research_parse_duration("01:01:35"), 3695);
    assert_int_equal(research_parse_duration("95s"), 95);
    assert_int_equal(research_parse_duration("1:75"), -1);
    assert_int_equal(research_parse_duration("abc"), -1);
    assert_int_equal(research_parse_duration(""), -1);
    time_t t;
    assert_int_equal(research_parse_call_time("2026-11-20 09:15 PM", &t), 0);
    assert_int_equal(t, 1795209300); /* 2026-11-20T21:15:00Z */
    assert_int_equal(research_parse_call_time("11/20/2026 9:15:00 AM", &t), 0);
    assert_int_equal(t, 1795166100); /* 2026-11-20T09:15:00Z */
    assert_int_equal(research_parse_call_time("2026-11-20 09:15:00 -0600", &t), 0);
    assert_int_equal(t, 1795166100 + 6 * 3600);
    assert_int_equal(research_parse_call_time("2026-11-20T09:15:00Z", &t), 0);
    assert_int_equal(research_parse_call_time("yesterday", &t), -1);
    assert_int_equal(research_parse_call_time("13/45/2026", &t), -1);
    char key[11];
    assert_string_equal(research_phone_key("+1 (512) 555-0199", key), "5125550199");
    assert_null(research_phone_key("12-34", key));

    const char *csv = "Call Id,Start Time,Duration,Customer Phone Number,Tracking Number,Source\n"
                      "C1,2026-11-20 09:15 AM,1:35,(512) 555-0101,+1 (512) 555-0199,Google Organic\n"
                      "C2,2026-11-20 10:00 AM,12,(512) 555-0102,512-555-0199,\n";
    struct call_rows r = {.n = 0};
    assert_int_equal(research_calls_parse(csv, strlen(csv), "calls.csv", NULL, call_cb, &r), 2);
    assert_int_equal(r.c[0].duration, 95);
    assert_int_equal(r.c[0].called_at, 1795166100);
    assert_string_equal(r.c[0].tracking, "5125550199");
    assert_string_equal(r.c[0].source, "Google Organic");
    assert_string_equal(r.c[0].ext_id, "C1");
    assert_string_equal(r.c[1].source, "5125550199"); /* no source: the tracking number */
    calls_release(&r);

    /* another layout through --map, a site column instead of numbers */
    const char *other = "when,secs,who,web\n2026-11-21 08:00:00,300,x,https://www.dallasroofingexperts.com/\n";
    const char *map[] = {"time=when", "duration=secs", "caller=who", "site=web", NULL};
    assert_int_equal(research_calls_parse(other, strlen(other), "o.csv", map, call_cb, &r), 1);
    assert_string_equal(r.c[0].site, "dallasroofingexperts.com");
    assert_int_equal(r.c[0].duration, 300);
    calls_release(&r);
    /* without --map it is a clear error; a bad map too; a bad row fails */
    assert_int_equal(research_calls_parse(other, strlen(other), "o.csv", NULL, call_cb, &r), -1);
    const char *badmap[] = {"colour=when", NULL};
    assert_int_equal(research_calls_parse(other, strlen(other), "o.csv", badmap, call_cb, &r), -1);
    const char *badrow = "Start Time,Duration,Tracking Number\nnot a time,5,5125550199\n";
    assert_int_equal(research_calls_parse(badrow, strlen(badrow), "b.csv", NULL, call_cb, &r), -1);
    calls_release(&r);
}

/* --- competition and scoring ----------------------------------------------- */
static void add_org(struct serp_page *p, const char *domain)
{
    GROW(p->organic, p->cap_organic, p->n_organic + 1);
    struct serp_organic *o = &p->organic[p->n_organic++];
    memset(o, 0, sizeof(*o));
    o->position = (int)p->n_organic;
    o->domain = (char *)domain;
}

static void test_competition(void **state)
{
    (void)state;
    struct research_data d;
    load(&d);
    struct serp_page p;
    memset(&p, 0, sizeof(p));
    static const char *const doms[] = {
        "yelp.com",        "angi.com",     "reddit.com", "austin-plumbing-pros.com",
        "bestplumber.com", "austinhomes.com", "acme.com", "bbb.org",
        "facebook.com",    "foo.com",      "page-two.com",
    };
    for (size_t i = 0; i < ARRAY_SIZE(doms); i++)
        add_org(&p, doms[i]);
    struct serp_ad ads[2];
    memset(ads, 0, sizeof(ads));
    p.ads = ads;
    p.n_ads = 2;
    struct serp_local loc[3];
    memset(loc, 0, sizeof(loc));
    loc[0].reviews = 100, loc[1].reviews = 200, loc[2].reviews = 150;
    p.local = loc;
    p.n_local = 3;
    p.features = SERP_F_LOCAL_PACK | SERP_F_ADS_TOP;
    struct research_competition c;
    research_competition_of(&d, &p, &d.niches[0], &d.cities[0], &c);
    assert_int_equal(c.n_organic, 10);     /* position 11 is not looked at */
    assert_int_equal(c.directories, 3);    /* yelp, angi, bbb */
    assert_int_equal(c.forums, 2);         /* reddit, facebook */
    assert_int_equal(c.exact_match, 1);    /* austin + plumbing */
    assert_int_equal(c.partial_match, 2);  /* bestplumber, austinhomes */
    assert_int_equal(c.local_pack, 1);
    assert_int_equal(c.businesses, 3);
    assert_int_equal(c.reviews, 450);
    assert_int_equal(c.ads, 2);
    /* strong = (10-3-2)/10 = 0.5; emd 1/2; pmd 2/4; ads 2/4; pack 450/600 = 0.75
     * c = 0.35*0.5 + 0.20*0.5 + 0.10*0.5 + 0.15*0.5 + 0.20*0.75
     *   = 0.175 + 0.100 + 0.050 + 0.075 + 0.150 = 0.55 */
    assert_true(c.score > 0.5499 && c.score < 0.5501);
    struct research_competition_terms t = research_competition_terms_of(&c);
    assert_true(fabs(t.strong - 0.5) < 1e-9 && fabs(t.emd - 0.5) < 1e-9);
    assert_true(fabs(t.pmd - 0.5) < 1e-9 && fabs(t.ads - 0.5) < 1e-9);
    assert_true(fabs(t.pack - 0.75) < 1e-9);
    free(p.organic);
    assert_true(research_domain_has("austin-plumbing-pros.com", "plumbing"));
    assert_true(research_domain_has("sanantonioroofer.com", "san antonio"));
    assert_false(research_domain_has("plumbing.example.com", "austin"));
    /* the one match rule of the table and the counts */
    assert_int_equal(research_domain_match("austin-plumbing-pros.com", &d.niches[0], &d.cities[0]),
                     RESEARCH_EMD);
    assert_int_equal(research_domain_match("bestplumber.com", &d.niches[0], &d.cities[0]),
                     RESEARCH_PMD);
    assert_int_equal(research_domain_match("acme.com", &d.niches[0], &d.cities[0]), 0);
    assert_int_equal(research_domain_match("austinhomes.com", NULL, &d.cities[0]), RESEARCH_PMD);
    assert_int_equal(research_domain_match(NULL, &d.niches[0], &d.cities[0]), 0);
    research_data_release(&d);
}

static void test_ctr_and_score(void **state)
{
    (void)state;
    assert_true(ctr_at(1) == 0.285 && ctr_at(3) == 0.110 && ctr_at(10) == 0.025);
    assert_true(ctr_at(0) == 0 && ctr_at(51) == 0 && ctr_at(-3) == 0);
    for (int p = 1; p < 50; p++)
        assert_true(ctr_at(p) >= ctr_at(p + 1));
    /* plumber austin: 2900 searches, target 3, plumbing $40-$120, 5 %, a
     * stored SERP with no strong domain, pack or ad (reach = the target):
     * visits = 2900 x 0.110 = 319; leads = 319 x 0.05 = 15.95
     * value = score = 15.95 x 80 = 1276 $/month (test_volume_est.c has
     * the competition factors) */
    struct research_score s = {.volume = 2900, .target = 3, .lead_value = 80, .conversion = 0.05,
                               .serp_known = 1};
    research_score_compute(&s);
    assert_int_equal(s.reach, 3);
    assert_true(s.ctr == 0.110);
    assert_true(s.visits > 318.999 && s.visits < 319.001);
    assert_true(s.leads > 15.9499 && s.leads < 15.9501);
    assert_true(s.value > 1275.99 && s.value < 1276.01);
    assert_true(s.score > 1275.99 && s.score < 1276.01);
    /* unknown volume scores 0 */
    struct research_score z = {.volume = -1, .target = 1, .lead_value = 80, .conversion = 0.05};
    research_score_compute(&z);
    assert_true(z.score == 0);
    /* the [value] assumptions: defaults, then config, then nonsense -> defaults */
    struct config cfg;
    config_defaults(&cfg);
    struct research_assumptions a;
    research_assumptions_load(&cfg, &a);
    assert_true(a.conversion == 0.05 && a.share_low == 0.25 && a.share_high == 0.40);
    const char *conf = "[value]\nconversion_rate = 0.08\nrent_share_low = 0.3\nrent_share_high = 0.5\n";
    assert_int_equal(config_parse(&cfg, conf, strlen(conf), "t.conf"), 0);
    research_assumptions_load(&cfg, &a);
    assert_true(a.conversion == 0.08 && a.share_low == 0.3 && a.share_high == 0.5);
    config_release(&cfg);
    config_defaults(&cfg);
    conf = "[value]\nconversion_rate = 3\n";
    assert_int_equal(config_parse(&cfg, conf, strlen(conf), "t.conf"), 0);
    research_assumptions_load(&cfg, &a);
    assert_true(a.conversion == 0.05);
    config_release(&cfg);
}

/* --- value and leads against a real store ------------------------------------ */
struct lead_arg {
    store *st;
    int added, dup;
};

static int lead_cb(const struct research_call *c, void *arg)
{
    struct lead_arg *a = arg;
    struct store_lead l = {.site = "austin-plumbing-pros.com", .called_at = c->called_at,
                           .duration = c->duration, .caller = c->caller, .source = c->source,
                           .ext_id = c->ext_id};
    int rc = store_lead_add(a->st, &l);
    if (rc < 0)
        return -1;
    rc == 1 ? a->dup++ : a->added++;
    return 0;
}

static long long add_kw(store *st, const char *q, enum serp_engine e)
{
    struct model_keyword k;
    memset(&k, 0, sizeof(k));
    k.query = (char *)q;
    k.engine = e;
    k.location = "Austin,Texas,United States";
    k.site = "austin-plumbing-pros.com";
    model_keyword_defaults(&k);
    long long id;
    assert_true(store_kw_add(st, &k, &id) >= 0);
    return id;
}

static void save_check(store *st, long long kw, enum serp_engine e, const char *const *domains,
                       int n)
{
    struct serp_page p;
    serp_page_init(&p);
    p.engine = e;
    for (int i = 0; i < n; i++) {
        char *url = xasprintf("https://www.%s/", domains[i]);
        serp_add_organic(&p, url, "t", NULL);
        free(url);
    }
    struct model_check c = {.keyword_id = kw, .checked_at = 1793512800, .engine = e,
                            .provider = "direct", .status = MODEL_OK, .http_status = 200,
                            .depth = 10, .requests = 1, .page = &p};
    assert_int_equal(track_check_save(st, &c, NULL), 0);
    serp_page_release(&p);
}

static void test_value_and_leads(void **state)
{
    (void)state;
    char dir[FIXTURE_DIR_LEN], path[FIXTURE_PATH_LEN];
    store *st;
    assert_int_equal(fixture_store_open("test_research", dir, path, &st), 0);
    struct model_site site = {.domain = "austin-plumbing-pros.com", .status = "ranking",
                              .rent = -1, .niche = "plumbing", .phone = "+1 512 555 0199"};
    assert_int_equal(store_site_add(st, &site, NULL), 0);
    long long k1 = add_kw(st, "plumber austin", SERP_GOOGLE);
    long long k2 = add_kw(st, "plumber austin", SERP_BING);
    long long k3 = add_kw(st, "Plumber  Dallas", SERP_GOOGLE);
    static const char *const g[] = {"a.com", "b.com", "austin-plumbing-pros.com"};
    static const char *const b[] = {"austin-plumbing-pros.com", "a.com"};
    static const char *const none[] = {"a.com", "b.com"};
    save_check(st, k1, SERP_GOOGLE, g, 3);
    save_check(st, k2, SERP_BING, b, 2);
    save_check(st, k3, SERP_GOOGLE, none, 2);
    struct store_volume v1 = {.query = "plumber austin", .volume = 2900, .cpc = -1,
                              .competition = -1, .source = "csv"};
    struct store_volume v2 = {.query = "plumber dallas", .volume = 3600, .cpc = -1,
                              .competition = -1, .source = "csv"};
    assert_int_equal(store_volume_set(st, &v1), 0);
    assert_int_equal(store_volume_set(st, &v2), 0);

    struct research_data d;
    load(&d);
    struct config cfg;
    config_defaults(&cfg);
    struct research_site_value v;
    assert_int_equal(research_site_value(st, &cfg, &d, "austin-plumbing-pros.com", 0, 0, &v), 0);
    /* google #3: 2900 x 1    x 0.110 = 319.0 visits
     * bing   #1: 2900 x 0.09 x 0.285 =  74.385
     * dallas: not ranked             =   0
     * visits 393.385; leads x 0.05 = 19.66925; value x $80 = 1573.54
     * rent 25 % = 393.385, 40 % = 629.416 */
    assert_int_equal(v.n_kw, 3);
    assert_int_equal(v.top3, 2);
    assert_int_equal(v.volumes_known, 3);
    assert_true(v.lead_value == 80.0);
    assert_true(fabs(v.visits - 393.385) < 1e-6);
    assert_true(fabs(v.leads - 19.66925) < 1e-6);
    assert_true(fabs(v.value - 1573.54) < 1e-6);
    assert_true(fabs(v.rent_low - 393.385) < 1e-6);
    assert_true(fabs(v.rent_high - 629.416) < 1e-6);
    research_site_value_release(&v);
    /* what-if: dallas at #1 = 3600 x 0.285 = 1026 visits -> 51.3 leads -> $4104 */
    assert_int_equal(research_site_value(st, &cfg, &d, "austin-plumbing-pros.com", k3, 1, &v), 0);
    for (size_t i = 0; i < v.n_kw; i++)
        if (v.kw[i].keyword_id == k3) {
            assert_true(v.kw[i].whatif);
            assert_true(fabs(v.kw[i].visits - 1026.0) < 1e-6);
            assert_true(fabs(v.kw[i].value - 4104.0) < 1e-6);
        }
    research_site_value_release(&v);
    assert_int_equal(research_site_value(st, &cfg, &d, "nosuch.com", 0, 0, &v), -1);

    /* call log: import twice, the second time everything is a duplicate */
    const char *csv = "Call Id,Start Time,Duration,Customer Phone Number,Tracking Number\n"
                      "C1,2026-11-20 09:15 AM,1:35,(512) 555-0101,+1 (512) 555-0199\n"
                      "C2,2026-11-20 10:00 AM,12,(512) 555-0102,512-555-0199\n";
    struct lead_arg a = {st, 0, 0};
    assert_int_equal(research_calls_parse(csv, strlen(csv), "c.csv", NULL, lead_cb, &a), 2);
    assert_int_equal(a.added, 2);
    assert_int_equal(research_calls_parse(csv, strlen(csv), "c.csv", NULL, lead_cb, &a), 2);
    assert_int_equal(a.added, 2);
    assert_int_equal(a.dup, 2);
    /* only the 95 s call is at least 60 s long */
    assert_int_equal(store_lead_count(st, "austin-plumbing-pros.com", 0, 2000000000, 60), 1);
    assert_int_equal(store_lead_count(st, "austin-plumbing-pros.com", 0, 2000000000, 0), 2);

    research_data_release(&d);
    assert_int_equal(fixture_store_close(dir, st), 0);
}

/* One key per place however it is spelled; a two-letter state becomes
 * the state's name, and a list of the longest names does not overrun
 * (ASan: the key was sized for a few replacements). */
static void test_location_key(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"Austin, TX", "austin,texas"},
        {"austin , texas, United States", "austin,texas"},
        {"Washington, DC", "washington,districtofcolumbia"},
        {"TX", "tx"}, /* a city first: only later parts are states */
        {"Paris, FR", "paris,fr"},
        {"", ""},
        {NULL, ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *k = research_location_key(cases[i].in);
        assert_string_equal(k, cases[i].want);
        free(k);
    }
    strbuf in = STRBUF_INIT, want = STRBUF_INIT;
    sb_adds(&in, "x");
    sb_adds(&want, "x");
    for (int i = 0; i < 15; i++) {
        sb_adds(&in, ",dc");
        sb_adds(&want, ",districtofcolumbia");
    }
    char *k = research_location_key(in.buf);
    assert_string_equal(k, want.buf);
    free(k);
    sb_release(&in);
    sb_release(&want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalise_and_data),
        cmocka_unit_test(test_bad_data),
        cmocka_unit_test(test_expand),
        cmocka_unit_test(test_suggest_formats),
        cmocka_unit_test(test_volume_keyword_planner),
        cmocka_unit_test(test_volume_csv),
        cmocka_unit_test(test_calls),
        cmocka_unit_test(test_competition),
        cmocka_unit_test(test_ctr_and_score),
        cmocka_unit_test(test_value_and_leads),
        cmocka_unit_test(test_location_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
