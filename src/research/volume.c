/* volume.c - search-volume files: Google Keyword Planner exports (UTF-16
 * TSV with title rows, converted with iconv(3)) and plain
 * keyword,volume[,cpc,competition] CSV. Pure: rows go to a callback. */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <strings.h>

#include "csv.h"
#include "research.h"
#include "util.h"

char *research_utf16_to_utf8(const char *buf, size_t len, size_t *out_len)
{
    const char *from = "UTF-16LE";
    if (len >= 2 && (unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE) {
        buf += 2, len -= 2;
    } else if (len >= 2 && (unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF) {
        buf += 2, len -= 2;
        from = "UTF-16BE";
    }
    if (len % 2 != 0)
        return NULL;
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) /* NOLINT(performance-no-int-to-ptr): iconv's error value */
        return NULL;
    /* UTF-8 needs at most 3 bytes per UTF-16 unit (4 per surrogate pair). */
    size_t cap = len / 2 * 3 + 1, left = cap - 1;
    char *out = xmalloc(cap), *op = out;
    char *in = (char *)buf; /* iconv's prototype is not const-correct */
    size_t inleft = len;
    size_t r = iconv(cd, &in, &inleft, &op, &left);
    iconv_close(cd);
    if (r == (size_t)-1) {
        free(out);
        return NULL;
    }
    *op = '\0';
    *out_len = (size_t)(op - out);
    if (memchr(out, '\0', *out_len)) { /* a NUL code unit: not text */
        free(out);
        return NULL;
    }
    return out;
}

static int looks_utf16(const char *buf, size_t len)
{
    if (len >= 2 && (((unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE) ||
                     ((unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF)))
        return 1;
    /* No BOM: ASCII text in UTF-16LE has a NUL in every odd byte. */
    return len >= 4 && buf[0] != '\0' && buf[1] == '\0' && buf[3] == '\0';
}

/* "12,100", "1K", "1.5K", "10M", "1K – 10K" (a range: its lower bound, the
 * conservative reading). -1 when empty or "--", -2 when not a number. */
static long long parse_volume(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    if (!*s || strcmp(s, "--") == 0 || strcmp(s, "-") == 0)
        return -1;
    char num[64];
    size_t n = 0;
    const char *p = s;
    for (; *p && n < sizeof(num) - 1; p++) {
        if (isdigit((unsigned char)*p) || *p == '.')
            num[n++] = *p;
        else if (*p == ',')
            continue;
        else
            break;
    }
    num[n] = '\0';
    if (n == 0)
        return -2;
    double v;
    if (util_parse_double(num, &v) != 0 || v < 0)
        return -2;
    if (*p == 'K' || *p == 'k')
        v *= 1e3, p++;
    else if (*p == 'M' || *p == 'm')
        v *= 1e6, p++;
    while (isspace((unsigned char)*p))
        p++;
    /* A range continues with a dash (ASCII or U+2013); anything else is junk. */
    if (*p && *p != '-' && strncmp(p, "\xe2\x80\x93", 3) != 0)
        return -2;
    if (v > 1e12)
        return -2;
    return (long long)(v + 0.5);
}

/* "$12.34", "12.34", "" -> -1 when empty. -2 when junk. */
static double parse_money(const char *s)
{
    while (isspace((unsigned char)*s) || *s == '$')
        s++;
    if (!*s || strcmp(s, "--") == 0)
        return -1;
    char *t = xstrdup(s), *w = t;
    for (const char *p = t; *p; p++)
        if (*p != ',')
            *w++ = *p;
    *w = '\0';
    double v;
    int bad = util_parse_double(t, &v) != 0 || v < 0;
    free(t);
    return bad ? -2 : v;
}

/* "Low"/"Medium"/"High" (0.2/0.5/0.8), 0..1, or a 0..100 index. */
static double parse_competition(const char *s, int indexed)
{
    while (isspace((unsigned char)*s))
        s++;
    if (!*s || strcmp(s, "--") == 0)
        return -1;
    if (strcasecmp(s, "low") == 0)
        return 0.2;
    if (strcasecmp(s, "medium") == 0)
        return 0.5;
    if (strcasecmp(s, "high") == 0)
        return 0.8;
    double v;
    if (util_parse_double(s, &v) != 0 || v < 0)
        return -2;
    if (indexed || v > 1)
        v /= 100.0;
    return v > 1 ? -2 : v;
}

static const char *cell(const struct csv_row *r, int col)
{
    return col >= 0 && (size_t)col < r->n ? r->field[col] : "";
}

struct cols {
    int kw, vol, cpc_lo, cpc_hi, cpc, comp, comp_idx;
};

static int emit(const struct csv_row *row, const struct cols *c, const char *name, long line,
                const char *source, int (*fn)(const struct store_volume *, void *), void *arg)
{
    const char *k = cell(row, c->kw);
    char *q = research_normalise(k);
    if (!*q) {
        free(q);
        return error("'%s':%ld: empty keyword", name, line);
    }
    struct store_volume v = {.query = q, .location = NULL, .source = (char *)source};
    v.volume = parse_volume(cell(row, c->vol));
    if (v.volume == -2) {
        error("'%s':%ld: volume '%s' is not a number", name, line, cell(row, c->vol));
        free(q);
        return -1;
    }
    v.cpc = -1;
    if (c->cpc >= 0) {
        v.cpc = parse_money(cell(row, c->cpc));
    } else if (c->cpc_lo >= 0 || c->cpc_hi >= 0) {
        double lo = parse_money(cell(row, c->cpc_lo)), hi = parse_money(cell(row, c->cpc_hi));
        if (lo == -2 || hi == -2)
            v.cpc = -2;
        else if (lo >= 0 && hi >= 0)
            v.cpc = (lo + hi) / 2; /* middle of the top-of-page bid range */
        else
            v.cpc = lo >= 0 ? lo : hi;
    }
    if (v.cpc == -2) {
        error("'%s':%ld: cost per click is not a number", name, line);
        free(q);
        return -1;
    }
    v.competition = -1;
    if (c->comp_idx >= 0 && *cell(row, c->comp_idx))
        v.competition = parse_competition(cell(row, c->comp_idx), 1);
    else if (c->comp >= 0)
        v.competition = parse_competition(cell(row, c->comp), 0);
    if (v.competition == -2) {
        error("'%s':%ld: competition must be low/medium/high, 0..1 or 0..100", name, line);
        free(q);
        return -1;
    }
    int rc = fn(&v, arg);
    free(q);
    return rc;
}

static int find(const struct csv_row *h, const char *a, const char *b, const char *c)
{
    const char *names[] = {a, b, c, NULL};
    return csv_find_column(h, names);
}

long research_volume_parse(const char *buf, size_t len, const char *name,
                           int (*fn)(const struct store_volume *v, void *arg), void *arg)
{
    char *conv = NULL;
    if (looks_utf16(buf, len)) {
        size_t clen;
        if (!(conv = research_utf16_to_utf8(buf, len, &clen))) {
            error("'%s': looks like UTF-16 but does not decode (truncated or not text)", name);
            return -1;
        }
        buf = conv, len = clen;
    } else if (!util_utf8_valid(buf, len)) {
        error("'%s': neither UTF-8 nor UTF-16 text (expected a Keyword Planner export or "
              "a keyword,volume CSV)",
              name);
        return -1;
    }
    /* A Keyword Planner export: a "Keyword" header row with "Avg. monthly
     * searches" within the first few rows, tab-separated (comma for the
     * CSV download). */
    char sep = memchr(buf, '\t', len) ? '\t' : ',';
    struct csv_reader r;
    struct csv_row row = CSV_ROW_INIT;
    struct cols c = {-1, -1, -1, -1, -1, -1, -1};
    const char *source = NULL;
    long rows = 0, bad = 0;
    int got;
    csv_reader_init(&r, buf, len, sep);
    for (int i = 0; i < 5 && (got = csv_read_row(&r, &row)) != 0; i++) {
        if (got < 0)
            continue;
        c.kw = find(&row, "Keyword", NULL, NULL);
        c.vol = find(&row, "Avg. monthly searches", NULL, NULL);
        if (c.kw >= 0 && c.vol >= 0) {
            source = "keyword-planner";
            c.cpc_lo = find(&row, "Top of page bid (low range)", NULL, NULL);
            c.cpc_hi = find(&row, "Top of page bid (high range)", NULL, NULL);
            c.comp = find(&row, "Competition", NULL, NULL);
            c.comp_idx = find(&row, "Competition (indexed value)", NULL, NULL);
            break;
        }
    }
    if (!source) {
        /* Plain CSV: header optional. */
        csv_reader_init(&r, buf, len, ',');
        got = csv_read_row(&r, &row);
        if (got != 1 || row.n < 2) {
            error("'%s':1: not a Keyword Planner export (no 'Keyword' and 'Avg. monthly "
                  "searches' header) nor a keyword,volume[,cpc,competition] CSV",
                  name);
            csv_row_release(&row);
            free(conv);
            return -1;
        }
        source = "csv";
        c.kw = find(&row, "keyword", "query", "Keyword");
        c.vol = find(&row, "volume", "searches", "search volume");
        if (c.kw >= 0 && c.vol >= 0) {
            c.cpc = find(&row, "cpc", "cost per click", NULL);
            c.comp = find(&row, "competition", NULL, NULL);
        } else if (parse_volume(row.field[1]) >= -1 && *row.field[1]) {
            /* no header: positional keyword,volume[,cpc,competition] */
            c = (struct cols){0, 1, -1, -1, 2, 3, -1};
            if (emit(&row, &c, name, r.line, source, fn, arg) != 0)
                bad++;
            else
                rows++;
        } else {
            error("'%s':1: header must name 'keyword' and 'volume' columns (found '%s', '%s')",
                  name, row.field[0], row.field[1]);
            csv_row_release(&row);
            free(conv);
            return -1;
        }
    }
    while ((got = csv_read_row(&r, &row)) != 0) {
        if (got < 0) {
            error("'%s':%ld: malformed row", name, r.line);
            bad++;
            continue;
        }
        if (row.n == 1 && row.field[0][0] == '\0')
            continue;
        if ((size_t)c.vol >= row.n) {
            error("'%s':%ld: %zu field(s), expected at least %d", name, r.line, row.n, c.vol + 1);
            bad++;
            continue;
        }
        if (emit(&row, &c, name, r.line, source, fn, arg) != 0)
            bad++;
        else
            rows++;
        if (bad > 20) {
            error("'%s': too many bad rows, giving up", name);
            break;
        }
    }
    csv_row_release(&row);
    free(conv);
    return bad ? -1 : rows;
}
