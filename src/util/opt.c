/* opt.c - the options-table parser behind every command's arguments. */
#include "opt.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

void opt_usage(FILE *f, const char *cmd, const char *usage, const struct opt *opts)
{
    (void)cmd;
    fprintf(f, "usage: serptrack %s\n", usage);
    if (opts && opts[0].type != OPT_END)
        fputc('\n', f);
    for (const struct opt *o = opts; o && o->type != OPT_END; o++) {
        char left[64];
        if (o->argname)
            snprintf(left, sizeof left, "--%s %s", o->name, o->argname);
        else
            snprintf(left, sizeof left, "--%s", o->name);
        fprintf(f, "    %-24s %s\n", left, o->help ? o->help : "");
    }
}

void opt_list_release(struct opt_list *l)
{
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

static int usage_error(const char *cmd, const char *usage, const struct opt *opts)
{
    opt_usage(stderr, cmd, usage, opts);
    return OPT_ERROR;
}

/* Returned by lookup() for an ambiguous prefix (already reported). */
static const struct opt ambiguous;

static const struct opt *lookup(const char *cmd, const struct opt *opts, const char *name,
                                size_t len)
{
    const struct opt *hit = NULL;
    int nhits = 0;
    for (const struct opt *o = opts; o && o->type != OPT_END; o++) {
        if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
            return o;
        if (strncmp(o->name, name, len) == 0) {
            hit = o;
            nhits++;
        }
    }
    if (nhits == 1)
        return hit;
    if (nhits > 1) {
        strbuf sb = STRBUF_INIT;
        for (const struct opt *o = opts; o->type != OPT_END; o++)
            if (strncmp(o->name, name, len) == 0)
                sb_addf(&sb, " --%s", o->name);
        error("%s: ambiguous option '--%.*s' could be:%s", cmd, (int)len, name, sb_str(&sb));
        sb_release(&sb);
        return &ambiguous;
    }
    return NULL;
}

int opt_parse(const char *cmd, const char *usage, const struct opt *opts, int argc, char **argv)
{
    int npos = 0, only_pos = 0;
    char **pos = xcalloc((size_t)argc + 1, sizeof *pos);
    for (int i = 1; i < argc; i++) {
        char *a = argv[i];
        if (only_pos || a[0] != '-' || a[1] == '\0' ||
            (a[1] != '-' && !(a[1] == 'h' && a[2] == '\0'))) {
            /* "-5" style values and "-" (stdin) are positional. */
            pos[npos++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_pos = 1;
            continue;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            opt_usage(stdout, cmd, usage, opts);
            free(pos);
            return OPT_HELP;
        }
        const char *name = a + 2;
        const char *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        const struct opt *o = lookup(cmd, opts, name, len);
        if (o == &ambiguous) {
            free(pos);
            return usage_error(cmd, usage, opts);
        }
        if (!o) {
            /* the nearest option name, for a typo such as --sotr */
            const char *best = NULL;
            int bd = 0;
            char *typed = xasprintf("%.*s", (int)len, name);
            for (const struct opt *p = opts; p && p->type != OPT_END; p++) {
                int d = util_edit_distance(typed, p->name);
                int limit = (int)len / 3 < 1 ? 1 : (int)len / 3;
                if (d <= limit && (!best || d < bd)) {
                    best = p->name;
                    bd = d;
                }
            }
            free(typed);
            if (best)
                error("%s: unknown option '--%.*s': did you mean --%s?", cmd, (int)len, name,
                      best);
            else
                error("%s: unknown option '--%.*s'", cmd, (int)len, name);
            free(pos);
            return usage_error(cmd, usage, opts);
        }
        const char *val = NULL;
        if (o->type == OPT_FLAG) {
            if (eq) {
                error("%s: option '--%s' takes no value", cmd, o->name);
                free(pos);
                return usage_error(cmd, usage, opts);
            }
            *(int *)o->value = 1;
            continue;
        }
        if (eq)
            val = eq + 1;
        else if (i + 1 < argc)
            val = argv[++i];
        else {
            error("%s: option '--%s' needs a value (%s)", cmd, o->name,
                  o->argname ? o->argname : "VALUE");
            free(pos);
            return usage_error(cmd, usage, opts);
        }
        switch (o->type) {
        case OPT_STRING:
            *(const char **)o->value = val;
            break;
        case OPT_INT: {
            long long lo = o->min, hi = o->max, v;
            if (lo == 0 && hi == 0)
                hi = (1LL << 62);
            if (util_parse_int(val, lo, hi, &v) != 0) {
                error("%s: option '--%s' expects an integer from %lld to %lld, got '%s'", cmd,
                      o->name, lo, hi, val);
                free(pos);
                return usage_error(cmd, usage, opts);
            }
            *(long long *)o->value = v;
            break;
        }
        case OPT_DOUBLE:
            if (util_parse_double(val, (double *)o->value) != 0) {
                error("%s: option '--%s' expects a number, got '%s'", cmd, o->name, val);
                free(pos);
                return usage_error(cmd, usage, opts);
            }
            break;
        case OPT_LIST: {
            struct opt_list *l = o->value;
            if (l->n + 1 > l->cap) {
                l->cap = l->cap ? l->cap * 2 : 4;
                l->v = xrealloc(l->v, (size_t)l->cap * sizeof *l->v);
            }
            l->v[l->n++] = val;
            break;
        }
        default:
            break;
        }
    }
    for (int i = 0; i < npos; i++)
        argv[i] = pos[i];
    argv[npos] = NULL;
    free(pos);
    return npos;
}
