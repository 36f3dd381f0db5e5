/* common.c - helpers shared by the commands (format parsing, checked
 * output, site lookup), kept in the library rather than main.c so a worker
 * or test linking libserptrack has them too. */
#include <errno.h>
#include <string.h>

#include "cmd.h"
#include "util.h"

int cmd_format(const char *cmd, const char *value, enum out_format *fmt)
{
    if (!value) {
        *fmt = OUT_TABLE;
        return 0;
    }
    if (out_parse_format(value, fmt) != 0) {
        error("%s: unknown format '%s' (expected table, csv or json)", cmd, value);
        return -1;
    }
    return 0;
}

int cmd_output(const char *cmd, const struct out_table *t, enum out_format fmt)
{
    if (out_write(stdout, t, fmt) != 0) {
        error("%s: cannot write output: %s", cmd, strerror(errno ? errno : EIO));
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

int cmd_site_domain(store *st, const char *cmd, const char *site, char **domain)
{
    struct store_site s;
    *domain = NULL;
    int found = store_site_get(st, site, &s);
    if (found < 0)
        return -1;
    if (found == 0)
        return error("%s: site '%s' is not tracked (see 'serptrack site list')", cmd, site);
    *domain = xstrdup(s.domain);
    store_site_release(&s);
    return 0;
}
