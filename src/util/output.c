/* output.c - table, CSV and JSON writers behind every --format option. */
#include "output.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "util.h"

int out_parse_format(const char *s, enum out_format *f)
{
    if (util_streq(s, "table"))
        *f = OUT_TABLE;
    else if (util_streq(s, "csv"))
        *f = OUT_CSV;
    else if (util_streq(s, "json"))
        *f = OUT_JSON;
    else
        return -1;
    return 0;
}

void out_init(struct out_table *t, struct out_col *cols, int ncols)
{
    memset(t, 0, sizeof *t);
    t->cols = cols;
    t->ncols = ncols;
}

void out_row(struct out_table *t)
{
    size_t need = (t->nrows + 1) * (size_t)t->ncols;
    GROW(t->cells, t->cap, need);
    memset(&t->cells[t->nrows * (size_t)t->ncols], 0, (size_t)t->ncols * sizeof *t->cells);
    t->nrows++;
}

static struct out_cell *cell(struct out_table *t, int col)
{
    struct out_cell *c = &t->cells[(t->nrows - 1) * (size_t)t->ncols + (size_t)col];
    free(c->s);
    free(c->display);
    memset(c, 0, sizeof *c);
    return c;
}

void out_str(struct out_table *t, int col, const char *s)
{
    struct out_cell *c = cell(t, col);
    if (s) {
        c->type = OUT_STR;
        /* Plain ASCII (the common case) is already clean: copy it without
         * the byte-by-byte UTF-8 pass. */
        size_t n = strlen(s);
        const unsigned char *p = (const unsigned char *)s;
        size_t i = 0;
        while (i < n && p[i] < 0x80)
            i++;
        if (i == n) {
            c->s = xmalloc(n + 1);
            memcpy(c->s, s, n + 1);
        } else {
            c->s = util_utf8_sanitize(s, n);
        }
    }
}

void out_int(struct out_table *t, int col, long long v)
{
    struct out_cell *c = cell(t, col);
    c->type = OUT_INT;
    c->i = v;
}

void out_real(struct out_table *t, int col, double v)
{
    struct out_cell *c = cell(t, col);
    c->type = OUT_REAL;
    c->r = v;
}

void out_bool(struct out_table *t, int col, int v)
{
    struct out_cell *c = cell(t, col);
    c->type = OUT_BOOL;
    c->i = v != 0;
}

void out_null(struct out_table *t, int col)
{
    cell(t, col);
}

void out_display(struct out_table *t, int col, const char *text)
{
    struct out_cell *c = &t->cells[(t->nrows - 1) * (size_t)t->ncols + (size_t)col];
    free(c->display);
    c->display = xstrdup(text);
}

void out_color(struct out_table *t, int col, int color)
{
    t->cells[(t->nrows - 1) * (size_t)t->ncols + (size_t)col].color = color;
}

int out_color_ok(FILE *f)
{
    const char *no = getenv("NO_COLOR");
    return !(no && *no) && isatty(fileno(f));
}

void out_clear(struct out_table *t)
{
    for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++) {
        free(t->cells[i].s);
        free(t->cells[i].display);
    }
    t->nrows = 0;
}

void out_release(struct out_table *t)
{
    for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++) {
        free(t->cells[i].s);
        free(t->cells[i].display);
    }
    free(t->cells);
    memset(t, 0, sizeof *t);
}

size_t out_width(const char *s)
{
    size_t w = 0;
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++)
        if ((*p & 0xc0) != 0x80)
            w++;
    return w;
}

/* "%lld" of v into buf (at least 21 bytes); returns buf. */
static const char *fmt_int(char *buf, long long v)
{
    char tmp[24];
    size_t n = 0;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    size_t k = 0;
    if (v < 0)
        buf[k++] = '-';
    while (n)
        buf[k++] = tmp[--n];
    buf[k] = '\0';
    return buf;
}

/* Plain text of a cell for table (table=1) or CSV. Returns a new string. */
static char *cell_text(const struct out_col *col, const struct out_cell *c, int table)
{
    if (table && c->display)
        return xstrdup(c->display);
    switch (c->type) {
    case OUT_STR:
        if (table) {
            /* A newline or tab inside a title must not break the grid. */
            char *s = xstrdup(c->s);
            for (char *p = s; *p; p++)
                if ((unsigned char)*p < 0x20)
                    *p = ' ';
            return s;
        }
        return xstrdup(c->s);
    case OUT_INT: {
        char buf[32];
        return xstrdup(fmt_int(buf, c->i));
    }
    case OUT_REAL:
        return xasprintf("%.*f", col->decimals, c->r);
    case OUT_BOOL:
        return xstrdup(c->i ? "true" : "false");
    default:
        return xstrdup(table ? "-" : "");
    }
}

