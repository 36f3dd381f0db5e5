/* parse.c - `serptrack parse FILE...`: run the parsers over saved pages
 * offline and print the model (DESIGN.md parse shape), or a table. */
#include <errno.h>
#include <string.h>

#include "cmd.h"
#include "opt.h"
#include "serp.h"
#include "util.h"

/* Saved pages are at most this big; beyond it is not a result page. */
#define PARSE_MAX_FILE (64u << 20)

static int print_table(const char *file, const struct serp_page *p, int many)
{
    if (many)
        printf("== %s\n", file);
    if (p->block) {
        printf("blocked: %s\n", serp_block_name(p->block));
        return 0;
    }
    printf("engine: %s  query: %s  total results: %lld%s\n", serp_engine_name(p->engine),
           p->query ? p->query : "-", p->total_results, p->no_results ? "  (no results)" : "");
    struct out_col cols[] = {
        {.key = "kind"}, {.key = "position", .title = "pos", .right = 1},
        {.key = "domain"}, {.key = "title"}, {.key = "url"},
    };
    struct out_table t;
    out_init(&t, cols, (int)ARRAY_SIZE(cols));
    cmd_page_rows(&t, p);
    int rc = out_write(stdout, &t, OUT_TABLE);
    out_release(&t);
    return rc;
}

int cmd_parse(int argc, char **argv, struct cmd_ctx *ctx)
{
    const char *engine_name = NULL, *format = NULL;
    long long status = 0;
    char engine_help[320];
    snprintf(engine_help, sizeof engine_help, "%s (default: detect)", serp_engine_list());
    struct opt opts[] = {
        OPT_STRING("engine", &engine_name, "E", engine_help),
        OPT_STRING("format", &format, "F", "table (default) or json"),
        OPT_INT("http-status", &status, "N", "HTTP status the page came with (429 = blocked)", 0,
                599),
        OPT_END(),
    };
    const char *usage = ctx->usage;
    (void)ctx;
    int n = opt_parse("parse", usage, opts, argc, argv);
    if (n < 0)
        return n == OPT_HELP ? EXIT_OK : EXIT_USAGE;
    enum out_format fmt;
    if (cmd_format("parse", format, &fmt) != 0)
        return EXIT_USAGE;
    if (fmt == OUT_CSV) {
        error("parse: csv is not offered for a page model; use table or json");
        return EXIT_USAGE;
    }
    if (n == 0) {
        error("parse: no file given");
        opt_usage(stderr, "parse", usage, opts);
        return EXIT_USAGE;
    }
    enum serp_engine forced = SERP_ENGINE_UNKNOWN;
    if (engine_name && (forced = serp_engine_from_name(engine_name)) == SERP_ENGINE_UNKNOWN) {
        error("parse: unknown engine '%s' (expected %s)", engine_name, serp_engine_list());
        return EXIT_USAGE;
    }
    int rc = EXIT_OK;
    for (int i = 0; i < n; i++) {
        const char *file = argv[i];
        char *buf;
        size_t len;
        if (util_read_file(file, PARSE_MAX_FILE, &buf, &len) != 0) {
            error("parse: '%s': %s", file,
                  errno == EFBIG ? "larger than 64 MB" : strerror(errno));
            rc = EXIT_FAIL;
            continue;
        }
        enum serp_engine e = forced ? forced : serp_detect_engine(buf, len);
        if (len == 0) {
            error("parse: '%s': empty file", file);
            free(buf);
            rc = EXIT_FAIL;
            continue;
        }
        /* git's test for a binary file: a NUL byte early on. libxml2 would
         * recover tags from random bytes and call the result a page. */
        if (memchr(buf, '\0', len < 8000 ? len : 8000)) {
            error("parse: '%s': a binary file (NUL byte), not an HTML page", file);
            free(buf);
            rc = EXIT_FAIL;
            continue;
        }
        if (e == SERP_ENGINE_UNKNOWN) {
            error("parse: '%s': cannot tell which engine this page is from; use --engine", file);
            free(buf);
            rc = EXIT_FAIL;
            continue;
        }
        struct serp_page page;
        if (serp_parse(e, buf, len, (int)status, &page) != 0) {
            error("parse: '%s': not an HTML result page", file);
            serp_page_release(&page);
            free(buf);
            rc = EXIT_FAIL;
            continue;
        }
        if (fmt == OUT_JSON) {
            json_t *j = serp_page_to_json(&page);
            if (n > 1)
                json_object_set_new(j, "file", json_string(file));
            /* One object per line for several files (JSON Lines). */
            json_dumpf(j, stdout, n > 1 ? JSON_COMPACT : JSON_INDENT(2));
            fputc('\n', stdout);
            json_decref(j);
        } else {
            print_table(file, &page, n > 1);
        }
        serp_page_release(&page);
        free(buf);
    }
    return rc;
}
