/* report.c - `serptrack report --site D`: the self-contained HTML client
 * report (src/report/), written under reports/ unless --out says where. */
#include <errno.h>

#include "cmd.h"
#include "model.h"
#include "opt.h"
#include "outfile.h"
#include "report.h"
#include "research.h"
#include "util.h"

int cmd_report(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *site = NULL, *client = NULL, *brand = NULL, *out = NULL, *since_s = NULL,
               *sort_s = NULL, *competitor = NULL, *mode_s = NULL;
    long long days = 30;
    struct opt opts[] = {
        OPT_STRING("site", &site, "D", "the site (domain) the report is about (required)"),
        OPT_STRING("client", &client, "C", "client name on the header (default: the site's)"),
        OPT_STRING("brand", &brand, "B", "your agency's name on the header"),
        OPT_STRING("out", &out, "FILE.html", "where to write (default: reports/D-DATE.html)"),
        OPT_STRING("since", &since_s, "DATE", "start of the period (default: 30 days ago)"),
        OPT_INT("days", &days, "N", "length of the period in days when --since is absent", 1,
                3660),
        OPT_STRING("sort", &sort_s, "KEY", "keyword table order: position, change, keyword, "
                                           "volume"),
        OPT_STRING("competitor", &competitor, "C", "report a competitor's positions instead"),
        OPT_STRING("mode", &mode_s, "OCTAL", "file mode of the report (default [output] mode "
                                             "or 0600)"),
        OPT_END(),
    };
    const char *usage = ctx->usage;
    int n = opt_parse("report", usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    if (n > 0 || !site) {
        error("report: %s", n > 0 ? "unexpected argument" : "--site is required");
        opt_usage(stderr, "report", usage, opts);
        return EXIT_USAGE;
    }
    enum report_sort sort = REPORT_SORT_POSITION;
    if (sort_s && report_sort_parse(sort_s, &sort) != 0) {
        error("report: unknown --sort '%s' (position, change, keyword or volume)", sort_s);
        return EXIT_USAGE;
    }
    time_t now = util_now(), since = util_day_start(now) - (time_t)(days - 1) * DAY_SECS;
    if (since_s && util_parse_time(since_s, &since) != 0) {
        error("report: --since '%s': expected YYYY-MM-DD", since_s);
        return EXIT_USAGE;
    }
    if (out && (strlen(out) < 6 || strcmp(out + strlen(out) - 5, ".html") != 0)) {
        error("report: --out must end in .html");
        return EXIT_USAGE;
    }
    mode_t mode;
    if (cmd_out_mode("report", mode_s, &ctx->cfg, &mode) != 0)
        return EXIT_USAGE;
    double t0 = util_mono();
    struct report r;
    if (report_build(ctx->st, site, competitor, since, &r) != 0)
        return EXIT_FAIL;
    r.sort = sort;
    /* visits as `value` counts them: each engine gets its share of searches */
    for (size_t i = 0; i < r.n_kw; i++)
        r.kw[i].share = research_engine_share(&ctx->cfg, serp_engine_from_name(r.kw[i].engine));
    if (client) {
        free(r.client);
        r.client = xstrdup(client);
    }
    if (brand)
        r.brand = xstrdup(brand);
    strbuf html = STRBUF_INIT;
    report_html(&r, &html);
    char *path = NULL;
    if (out) {
        path = xstrdup(out);
    } else {
        char day[11], *name = cmd_safe_name(r.site);
        util_fmt_date(now, day);
        if (cmd_ensure_dir("reports") != 0) {
            free(name);
            sb_release(&html);
            report_release(&r);
            return EXIT_FAIL;
        }
        path = xasprintf("reports/%s-%s.html", name, day);
        free(name);
    }
    int rc = EXIT_OK;
    struct outfile of;
    /* begin and commit print their own error */
    int ok = cmd_out_begin(&of, "report", path, "", mode) == 0;
    if (ok && cmd_out_write(&of, html.buf, html.len) != 0) {
        error("report: cannot write '%s': %s; the previous file (if any) is kept", path,
              strerror(errno));
        cmd_out_abort(&of);
        ok = 0;
    } else if (ok && cmd_out_commit(&of) != 0) {
        ok = 0;
    }
    if (!ok) {
        rc = EXIT_FAIL;
    } else {
        info("report: %zu keyword%s, %zu bytes in %.3f s", r.n_kw, r.n_kw == 1 ? "" : "s", html.len,
             util_mono() - t0);
        printf("%s\n", path);
    }
    free(path);
    sb_release(&html);
    report_release(&r);
    return rc;
}
