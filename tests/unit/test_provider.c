/* test_provider.c - a provider's JSON counts as a result page only when it
 * carries the provider's result structure (issue 12 #1): SerpApi's
 * non-answers ({}, a search still "Processing", {"message": ...}) are
 * errors with the reason, through the parser and through crawl_classify
 * (what track and run store). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crawl.h"
#include "serp.h"
#include "util.h"

static const struct {
    const char *json;
    const char *reason; /* expected in the error, NULL: an answer */
} cases[] = {
    {"{}", "search_metadata.status"},
    {"{\"search_metadata\":{\"status\":\"Processing\"}}", "Processing"},
    {"{\"search_metadata\":{\"status\":\"Processing\"},\"organic_results\":[]}", "Processing"},
    {"{\"message\":\"Internal server error\"}", "Internal server error"},
    {"{\"search_metadata\":{\"status\":\"Success\"}}", "organic_results"},
    {"{\"search_metadata\":{\"status\":\"Success\"},\"organic_results\":{}}", "organic_results"},
    {"{\"organic_results\":[{\"title\":\"T\",\"link\":\"https://a.example.com/\"}]}",
     "search_metadata.status"},
    {"{\"search_metadata\":{\"status\":\"Success\"},\"organic_results\":[]}", NULL},
    {"{\"search_metadata\":{\"status\":\"Success\"},\"organic_results\":[{\"title\":\"T\","
     "\"link\":\"https://a.example.com/\"}]}",
     NULL},
    /* the explicit "no results" markers are answers */
    {"{\"search_information\":{\"organic_results_state\":\"Fully empty\"}}", NULL},
    {"{\"search_metadata\":{\"status\":\"Success\"},"
     "\"search_information\":{\"organic_results_state\":\"Fully empty\"}}",
     NULL},
    {"{\"error\":\"Google hasn't returned any results for this query.\"}", NULL},
};

static void parser_requires_result_structure(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct serp_page p;
        char *err = NULL;
        int rc = serp_parse_api_json(SERP_GOOGLE, cases[i].json, strlen(cases[i].json), &p, &err);
        if (cases[i].reason) {
            if (rc != -1 || !err || !strstr(err, cases[i].reason))
                fail_msg("case %zu %s: rc %d, err [%s], want error with [%s]", i, cases[i].json,
                         rc, err ? err : "(null)", cases[i].reason);
        } else if (rc != 0 || err) {
            fail_msg("case %zu %s: rc %d, err [%s], want an answer", i, cases[i].json, rc,
                     err ? err : "(null)");
        }
        free(err);
        serp_page_release(&p);
    }
}

static void classify_stores_error(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct serp_page p;
        char *reason = NULL;
        enum model_status st = crawl_classify(SERP_GOOGLE, PROVIDER_SERP_API, 200, cases[i].json,
                                              strlen(cases[i].json), CRAWL_OK, NULL, &p, &reason);
        if (cases[i].reason) {
            if (st != MODEL_ERROR || !reason || !strstr(reason, "serp-api: ") ||
                !strstr(reason, cases[i].reason))
                fail_msg("case %zu %s: status %d, reason [%s]", i, cases[i].json, (int)st,
                         reason ? reason : "(null)");
        } else if (st != MODEL_OK) {
            fail_msg("case %zu %s: status %d, reason [%s], want ok", i, cases[i].json, (int)st,
                     reason ? reason : "(null)");
        }
        free(reason);
        serp_page_release(&p);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parser_requires_result_structure),
        cmocka_unit_test(classify_stores_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
