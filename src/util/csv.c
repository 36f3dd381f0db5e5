/* csv.c - RFC 4180 reader and writer shared by every import and export. */
#include "csv.h"

#include <string.h>

#include "util.h"

void csv_reader_init(struct csv_reader *r, const char *buf, size_t len, char sep)
{
    memset(r, 0, sizeof *r);
    if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
        buf += 3;
        len -= 3;
    }
    r->buf = buf;
    r->len = len;
    r->sep = sep ? sep : ',';
    r->next_line = 1;
}

void csv_row_release(struct csv_row *row)
{
    for (size_t i = 0; i < row->n; i++)
        free(row->field[i]);
    free(row->field);
    row->field = NULL;
    row->n = row->cap = 0;
}

static void push_field(struct csv_row *row, strbuf *sb)
{
    GROW(row->field, row->cap, row->n + 1);
    row->field[row->n++] = util_utf8_sanitize(sb_str(sb), sb->len);
    sb_reset(sb);
}

static void skip_line(struct csv_reader *r)
{
    while (r->pos < r->len && r->buf[r->pos] != '\n')
        r->pos++;
    if (r->pos < r->len) {
        r->pos++;
        r->next_line++;
    }
}

int csv_read_row(struct csv_reader *r, struct csv_row *row)
{
    for (size_t i = 0; i < row->n; i++)
        free(row->field[i]);
    row->n = 0;
    if (r->pos >= r->len)
        return 0;
    r->line = r->next_line;
    strbuf sb = STRBUF_INIT;
    int quoted = 0, after_quote = 0, bad = 0;
    while (r->pos < r->len) {
        char c = r->buf[r->pos++];
        if (c == '\0') {
            bad = 1;
            break;
        }
        if (quoted) {
            if (c == '"') {
                if (r->pos < r->len && r->buf[r->pos] == '"') {
                    sb_addc(&sb, '"');
                    r->pos++;
                } else {
                    quoted = 0;
                    after_quote = 1;
                }
            } else {
                if (c == '\n')
                    r->next_line++;
                sb_addc(&sb, c);
            }
            continue;
        }
        if (c == r->sep) {
            push_field(row, &sb);
            after_quote = 0;
        } else if (c == '\r' && r->pos < r->len && r->buf[r->pos] == '\n') {
            continue;
        } else if (c == '\n') {
            r->next_line++;
            push_field(row, &sb);
            sb_release(&sb);
            return 1;
        } else if (c == '"') {
            if (sb.len > 0 || after_quote) {
                bad = 1;
                break;
            }
            quoted = 1;
        } else if (after_quote) {
            bad = 1;
            break;
        } else {
            sb_addc(&sb, c);
        }
    }
    if (quoted)
        bad = 1;
    if (bad) {
        sb_release(&sb);
        for (size_t i = 0; i < row->n; i++)
            free(row->field[i]);
        row->n = 0;
        if (r->pos > 0 && r->buf[r->pos - 1] != '\n')
            skip_line(r);
        return -1;
    }
    push_field(row, &sb);
    sb_release(&sb);
    return 1;
}

int csv_find_column(const struct csv_row *header, const char *const *names)
{
    for (size_t i = 0; i < header->n; i++) {
        char *h = util_squeeze_space(xstrdup(header->field[i]));
        for (const char *const *n = names; *n; n++) {
            if (util_strcaseeq(h, *n)) {
                free(h);
                return (int)i;
            }
        }
        free(h);
    }
    return -1;
}

void csv_write_field(FILE *f, const char *s)
{
    if (!s)
        return;
    /* Leading tab and CR also start formulas in some spreadsheets (OWASP
     * CSV injection). Only a cell that is wholly a finite number (-3, +1.5)
     * is data: "-1+1+cmd|..." starts like a number but is a formula. */
    double num;
    int formula = s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL &&
                  util_parse_double(s, &num) != 0;
    if (!formula && !strpbrk(s, ",\"\r\n\t")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    if (formula)
        fputc('\'', f);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', f);
        fputc(*p, f);
    }
    fputc('"', f);
}

void csv_write_row(FILE *f, const char *const *fields, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputc(',', f);
        csv_write_field(f, fields[i]);
    }
    fputs("\r\n", f);
}