static int write_table(FILE *f, const struct out_table *t)
{
    size_t *w = xcalloc((size_t)t->ncols, sizeof *w);
    char **text = xcalloc(t->nrows * (size_t)t->ncols + 1, sizeof *text);
    for (int j = 0; j < t->ncols; j++)
        w[j] = out_width(t->cols[j].title ? t->cols[j].title : t->cols[j].key);
    for (size_t i = 0; i < t->nrows; i++)
        for (int j = 0; j < t->ncols; j++) {
            size_t k = i * (size_t)t->ncols + (size_t)j;
            text[k] = cell_text(&t->cols[j], &t->cells[k], 1);
            /* Keep rows on one terminal line: cap wide text columns. */
            if (!t->cols[j].no_cut && out_width(text[k]) > 60) {
                size_t bytes = 0, cps = 0;
                while (text[k][bytes] && cps < 59) {
                    bytes++;
                    while ((text[k][bytes] & 0xc0) == 0x80)
                        bytes++;
                    cps++;
                }
                text[k][bytes] = '\0';
                char *e = xasprintf("%s\xe2\x80\xa6", text[k]);
                free(text[k]);
                text[k] = e;
            }
            size_t cw = out_width(text[k]);
            if (cw > w[j])
                w[j] = cw;
        }
    int color = out_color_ok(f);
    int first = 1;
    for (int j = 0; j < t->ncols; j++) {
        if (t->cols[j].table_hidden || t->cols[j].group)
            continue;
        const char *h = t->cols[j].title ? t->cols[j].title : t->cols[j].key;
        fprintf(f, "%s%s%*s", first ? "" : "  ", h, (int)(w[j] - out_width(h)), "");
        first = 0;
    }
    fputc('\n', f);
    /* the last shown column is not padded (no trailing blanks) */
    int last = -1;
    for (int j = 0; j < t->ncols; j++)
        if (!t->cols[j].table_hidden && !t->cols[j].group)
            last = j;
    for (size_t i = 0; i < t->nrows; i++) {
        /* group heading: the group columns' text, when it changes */
        int changed = 0, any = 0;
        for (int j = 0; j < t->ncols; j++) {
            if (!t->cols[j].group)
                continue;
            any = 1;
            if (i == 0 || strcmp(text[i * (size_t)t->ncols + (size_t)j],
                                 text[(i - 1) * (size_t)t->ncols + (size_t)j]) != 0)
                changed = 1;
        }
        if (any && changed) {
            first = 1;
            /* in the order the group numbers give */
            for (int g = 1; g <= t->ncols; g++)
                for (int j = 0; j < t->ncols; j++) {
                    if (t->cols[j].group != g)
                        continue;
                    fprintf(f, "%s%s", first ? "" : " \xc2\xb7 ",
                            text[i * (size_t)t->ncols + (size_t)j]);
                    first = 0;
                }
            fputc('\n', f);
        }
        first = 1;
        for (int j = 0; j < t->ncols; j++) {
            if (t->cols[j].table_hidden || t->cols[j].group)
                continue;
            size_t k = i * (size_t)t->ncols + (size_t)j;
            const char *s = text[k];
            int pad = (int)(w[j] - out_width(s));
            if (!first)
                fputs("  ", f);
            /* escapes around the text only: padding stays uncoloured */
            const char *on = !color                        ? ""
                             : t->cells[k].color == OUT_GREEN ? "\x1b[32m"
                             : t->cells[k].color == OUT_RED   ? "\x1b[31m"
                                                              : "";
            const char *off = *on ? "\x1b[0m" : "";
            if (t->cols[j].right)
                fprintf(f, "%*s%s%s%s", pad, "", on, s, off);
            else if (j == last)
                fprintf(f, "%s%s%s", on, s, off);
            else
                fprintf(f, "%s%s%s%*s", on, s, off, pad, "");
            first = 0;
        }
        fputc('\n', f);
    }
    for (size_t k = 0; k < t->nrows * (size_t)t->ncols; k++)
        free(text[k]);
    free(text);
    free(w);
    return 0;
}

int out_write_csv(FILE *f, const struct out_table *t, int header)
{
    for (int j = 0; header && j < t->ncols; j++) {
        if (j)
            fputc(',', f);
        csv_write_field(f, t->cols[j].key);
    }
    if (header)
        fputs("\r\n", f);
    for (size_t i = 0; i < t->nrows; i++) {
        for (int j = 0; j < t->ncols; j++) {
            const struct out_cell *c = &t->cells[i * (size_t)t->ncols + (size_t)j];
            if (j)
                fputc(',', f);
            /* Same text as cell_text(), without a heap copy per cell (a
             * 100k-keyword rank table has ~2M cells). */
            char buf[32];
            switch (c->type) {
            case OUT_STR:
                csv_write_field(f, c->s);
                break;
            case OUT_INT:
                csv_write_field(f, fmt_int(buf, c->i));
                break;
            case OUT_BOOL:
                fputs(c->i ? "true" : "false", f);
                break;
            case OUT_REAL: {
                char *s = cell_text(&t->cols[j], c, 0);
                csv_write_field(f, s);
                free(s);
                break;
            }
            default:
                break;
            }
        }
        fputs("\r\n", f);
    }
    return ferror(f) ? -1 : 0;
}

json_t *out_json(const struct out_table *t)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < t->nrows; i++) {
        json_t *o = json_object();
        for (int j = 0; j < t->ncols; j++) {
            const struct out_cell *c = &t->cells[i * (size_t)t->ncols + (size_t)j];
            json_t *v;
            switch (c->type) {
            case OUT_STR:
                v = json_string(c->s);
                break;
            case OUT_INT:
                v = json_integer(c->i);
                break;
            case OUT_REAL:
                v = json_real(c->r);
                break;
            case OUT_BOOL:
                v = json_boolean(c->i);
                break;
            default:
                v = json_null();
            }
            json_object_set_new(o, t->cols[j].key, v ? v : json_null());
        }
        json_array_append_new(arr, o);
    }
    return arr;
}

static int write_json(FILE *f, const struct out_table *t)
{
    json_t *arr = out_json(t);
    int rc = json_dumpf(arr, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', f);
    json_decref(arr);
    return rc;
}

int out_write(FILE *f, const struct out_table *t, enum out_format fmt)
{
    int rc;
    if (fmt == OUT_CSV)
        rc = out_write_csv(f, t, 1);
    else if (fmt == OUT_JSON)
        rc = write_json(f, t);
    else
        rc = write_table(f, t);
    if (fflush(f) != 0 || ferror(f))
        return -1;
    return rc;
}
