/* output.h - one writer for the three data formats every listing command
 * offers (--format table|csv|json). A command fills an out_table with typed
 * cells; the writer aligns the terminal table, quotes CSV per RFC 4180 and
 * builds JSON through jansson, so no command formats by hand. */
#ifndef SERPTRACK_OUTPUT_H
#define SERPTRACK_OUTPUT_H

#include <stdio.h>

enum out_format { OUT_TABLE = 0, OUT_CSV, OUT_JSON };

/* Parses "table", "csv" or "json"; -1 when unknown (prints nothing). */
int out_parse_format(const char *s, enum out_format *f);

enum out_type { OUT_NULL = 0, OUT_STR, OUT_INT, OUT_REAL, OUT_BOOL };

struct out_cell {
    enum out_type type;
    char *s;          /* owned; OUT_STR */
    long long i;      /* OUT_INT, OUT_BOOL */
    double r;         /* OUT_REAL */
    char *display;    /* owned, optional: table text when it differs (e.g. "+3", "blocked") */
    int color;        /* OUT_GREEN / OUT_RED in a table on a terminal; 0 = none */
};

enum { OUT_PLAIN = 0, OUT_GREEN, OUT_RED };

struct out_col {
    const char *key;   /* borrowed (string literal): JSON key and CSV header */
    const char *title; /* borrowed: table header; NULL = key */
    int right;         /* right-align in table */
    int table_hidden;  /* only in CSV/JSON */
    int decimals;      /* OUT_REAL in table/CSV */
    int no_cut;        /* table: never shorten this column's text (a message
                        * read in full), however wide */
    int group;         /* table: not a column but part of a heading line
                        * (1 first, 2 next...), printed when a group
                        * column's value changes from the row above (rows
                        * should come sorted by them); 0 = a column */
};

struct out_table {
    struct out_col *cols; /* borrowed */
    int ncols;
    struct out_cell *cells; /* owned; row-major */
    size_t nrows, cap;
};

/* cols must outlive the table. */
void out_init(struct out_table *t, struct out_col *cols, int ncols);
/* Adds a row; fill it with out_set_* (row index is t->nrows - 1). */
void out_row(struct out_table *t);
void out_str(struct out_table *t, int col, const char *s);   /* NULL = null */
void out_int(struct out_table *t, int col, long long v);
void out_real(struct out_table *t, int col, double v);
void out_bool(struct out_table *t, int col, int v);
void out_null(struct out_table *t, int col);
/* Table-only text for the last set cell of col in the current row. */
void out_display(struct out_table *t, int col, const char *text);
/* Colour for the table text of the last set cell of col in the current row. */
void out_color(struct out_table *t, int col, int color);
/* Whether a table written to f gets colours: f is a terminal and NO_COLOR
 * is unset or empty (https://no-color.org). */
int out_color_ok(FILE *f);
/* Writes the table; returns 0, or -1 when the stream failed (full disk,
 * closed pipe), which the caller reports. */
int out_write(FILE *f, const struct out_table *t, enum out_format fmt);
/* The rows of t as the JSON array out_write prints (one object per row,
 * keyed by column), for a command that wraps them in a larger object (a
 * list with its totals). New reference, owned by the caller (json_decref). */
struct json_t;
struct json_t *out_json(const struct out_table *t);
/* CSV rows of t (after the header row when header is set), for writers
 * that stream a table in pieces; -1 when the stream has failed. */
int out_write_csv(FILE *f, const struct out_table *t, int header);
/* Drops every row but keeps the cell storage, for writers that stream a
 * long table through out_write_csv() in pieces. */
void out_clear(struct out_table *t);
void out_release(struct out_table *t);
/* Display width of a UTF-8 string in terminal columns (code points). */
size_t out_width(const char *s);

#endif
