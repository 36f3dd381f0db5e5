/* render.c - result pages in each engine's current markup family (written
 * for the simulator, modelled on real pages' structure): Google (#rso,
 * div.MjjYud > div.g, h3.LC20lb, div.VwiC3b, #tads/#bottomads, local pack,
 * People also ask, #result-stats, a#pnnext), Bing (ol#b_results li.b_algo,
 * li.b_ad, .sb_count, a.sb_pagN), DuckDuckGo html (div.result.web-result,
 * a.result__a via //duckduckgo.com/l/?uddg=, result--ad, next-page form),
 * SerpApi-shaped JSON, and each engine's block page. */
#include <stdio.h>
#include <string.h>

#include "sim.h"

#define PER_PAGE 10

static void commas(char *out, size_t n, long long v)
{
    char t[32];
    snprintf(t, sizeof t, "%lld", v);
    size_t len = strlen(t), o = 0;
    for (size_t i = 0; i < len && o + 2 < n; i++) {
        if (i && (len - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = t[i];
    }
    out[o] = '\0';
}

/* A fake but stable tracking token, like Google's data-ved. */
static void ved(struct buf *b, const char *salt, int i)
{
    uint64_t h = sim_hash(salt, (uint64_t)i);
    buf_printf(b, "2ahUKEw%016llx%04x", (unsigned long long)h, (unsigned)(h >> 48));
}

/* --- Google --------------------------------------------------------------- */
static void google_place(struct buf *b, const struct sim_place *pl, int i)
{
    buf_add(b, "<div jscontroller=\"AtSb\" class=\"w7Dbne\"><div class=\"uMdZh tIxNaf rllt__borderless\">"
               "<div class=\"VkpGBb\"><div class=\"cXedhc\"><a class=\"vwVdIc wzN8Ac rllt__link a-no-hover-decoration\" "
               "role=\"link\" tabindex=\"0\" data-cid=\"");
    buf_printf(b, "%llu", (unsigned long long)(sim_hash(pl->name, 4) % 10000000000000000000ULL));
    buf_add(b, "\"><div><div class=\"rllt__details\"><div class=\"dbg0pd\" aria-level=\"3\" role=\"heading\">"
               "<span class=\"OSrXXb\">");
    buf_html(b, pl->name);
    buf_printf(b, "</span></div><div><span class=\"Y0A0hc\"><span class=\"yi40Hd YrbPuc\" aria-hidden=\"true\">%.1f"
                  "</span><span class=\"z3HNkc\" aria-label=\"Rated %.1f out of 5,\" role=\"img\"><span style=\"width:%dpx\">"
                  "</span></span><span class=\"RDApEe YrbPuc\">(%d)</span></span> · ",
               pl->rating, pl->rating, (int)(pl->rating * 14), pl->reviews);
    buf_html(b, pl->category);
    buf_add(b, "</div><div>");
    buf_html(b, pl->address);
    if (pl->phone[0]) {
        buf_add(b, " · ");
        buf_html(b, pl->phone);
    }
    buf_add(b, "</div><div>Open 24 hours</div></div></div></a>");
    if (pl->website[0]) {
        buf_add(b, "<a class=\"yYlJEf Q7PwXb L48Cpd brKmxb\" href=\"");
        buf_html(b, pl->website);
        buf_printf(b, "\" data-ved=\"");
        ved(b, pl->name, i);
        buf_add(b, "\"><div class=\"wLAgVc\"><span class=\"aSAiSd\">Website</span></div></a>");
    }
    buf_add(b, "<a class=\"VByer Q7PwXb\" href=\"/maps/dir//\" role=\"button\"><span>Directions</span></a>"
               "</div></div></div></div>\n");
}

static void google_ad(struct buf *b, const struct sim_hit *h, int i, const char *salt)
{
    buf_printf(b, "<div><div data-ta-slot=\"0\" data-ta-slot-pos=\"%d\" data-text-ad=\"1\" data-hveid=\"CA8QAA\">"
                  "<div class=\"vdQmEd fP1Qef xpd EtOod pkphOe\"><span class=\"U3A9Ac qV8iec\">Sponsored</span>"
                  "<div class=\"v5yQqb VSfPcc\"><a class=\"sVXRqc\" data-pcu=\"", i + 1);
    buf_html(b, h->url);
    buf_add(b, "\" data-rw=\"https://www.googleadservices.com/pagead/aclk?sa=L&amp;ai=");
    ved(b, salt, 900 + i);
    buf_add(b, "&amp;adurl=\" href=\"");
    buf_html(b, h->url);
    buf_add(b, "\"><div class=\"CCgQ5 vCa9Yd QfkTvb N8QANc Va3FIb EE3Upf\" aria-level=\"3\" role=\"heading\"><span>");
    buf_html(b, h->title);
    buf_add(b, "</span></div><div class=\"d8lRkd\"><span class=\"OSrXXb\">");
    buf_html(b, h->domain);
    buf_add(b, "</span><span class=\"x2VHCd OSrXXb nMdasd qzEoUe\">");
    buf_html(b, h->url);
    buf_add(b, "</span></div></a></div><div class=\"p4wth\">");
    buf_html(b, h->snippet);
    buf_add(b, "</div></div></div></div>\n");
}

static void google_organic(struct buf *b, const struct sim_hit *h, int i, const char *salt)
{
    buf_add(b, "<div class=\"MjjYud\"><div jscontroller=\"SC7lYd\" class=\"g Ww4FFb vt6azd tF2Cxc asEBEc\" "
               "lang=\"en\" style=\"width:600px\" data-hveid=\"CB8QAA\" data-ved=\"");
    ved(b, salt, i);
    buf_add(b, "\"><div class=\"N54PNb BToiNc cvP2Ce\"><div class=\"kb0PBd cvP2Ce jGGQ5e\"><div class=\"yuRUbf\">"
               "<div><span jscontroller=\"msmzHf\"><a jsname=\"UWckNb\" href=\"");
    buf_html(b, h->url);
    buf_add(b, "\" data-ved=\"");
    ved(b, salt, i + 500);
    buf_add(b, "\"><br><h3 class=\"LC20lb MBeuO DKV0Md\">");
    buf_html(b, h->title);
    buf_add(b, "</h3><div class=\"notranslate TbwUpd NJjxre iUh30 ojE3Fb\"><div class=\"GTRloc\"><span class=\"VuuXrf\">");
    buf_html(b, h->domain);
    buf_add(b, "</span><div class=\"byrV5b\"><cite class=\"tjvcx GvPZzd cHaqb\" role=\"text\">");
    buf_html(b, h->display);
    buf_add(b, "</cite></div></div></div></a></span></div></div></div>"
               "<div class=\"kb0PBd cvP2Ce\" data-sncf=\"1\"><div class=\"VwiC3b yXK7lf lVm3ye r025kc hJNv6b Hdw6tb\" "
               "style=\"-webkit-line-clamp:2\"><span>");
    buf_html(b, h->snippet);
    buf_add(b, "</span></div></div></div></div></div>\n");
}

static void google_paa(struct buf *b, const struct sim_serp *s)
{
    buf_add(b, "<div class=\"MjjYud\"><div jscontroller=\"Da4hkd\" class=\"cUnQKe\" data-initq=\"");
    buf_html(b, s->query);
    buf_add(b, "\" data-ispaa=\"1\"><div class=\"Wt5Tfe\"><div aria-level=\"2\" role=\"heading\">"
               "<span class=\"mgAbYb OSrXXb RES9jf IFnjPb\">People also ask</span></div><div jsname=\"N760b\">");
    for (int i = 0; i < s->npaa; i++) {
        buf_add(b, "<div class=\"wQiwMc related-question-pair\" data-q=\"");
        buf_html(b, s->paa[i]);
        buf_add(b, "\"><div role=\"button\" tabindex=\"0\" class=\"dnXCYb\" aria-expanded=\"false\"><div class=\"JlqpRe\">"
                   "<span class=\"JCzEY ZwRhJd\"><span class=\"CSkcDe\">");
        buf_html(b, s->paa[i]);
        /* the collapsed answer quotes a page, as real PAA does: not organic */
        buf_add(b, "</span></span></div></div><div class=\"bCOlv\" style=\"display:none\"><div class=\"g\">"
                   "<a href=\"https://www.");
        buf_html(b, i < s->norg ? s->org[s->norg - 1 - i].domain : "example.com");
        buf_add(b, "/faq/\"><h3 class=\"LC20lb\">");
        buf_html(b, s->paa[i]);
        buf_add(b, " - FAQ</h3></a></div></div></div>");
    }
    buf_add(b, "</div></div></div></div>\n");
}

/* The AI overview as 2025 pages carry it (tests/golden/google-2025-ai-
 * overview.html): its own block at the top of #rso headed "AI Overview",
 * a summary, then the sources as a list of cards in citation order. */
static void google_ai(struct buf *b, const struct sim_serp *s)
{
    buf_add(b, "<div class=\"MjjYud\"><block-component><div class=\"YzCcne\" jsname=\"ZLxsqf\">"
               "<div class=\"Fzsovc\"><h1 class=\"VW3apb\"><div class=\"Fzsovc\">AI Overview</div></h1></div>"
               "<div class=\"LT6XE\"><span>");
    buf_html(b, s->query);
    buf_add(b, ": a summary from the sources below.</span></div><ul class=\"zVKf0d\">");
    for (int i = 0; i < s->nai; i++) {
        buf_add(b, "<li class=\"LLtSOc\"><a class=\"KEVENd\" href=\"");
        buf_html(b, s->ai[i].url);
        buf_add(b, "\"><div class=\"Nn35F\" role=\"heading\" aria-level=\"3\">");
        buf_html(b, s->ai[i].title);
        buf_add(b, "</div><span class=\"R0r5R\">");
        buf_html(b, s->ai[i].domain);
        buf_add(b, "</span></a></li>");
    }
    buf_add(b, "</ul><div class=\"Jzkafd\"><a href=\"https://support.google.com/websearch?p=ai_overviews&amp;hl=en\">"
               "Learn more</a></div></div></block-component></div>\n");
}

static void google_head(struct buf *b, const char *query, const char *title_suffix)
{
    buf_add(b, "<!doctype html><html itemscope=\"\" itemtype=\"http://schema.org/SearchResultsPage\" lang=\"en\">"
               "<head><meta charset=\"UTF-8\"><meta content=\"/images/branding/googleg/1x/googleg_standard_color_128dp.png\" "
               "itemprop=\"image\"><title>");
    buf_html(b, query);
    buf_add(b, title_suffix);
    buf_add(b, "</title><style>.LC20lb{display:inline-block;line-height:1.3}#rso{margin:0}</style>"
               "<script nonce=\"sim\">(function(){window.google={kEI:'sim',kEXPI:'0'};})();</script></head>\n");
}

void render_google(struct buf *b, const struct sim_serp *s, const struct params *p, int offset)
{
    const char *q = params_get(p, "q");
    if (!q) q = "";
    char salt[300];
    snprintf(salt, sizeof salt, "g|%s|%d", s->query, offset);
    google_head(b, q, " - Google Search");
    buf_add(b, "<body jsmodel=\"hspDDf\"><div class=\"L3eUgb\"><div id=\"searchform\"><form action=\"/search\" "
               "role=\"search\"><textarea class=\"gLFyf\" name=\"q\" maxlength=\"2048\">");
    buf_html(b, q);
    buf_add(b, "</textarea></form></div>\n<div id=\"appbar\"><div id=\"extabar\"><div id=\"slim_appbar\">"
               "<div id=\"result-stats\">");
    char tot[40];
    commas(tot, sizeof tot, s->total);
    if (s->norg == 0)
        buf_add(b, "");
    else if (offset > 0)
        buf_printf(b, "Page %d of about %s results", offset / PER_PAGE + 1, tot);
    else
        buf_printf(b, "About %s results", tot);
    buf_printf(b, "<nobr> (0.%02d seconds)&nbsp;</nobr></div></div></div></div>\n", 20 + (int)(s->total % 60));
    buf_add(b, "<div id=\"rcnt\"><div class=\"s6JM6d\" id=\"center_col\"><div id=\"res\" role=\"main\">");
    if (s->norg == 0) {
        buf_add(b, "<div id=\"topstuff\"><div class=\"card-section\"><p role=\"heading\">Your search - <b>");
        buf_html(b, q);
        buf_add(b, "</b> - did not match any documents.</p><p>Suggestions:</p><ul><li>Make sure that all words are "
                   "spelled correctly.</li><li>Try different keywords.</li></ul></div></div>\n");
    } else {
        buf_add(b, "<div id=\"topstuff\"></div>\n");
    }
    if (offset == 0 && s->nads_top > 0) {
        buf_add(b, "<div id=\"tvcap\"><div class=\"qGXjvb\" id=\"tads\" aria-label=\"Ads\" role=\"region\">"
                   "<h1 class=\"bNg8Rb OhScic zsYMMe BBwThe\">Ads</h1><div class=\"uEierd\">\n");
        for (int i = 0; i < s->nads_top; i++)
            google_ad(b, &s->ads_top[i], i, salt);
        buf_add(b, "</div></div></div>\n");
    }
    buf_add(b, "<div id=\"search\"><div data-hveid=\"CAMQHA\"><div class=\"dURPMd\" data-async-context=\"query:");
    buf_urlenc(b, q);
    buf_add(b, "\" id=\"rso\">\n");
    if (offset == 0 && s->nai > 0)
        google_ai(b, s);
    if (offset == 0 && s->nplaces > 0) {
        buf_add(b, "<div class=\"MjjYud\"><div jscontroller=\"qTdDb\" class=\"Qq3Lb\" data-hveid=\"CAQQAA\">"
                   "<div class=\"zRc9L\"><h2 class=\"bNg8Rb OhScic\" role=\"heading\">Local Results</h2>"
                   "<div aria-level=\"2\" role=\"heading\"><span class=\"Dfe5Ue\">Places</span></div><div class=\"rlfl__tls rl_tls\">\n");
        for (int i = 0; i < s->nplaces; i++)
            google_place(b, &s->places[i], i);
        buf_add(b, "</div><a class=\"tiS4rf Q2MMlc\" href=\"/search?tbm=lcl&amp;q=");
        buf_urlenc(b, s->query);
        buf_add(b, "\"><span>More places</span></a></div></div></div>\n");
    }
    int end = offset + (offset == 0 && s->page1 > 0 ? s->page1 : PER_PAGE);
    if (end > s->norg) end = s->norg;
    for (int i = offset; i < end; i++) {
        google_organic(b, &s->org[i], i, salt);
        if (offset == 0 && i == offset + 2 && s->npaa > 0)
            google_paa(b, s);
    }
    buf_add(b, "</div></div></div>\n");
    if (offset == 0 && s->nads_bottom > 0) {
        buf_add(b, "<div id=\"bottomads\"><div class=\"qGXjvb\" id=\"tadsb\" aria-label=\"Ads\" role=\"region\">"
                   "<h1 class=\"bNg8Rb OhScic\">Ads</h1>\n");
        for (int i = 0; i < s->nads_bottom; i++)
            google_ad(b, &s->ads_bottom[i], i, salt);
        buf_add(b, "</div></div>\n");
    } else {
        buf_add(b, "<div id=\"bottomads\"></div>\n");
    }
    buf_add(b, "<div id=\"botstuff\"><div id=\"bres\"></div></div>\n");
    /* the pagination table, as the no-JS and desktop pages still carry it */
    buf_add(b, "<div role=\"navigation\"><h1 class=\"Uo8X3b OhScic zsYMMe\">Page Navigation</h1>"
               "<table class=\"AaVjTc\" role=\"presentation\"><tr jsname=\"TeSSVd\" valign=\"top\">");
    int pages = (s->norg + PER_PAGE - 1) / PER_PAGE;
    int cur = offset / PER_PAGE;
    for (int pg = 0; pg < pages && pg < 10; pg++) {
        if (pg == cur) {
            buf_printf(b, "<td class=\"YyVfkd\">%d</td>", pg + 1);
        } else {
            buf_add(b, "<td><a aria-label=\"Page ");
            buf_printf(b, "%d\" class=\"fl\" href=\"/search?q=", pg + 1);
            buf_urlenc(b, q);
            buf_printf(b, "&amp;start=%d&amp;sa=N\">%d</a></td>", pg * PER_PAGE, pg + 1);
        }
    }
    if (offset + PER_PAGE < s->norg) {
        buf_add(b, "<td aria-level=\"3\" class=\"d6cvqb BBwThe\" role=\"heading\"><a href=\"/search?q=");
        buf_urlenc(b, q);
        buf_printf(b, "&amp;start=%d&amp;sa=N\" id=\"pnnext\" style=\"text-align:left\"><span class=\"SJajHc NVbCr\">"
                      "</span><span style=\"display:block;margin-left:53px\">Next</span></a></td>", offset + PER_PAGE);
    }
    buf_add(b, "</tr></table></div>\n</div></div></div>\n<div id=\"footcnt\"><span>");
    buf_html(b, s->city[0] ? s->city : "United States");
    buf_add(b, " - From your IP address</span></div></div></body></html>\n");
}

/* --- Bing ----------------------------------------------------------------- */
/* Bing's click redirect for organic links: ck/a?...&u=a1<base64url(url)>. */
static void bing_ck(struct buf *b, const char *url, const char *salt, int i)
{
    struct buf t = {0};
    uint64_t h = sim_hash(url, sim_hash(salt, (uint64_t)i));
    buf_printf(&t, "https://www.bing.com/ck/a?!&&p=%016llx%016llxJmltdHM9MTc4NDkzNzYwMA&ptn=3&ver=2&hsh=4"
                   "&fclid=%08llx-e9ad-6b7d-2b3f-1897e8876a4c&u=a1",
               (unsigned long long)h, (unsigned long long)(h * 31), (unsigned long long)(h >> 32));
    buf_b64(&t, url, 1);
    buf_add(&t, "&ntb=1");
    buf_html(b, t.p);
    buf_free(&t);
}

/* Bing's ad redirect: aclick?ld=...&u=<base64 of the percent-encoded URL>. */
static void bing_aclick(struct buf *b, const char *url, const char *salt, int i)
{
    struct buf enc = {0}, b64 = {0}, t = {0};
    buf_urlenc(&enc, url);
    for (char *c = enc.p; c && *c; c++) /* Bing writes lower-case escapes */
        if (c[0] == '%' && c[1] && c[2]) {
            c[1] = (char)(c[1] >= 'A' && c[1] <= 'F' ? c[1] + 32 : c[1]);
            c[2] = (char)(c[2] >= 'A' && c[2] <= 'F' ? c[2] + 32 : c[2]);
        }
    buf_b64(&b64, enc.p ? enc.p : "", 0);
    buf_printf(&t, "https://www.bing.com/aclick?ld=e8%016llx&u=", (unsigned long long)sim_hash(salt, (uint64_t)i));
    buf_urlenc(&t, b64.p ? b64.p : "");
    buf_printf(&t, "&rlid=%016llx", (unsigned long long)sim_hash(url, 3));
    buf_html(b, t.p);
    buf_free(&enc);
    buf_free(&b64);
    buf_free(&t);
}

static void bing_ads(struct buf *b, const struct sim_hit *ads, int n, const char *salt, int bottom)
{
    buf_add(b, bottom ? "<li class=\"b_ad b_adBottom\"><ul>" : "<li class=\"b_ad b_adTop\"><ul>");
    for (int i = 0; i < n; i++) {
        buf_add(b, "<li class=\"\"><div class=\"sb_add sb_adTA\"><h2><a class=\" b_restorableLink\" href=\"");
        bing_aclick(b, ads[i].url, salt, i + bottom * 10);
        buf_add(b, "\" h=\"ID=SERP,5602.1,Ads\" data-ad=\"");
        ved(b, salt, 700 + i);
        buf_add(b, "\">");
        buf_html(b, ads[i].title);
        buf_add(b, "</a></h2><div class=\"b_caption\"><div class=\"b_attribution\"><div class=\"b_adurl\"><cite>");
        buf_html(b, ads[i].url);
        buf_add(b, "</cite></div></div><p><span class=\"b_adSlug b_opttxt b_divdef\">Ad</span>");
        buf_html(b, ads[i].snippet);
        buf_add(b, "</p></div></div></li>");
    }
    buf_add(b, "</ul></li>\n");
}

/* Bing's local answer: a map and one b_scard per business. */
static void bing_local(struct buf *b, const struct sim_serp *s)
{
    buf_add(b, "<li class=\"b_ans b_top b_topborder\" data-bm=\"5\"><div class=\"b_localAns\"><div id=\"lMapContainer\" "
               "class=\"lMapContainer\"><div class=\"mv_lm icon\" title=\"Larger map\"><a class=\"mv_lm_a\" "
               "title=\"Larger map\" href=\"https://www.bing.com/maps?&amp;ty=17&amp;q=");
    buf_urlenc(b, s->query);
    buf_add(b, "\"><div class=\"mv_lm_icon\"></div></a></div></div><div class=\"b_canvas b_vstackc\">");
    for (int i = 0; i < s->nplaces; i++) {
        const struct sim_place *pl = &s->places[i];
        uint64_t h = sim_hash(pl->name, 61);
        buf_printf(b, "<div id=\"c-eid_YN873x%llu\" etype=\"Business\" ename=\"", (unsigned long long)(h % 100000000000ULL));
        buf_html(b, pl->name);
        buf_printf(b, "\"></div><div class=\"b_scard b_scardf b_scardh\" style=\"width: 100%%;\"><div><div id=\"elc_eid_YN873x%llu\" "
                      "tabindex=\"0\" role=\"button\"><div class=\"listCard vertcard\"><div class=\"b_clearfix b_overflow\">"
                      "<div class=\"b_hPanel\"><span class=\"lc_content\"><h2 class=\"\">", (unsigned long long)(h % 100000000000ULL));
        buf_html(b, pl->name);
        int stars = (int)(pl->rating * 2 + 0.5);
        buf_printf(b, "</h2><div class=\"b_factrow\"><span class=\"csrc sc_rc1\" role=\"img\" aria-label=\"Star Rating: %g out "
                      "of 5.\">", stars / 2.0);
        for (int k = 0; k < stars / 2; k++)
            buf_add(b, "<span class=\"b_taf sw_st\"></span>");
        if (stars % 2)
            buf_add(b, "<span class=\"b_taf sw_sth\"></span>");
        buf_add(b, "</span> <a href=\"https://www.yelp.com/biz/");
        struct buf sl = {0};
        for (const char *c = pl->name; *c; c++)
            if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9'))
                buf_printf(&sl, "%c", *c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
        buf_html(b, sl.p ? sl.p : "biz");
        buf_free(&sl);
        buf_printf(b, "\">Yelp <span class=\"b_reviews\">(%d)</span></a> · ", pl->reviews);
        buf_html(b, pl->category);
        buf_add(b, "</div><div class=\"b_factrow\"><span class=\"b_address\">");
        buf_html(b, pl->address);
        buf_add(b, "</span></div>");
        if (pl->phone[0]) {
            buf_add(b, "<div class=\"b_factrow\"><a href=\"tel:");
            for (const char *c = pl->phone; *c; c++)
                if (*c >= '0' && *c <= '9')
                    buf_printf(b, "%c", *c);
            buf_add(b, "\">");
            buf_html(b, pl->phone);
            buf_add(b, "</a></div>");
        }
        buf_add(b, "</span><span class=\"lc_btnset\"><div class=\"b_sideBleed\"><div class=\"ibsvc b_canvas\">"
                   "<a class=\"ibs_2btns\" aria-label=\"DIRECTIONS\" role=\"link\" href=\"https://www.bing.com/maps/directions?rtp=adr.\">"
                   "<div class=\"ibs_btn\"><div class=\"b_primtxt\" aria-hidden=\"true\">DIRECTIONS</div></div></a>");
        if (pl->website[0]) {
            buf_add(b, "<a class=\"ibs_2btns\" aria-label=\"WEBSITE\" role=\"link\" href=\"");
            buf_html(b, pl->website);
            buf_add(b, "\"><div class=\"ibs_btn\"><div class=\"b_primtxt\" aria-hidden=\"true\">WEBSITE</div></div></a>");
        }
        buf_add(b, "</div></div></span></div></div></div></div></div></div>");
    }
    buf_add(b, "</div></div></li>\n");
}

void render_bing(struct buf *b, const struct sim_serp *s, const struct params *p, int offset)
{
    const char *q = params_get(p, "q");
    if (!q) q = "";
    char salt[300];
    snprintf(salt, sizeof salt, "b|%s|%d", s->query, offset);
    buf_add(b, "<!DOCTYPE html><html dir=\"ltr\" lang=\"en\" xml:lang=\"en\" xmlns=\"http://www.w3.org/1999/xhtml\">"
               "<head><meta content=\"text/html; charset=utf-8\" http-equiv=\"content-type\"><title>");
    buf_html(b, q);
    buf_add(b, " - Search</title></head><body class=\"b_respl\"><header id=\"b_header\"><form action=\"/search\" "
               "id=\"sb_form\"><input class=\"b_searchbox\" id=\"sb_form_q\" name=\"q\" type=\"search\" value=\"");
    buf_html(b, q);
    buf_add(b, "\"></form></header>\n<main aria-label=\"Search Results\" id=\"b_content\"><div id=\"b_tween\">"
               "<div id=\"b_tween_searchResults\"><span class=\"sb_count\">");
    char tot[40];
    commas(tot, sizeof tot, s->total);
    if (offset > 0)
        buf_printf(b, "%d-%d of %s results", offset + 1, offset + PER_PAGE, tot);
    else
        buf_printf(b, "About %s results", tot);
    buf_add(b, "</span></div></div><ol id=\"b_results\" class=\"\">\n");
    if (s->norg == 0) {
        buf_add(b, "<li class=\"b_no\"><h1>There are no results for <strong>");
        buf_html(b, q);
        buf_add(b, "</strong></h1><ul><li><span>Check your spelling or try different keywords</span></li></ul></li>\n");
    }
    if (offset == 0 && s->nads_top > 0)
        bing_ads(b, s->ads_top, s->nads_top, salt, 0);
    if (offset == 0 && s->nplaces > 0)
        bing_local(b, s);
    int end = offset + (offset == 0 && s->page1 > 0 ? s->page1 : PER_PAGE);
    if (end > s->norg) end = s->norg;
    for (int i = offset; i < end; i++) {
        const struct sim_hit *h = &s->org[i];
        buf_printf(b, "<li class=\"b_algo\" data-id=\"\" iid=\"SERP.%d\"><div class=\"b_tpcn\"><a class=\"tilk\" "
                      "aria-label=\"", 5346 + i);
        buf_html(b, h->domain);
        buf_add(b, "\" href=\"");
        bing_ck(b, h->url, salt, i);
        buf_add(b, "\" tabindex=\"-1\"><div class=\"tptxt\"><div class=\"tptt\">");
        buf_html(b, h->domain);
        buf_add(b, "</div><div class=\"tpmeta\"><div class=\"b_attribution\"><cite>");
        buf_html(b, h->url);
        buf_add(b, "</cite></div></div></div></a></div><h2><a href=\"");
        bing_ck(b, h->url, salt, i);
        buf_printf(b, "\" h=\"ID=SERP,%d.1\">", 5127 + i);
        buf_html(b, h->title);
        buf_add(b, "</a></h2><div class=\"b_caption\"><p class=\"b_lineclamp2\">");
        buf_html(b, h->snippet);
        buf_add(b, "</p></div></li>\n");
    }
    if (offset == 0 && s->nads_bottom > 0)
        bing_ads(b, s->ads_bottom, s->nads_bottom, salt, 1);
    buf_add(b, "<li class=\"b_pag\"><nav aria-label=\"More results for ");
    buf_html(b, q);
    buf_add(b, "\" role=\"navigation\"><ul class=\"sb_pagF\">");
    if (offset > 0) {
        buf_add(b, "<li><a class=\"sb_pagP\" aria-label=\"Previous page\" href=\"/search?q=");
        buf_urlenc(b, q);
        buf_printf(b, "&amp;first=%d&amp;FORM=PORE\">Previous</a></li>", offset - PER_PAGE + 1 > 0 ? offset - PER_PAGE + 1 : 1);
    }
    buf_printf(b, "<li><a class=\"sb_pagS sb_pagS_bp b_widePag sb_bp\" aria-label=\"Page %d\">%d</a></li>",
               offset / PER_PAGE + 1, offset / PER_PAGE + 1);
    if (offset + PER_PAGE < s->norg) {
        buf_add(b, "<li><a class=\"sb_pagN sb_pagN_bp b_widePag sb_bp \" aria-label=\"Next page\" title=\"Next page\" "
                   "href=\"/search?q=");
        buf_urlenc(b, q);
        buf_printf(b, "&amp;first=%d&amp;FORM=PORE\"><div class=\"sw_next\">Next</div></a></li>", offset + PER_PAGE + 1);
    }
    buf_add(b, "</ul></nav></li></ol></main><aside aria-label=\"Additional Results\"><ol id=\"b_context\"></ol></aside>"
               "<footer id=\"b_footer\" class=\"b_footer\"></footer></body></html>\n");
}

/* --- DuckDuckGo html -------------------------------------------------------- */
void render_ddg(struct buf *b, const struct sim_serp *s, const struct params *p, int offset)
{
    const char *q = params_get(p, "q");
    if (!q) q = "";
    const char *kl = params_get(p, "kl");
    buf_add(b, "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
               "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"
               "<head><meta http-equiv=\"content-type\" content=\"text/html; charset=UTF-8\"><title>");
    buf_html(b, q);
    buf_add(b, " at DuckDuckGo</title><link rel=\"stylesheet\" href=\"/dist/h.css\" type=\"text/css\"></head>\n"
               "<body class=\"body--html\"><div class=\"header__form\"><form name=\"x\" class=\"header__form\" "
               "action=\"/html/\" method=\"post\" id=\"search_form\"><input name=\"q\" autocomplete=\"off\" "
               "class=\"search__input\" id=\"search_form_input_homepage\" type=\"text\" value=\"");
    buf_html(b, q);
    buf_add(b, "\"><input name=\"b\" id=\"search_button_homepage\" class=\"search__button\" type=\"submit\" value=\"\">"
               "</form></div>\n<div><div class=\"serp__results\"><div id=\"links\" class=\"results\">\n");
    if (offset == 0) {
        for (int i = 0; i < s->nads_top; i++) {
            const struct sim_hit *h = &s->ads_top[i];
            buf_add(b, "<div class=\"result results_links results_links_deep result--ad \"><div class=\"links_main "
                       "links_deep result__body\"><h2 class=\"result__title\"><a rel=\"nofollow\" class=\"result__a\" "
                       "href=\"https://duckduckgo.com/y.js?ad_domain=");
            buf_urlenc(b, h->domain);
            buf_add(b, "&amp;ad_provider=bingv7aa&amp;ad_type=txad&amp;u3=");
            buf_urlenc(b, h->url);
            buf_add(b, "\">");
            buf_html(b, h->title);
            buf_add(b, "</a><div class=\"result__badge-wrap\"><button class=\"badge--ad\">Ad</button></div></h2>"
                       "<div class=\"result__extras\"><div class=\"result__extras__url\"><a class=\"result__url\" href=\"");
            buf_html(b, h->url);
            buf_add(b, "\">");
            buf_html(b, h->domain);
            buf_add(b, "</a></div></div><a class=\"result__snippet\" href=\"");
            buf_html(b, h->url);
            buf_add(b, "\">");
            buf_html(b, h->snippet);
            buf_add(b, "</a><div class=\"clear\"></div></div></div>\n");
        }
    }
    int end = offset + (offset == 0 && s->page1 > 0 ? s->page1 : PER_PAGE);
    if (end > s->norg) end = s->norg;
    if (offset >= s->norg)
        buf_add(b, "<div class=\"result--no-result\"><div class=\"no-results\">No  results.</div></div>\n");
    for (int i = offset; i < end; i++) {
        const struct sim_hit *h = &s->org[i];
        struct buf link = {0};
        buf_add(&link, "//duckduckgo.com/l/?uddg=");
        buf_urlenc(&link, h->url);
        buf_printf(&link, "&rut=%016llx", (unsigned long long)sim_hash(h->url, 8));
        buf_add(b, "<div class=\"result results_links results_links_deep web-result \">\n<div class=\"links_main "
                   "links_deep result__body\"> <!-- This is the visible part -->\n<h2 class=\"result__title\">"
                   "<a rel=\"nofollow\" class=\"result__a\" href=\"");
        buf_html(b, link.p);
        buf_add(b, "\">");
        buf_html(b, h->title);
        buf_add(b, "</a></h2>\n<div class=\"result__extras\"><div class=\"result__extras__url\"><span class=\"result__icon\">"
                   "<a rel=\"nofollow\" href=\"");
        buf_html(b, link.p);
        buf_add(b, "\"><img class=\"result__icon__img\" width=\"16\" height=\"16\" alt=\"\" "
                   "src=\"//external-content.duckduckgo.com/ip3/");
        buf_html(b, h->domain);
        buf_add(b, ".ico\"></a></span><a class=\"result__url\" href=\"");
        buf_html(b, link.p);
        buf_add(b, "\">");
        const char *disp = strstr(h->url, "://");
        buf_html(b, disp ? disp + 3 : h->url);
        buf_add(b, "</a></div></div>\n<a class=\"result__snippet\" href=\"");
        buf_html(b, link.p);
        buf_add(b, "\">");
        buf_html(b, h->snippet);
        buf_add(b, "</a>\n<div class=\"clear\"></div></div></div>\n");
        buf_free(&link);
    }
    if (end < s->norg) {
        /* the real html endpoint pages with a POST form: s = offset, dc = offset */
        buf_add(b, "<div class=\"nav-link\"><form action=\"/html/\" method=\"post\">"
                   "<input type=\"submit\" class=\"btn btn--alt\" value=\"Next\">"
                   "<input type=\"hidden\" name=\"q\" value=\"");
        buf_html(b, q);
        buf_printf(b, "\"><input type=\"hidden\" name=\"s\" value=\"%d\"><input type=\"hidden\" name=\"nextParams\" value=\"\">"
                      "<input type=\"hidden\" name=\"v\" value=\"l\"><input type=\"hidden\" name=\"o\" value=\"json\">"
                      "<input type=\"hidden\" name=\"dc\" value=\"%d\"><input type=\"hidden\" name=\"api\" value=\"d.js\">"
                      "<input type=\"hidden\" name=\"vqd\" value=\"4-%llu\"><input name=\"kl\" value=\"",
                   end, end, (unsigned long long)(sim_hash(s->query, 12) % 100000000000000000ULL));
        buf_html(b, kl ? kl : "wt-wt");
        buf_add(b, "\" type=\"hidden\"></form></div>\n");
    }
    buf_add(b, "<div class=\"feedback-btn\"><a rel=\"nofollow\" href=\"//duckduckgo.com/feedback.html\">Feedback</a>"
               "</div><div class=\"clear\"></div></div></div></div>\n</body></html>\n");
}

/* --- SerpApi-shaped JSON ----------------------------------------------------- */
void render_serpapi(struct buf *b, const struct sim_serp *s, const char *engine,
                    const struct params *p, int offset)
{
    static const char *keys[] = {"engine", "q", "location", "hl", "gl", "start"};
    buf_add(b, "{\"search_metadata\":{\"id\":\"");
    buf_printf(b, "%016llx", (unsigned long long)sim_hash(s->query, (uint64_t)offset));
    buf_add(b, "\",\"status\":\"Success\",\"total_time_taken\":0.42},\"search_parameters\":{");
    int first = 1;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *v = params_get(p, keys[i]);
        if (!v)
            continue;
        buf_add(b, first ? "" : ",");
        first = 0;
        buf_json(b, keys[i]);
        buf_add(b, ":");
        buf_json(b, v);
    }
    buf_printf(b, "},\"search_information\":{\"total_results\":%lld,\"query_displayed\":", s->total);
    buf_json(b, s->query);
    buf_add(b, "},\"organic_results\":[");
    int end = offset + (offset == 0 && s->page1 > 0 ? s->page1 : PER_PAGE);
    if (end > s->norg) end = s->norg;
    for (int i = offset; i < end; i++) {
        const struct sim_hit *h = &s->org[i];
        buf_printf(b, "%s{\"position\":%d,\"title\":", i > offset ? "," : "", i + 1);
        buf_json(b, h->title);
        buf_add(b, ",\"link\":");
        buf_json(b, h->url);
        buf_add(b, ",\"displayed_link\":");
        buf_json(b, h->display);
        buf_add(b, ",\"snippet\":");
        buf_json(b, h->snippet);
        buf_add(b, "}");
    }
    buf_add(b, "]");
    if (offset == 0 && s->nads_top + s->nads_bottom > 0) {
        buf_add(b, ",\"ads\":[");
        int n = 0;
        for (int k = 0; k < 2; k++) {
            const struct sim_hit *a = k ? s->ads_bottom : s->ads_top;
            int na = k ? s->nads_bottom : s->nads_top;
            for (int i = 0; i < na; i++) {
                buf_printf(b, "%s{\"position\":%d,\"block_position\":\"%s\",\"title\":", n++ ? "," : "", i + 1,
                           k ? "bottom" : "top");
                buf_json(b, a[i].title);
                buf_add(b, ",\"link\":");
                buf_json(b, a[i].url);
                buf_add(b, ",\"displayed_link\":");
                buf_json(b, a[i].display);
                buf_add(b, "}");
            }
        }
        buf_add(b, "]");
    }
    if (offset == 0 && s->nplaces > 0 && strcmp(engine, "duckduckgo") != 0) {
        buf_add(b, ",\"local_results\":{\"places\":[");
        for (int i = 0; i < s->nplaces; i++) {
            const struct sim_place *pl = &s->places[i];
            buf_printf(b, "%s{\"position\":%d,\"title\":", i ? "," : "", i + 1);
            buf_json(b, pl->name);
            buf_printf(b, ",\"rating\":%.1f,\"reviews\":%d,\"type\":", pl->rating, pl->reviews);
            buf_json(b, pl->category);
            buf_add(b, ",\"address\":");
            buf_json(b, pl->address);
            if (pl->phone[0]) {
                buf_add(b, ",\"phone\":");
                buf_json(b, pl->phone);
            }
            if (pl->website[0]) {
                buf_add(b, ",\"links\":{\"website\":");
                buf_json(b, pl->website);
                buf_add(b, "}");
            }
            buf_add(b, "}");
        }
        buf_add(b, "]}");
    }
    if (offset == 0 && s->npaa > 0 && strcmp(engine, "google") == 0) {
        buf_add(b, ",\"related_questions\":[");
        for (int i = 0; i < s->npaa; i++) {
            buf_add(b, i ? ",{\"question\":" : "{\"question\":");
            buf_json(b, s->paa[i]);
            buf_add(b, "}");
        }
        buf_add(b, "]");
    }
    /* https://serpapi.com/ai-overview: text_blocks and references[] (title,
     * link, source, index); a block's reference_indexes point into them */
    if (offset == 0 && s->nai > 0 && strcmp(engine, "google") == 0) {
        buf_add(b, ",\"ai_overview\":{\"text_blocks\":[{\"type\":\"paragraph\",\"snippet\":");
        buf_json(b, s->query);
        buf_add(b, ",\"reference_indexes\":[");
        for (int i = 0; i < s->nai; i++)
            buf_printf(b, "%s%d", i ? "," : "", i);
        buf_add(b, "]}],\"references\":[");
        for (int i = 0; i < s->nai; i++) {
            buf_add(b, i ? ",{\"title\":" : "{\"title\":");
            buf_json(b, s->ai[i].title);
            buf_add(b, ",\"link\":");
            buf_json(b, s->ai[i].url);
            buf_add(b, ",\"source\":");
            buf_json(b, s->ai[i].domain);
            buf_printf(b, ",\"index\":%d}", i);
        }
        buf_add(b, "]}");
    }
    if (offset + PER_PAGE < s->norg)
        buf_printf(b, ",\"serpapi_pagination\":{\"current\":%d,\"next\":\"start=%d\"}", offset / PER_PAGE + 1,
                   offset + PER_PAGE);
    buf_add(b, "}\n");
}

/* SerpApi's Google Maps search: https://serpapi.com/google-maps-api */
void render_serpapi_maps(struct buf *b, const struct sim_serp *s, const struct params *p)
{
    static const char *keys[] = {"engine", "q", "ll", "type", "hl", "gl", "start"};
    buf_add(b, "{\"search_metadata\":{\"id\":\"");
    buf_printf(b, "%016llx", (unsigned long long)sim_hash(s->query, 0x6d617073ULL));
    buf_add(b, "\",\"status\":\"Success\",\"total_time_taken\":0.51},\"search_parameters\":{");
    int first = 1;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *v = params_get(p, keys[i]);
        if (!v)
            continue;
        buf_add(b, first ? "" : ",");
        first = 0;
        buf_json(b, keys[i]);
        buf_add(b, ":");
        buf_json(b, v);
    }
    buf_add(b, "},\"search_information\":{\"local_results_state\":\"Results for exact spot searched\","
               "\"query_displayed\":");
    buf_json(b, s->query);
    buf_add(b, "},\"local_results\":[");
    for (int i = 0; i < s->nmaps; i++) {
        const struct sim_place *pl = &s->maps[i];
        uint64_t id = sim_hash(pl->name, 4);
        buf_printf(b, "%s{\"position\":%d,\"title\":", i ? "," : "", i + 1);
        buf_json(b, pl->name);
        buf_printf(b, ",\"place_id\":\"ChIJ%016llx\",\"data_id\":\"0x%llx:0x%llx\"", (unsigned long long)id,
                   (unsigned long long)(id >> 32), (unsigned long long)(id & 0xffffffffULL));
        buf_printf(b, ",\"gps_coordinates\":{\"latitude\":%.7f,\"longitude\":%.7f}", pl->lat, pl->lng);
        buf_printf(b, ",\"rating\":%.1f,\"reviews\":%d,\"type\":", pl->rating, pl->reviews);
        buf_json(b, pl->category);
        buf_add(b, ",\"address\":");
        buf_json(b, pl->address);
        buf_add(b, ",\"phone\":");
        buf_json(b, pl->phone);
        if (pl->website[0]) {
            buf_add(b, ",\"website\":");
            buf_json(b, pl->website);
        }
        buf_add(b, "}");
    }
    buf_add(b, "]}\n");
}

/* --- block pages ----------------------------------------------------------- */
void render_block(struct buf *b, const char *engine, const char *query, const char *kind, int *status)
{
    uint64_t h = sim_hash(query, 77);
    if (strcmp(kind, "jsshell") == 0 && strcmp(engine, "google") == 0) {
        /* what Google has sent plain HTTP clients since 2025 */
        *status = 200;
        buf_add(b, "<!DOCTYPE html><html lang=\"en\"><head><title>Google Search</title><style>body{background-color:#fff}"
                   "</style></head><body><noscript><style>table,div,span,p{display:none}</style><meta content=\"0;url=/"
                   "httpservice/retry/enablejs?sei=");
        buf_printf(b, "%016llx", (unsigned long long)h);
        buf_add(b, "\" http-equiv=\"refresh\"><div style=\"display:block\">Please click <a href=\"/httpservice/retry/"
                   "enablejs?sei=");
        buf_printf(b, "%016llx", (unsigned long long)h);
        buf_add(b, "\">here</a> if you are not redirected within a few seconds.</div></noscript><script nonce=\"sim\">"
                   "(function(){var sctm=false;(function(){sctm&&google.tick(\"load\",\"pbsst\");}).call(this);})();"
                   "</script><script src=\"/xjs/_/js/k=xjs.s.en.sim/am=AAAA/d=1/ed=1/rs=sim/m=sb_wiz\" nonce=\"sim\"></script>"
                   "</body></html>\n");
        return;
    }
    if (strcmp(kind, "oldbrowser") == 0) {
        /* the page an engine gives a client it takes for an outdated
         * browser (Google's wording; served with 200, no results) */
        *status = 200;
        buf_add(b, "<!DOCTYPE html><html lang=\"en\"><head><title>Google Search</title></head><body>"
                   "<div style=\"max-width:600px;margin:40px auto;font-family:arial,sans-serif\">"
                   "<h1>Update your browser</h1><p>Your browser isn't supported anymore. To continue "
                   "your search, upgrade to a recent version.</p><a href=\"https://www.google.com/chrome/\">"
                   "Learn more</a></div></body></html>\n");
        return;
    }
    if (strcmp(kind, "consent") == 0 && strcmp(engine, "google") == 0) {
        *status = 200;
        buf_add(b, "<!DOCTYPE html><html lang=\"en\" dir=\"ltr\"><head><title>Before you continue to Google</title></head>"
                   "<body><div class=\"KxvlWc\"><h1 class=\"I90TVb\">Before you continue to Google</h1><div>We use cookies "
                   "and data to deliver and maintain Google services.</div><form action=\"https://consent.google.com/save\" "
                   "method=\"POST\"><input type=\"hidden\" name=\"continue\" value=\"https://www.google.com/search?q=");
        buf_urlenc(b, query);
        buf_add(b, "\"><input type=\"hidden\" name=\"set_eom\" value=\"true\"><button>Reject all</button></form>"
                   "<form action=\"https://consent.google.com/save\" method=\"POST\"><input type=\"hidden\" name=\"set_eom\" "
                   "value=\"false\"><button>Accept all</button></form></div></body></html>\n");
        return;
    }
    if (strcmp(engine, "google") == 0) {
        *status = 429;
        buf_add(b, "<html><head><meta http-equiv=\"content-type\" content=\"text/html; charset=utf-8\">"
                   "<meta name=\"viewport\" content=\"initial-scale=1\"><title>https://www.google.com/search?q=");
        buf_urlenc(b, query);
        buf_add(b, "</title></head><body style=\"font-family: arial, sans-serif; background-color: #fff; color: #000; "
                   "padding:20px; font-size:18px;\"><div style=\"max-width:400px;\"><hr noshade size=\"1\">"
                   "<br><form id=\"captcha-form\" action=\"index\" method=\"post\"><div id=\"recaptcha\" "
                   "class=\"g-recaptcha\" data-sitekey=\"6LfwuyUTAAAAAOAmoS0fdqijC2PbbdH4kjq62Y1b\" data-s=\"sim\"></div>"
                   "<input type='hidden' name='q' value='sim'><input type=\"hidden\" name=\"continue\" "
                   "value=\"https://www.google.com/search\"></form><hr noshade size=\"1\"><div style=\"font-size:13px;\">"
                   "<b>About this page</b><br><br>Our systems have detected unusual traffic from your computer network. "
                   "This page checks to see if it's really you sending the requests, and not a robot. "
                   "<a href=\"#\" onclick=\"document.getElementById('infoDiv').style.display='block';\">Why did this happen?</a>"
                   "<br><br><div id=\"infoDiv\" style=\"display:none;\">This page appears when Google automatically detects "
                   "requests coming from your computer network which appear to be in violation of the "
                   "<a href=\"//www.google.com/policies/terms/\">Terms of Service</a>.</div>"
                   "<br>IP address: 127.0.0.1<br>Time: 2026-11-25T00:00:00Z<br>URL: https://www.google.com/search</div>"
                   "</div></body></html>\n");
    } else if (strcmp(engine, "bing") == 0) {
        *status = 200;
        buf_add(b, "<!DOCTYPE html><html><head><title>Bing</title><meta name=\"robots\" content=\"noindex\"></head>"
                   "<body><div id=\"b_content\"><div id=\"b_captcha\" class=\"captcha\"><h1>One last step</h1>"
                   "<p>Please solve the challenge below to continue.</p><div class=\"captcha_header\">"
                   "Our systems have detected unusual traffic from your network.</div><form id=\"captchaForm\" "
                   "action=\"/challenge/verify\" method=\"post\"><div id=\"turnstile-widget\" class=\"cf-turnstile\" "
                   "data-sitekey=\"0x4AAAAAAA\"></div><input type=\"hidden\" name=\"q\" value=\"");
        buf_html(b, query);
        buf_add(b, "\"></form></div></div></body></html>\n");
    } else {
        *status = 202;
        buf_add(b, "<!DOCTYPE html><html><head><meta http-equiv=\"content-type\" content=\"text/html; charset=UTF-8\">"
                   "<title>DuckDuckGo</title></head><body><form id=\"challenge-form\" "
                   "action=\"//duckduckgo.com/anomaly.js?sv=html&amp;cc=botnet&amp;q=");
        buf_urlenc(b, query);
        buf_add(b, "\" method=\"POST\"><div class=\"anomaly-modal__mask\"><div class=\"anomaly-modal__modal\" "
                   "data-testid=\"anomaly-modal\"><div class=\"anomaly-modal__title\">Unfortunately, bots use DuckDuckGo too."
                   "</div><div class=\"anomaly-modal__description\">Please complete the following challenge to confirm "
                   "this search was made by a human.</div><div class=\"anomaly-modal__instructions\">Select all squares "
                   "containing a duck:</div><div class=\"anomaly-modal__images\"></div><button "
                   "class=\"anomaly-modal__submit\" type=\"submit\">Submit</button></div></div></form></body></html>\n");
    }
}
