/* csv.h - RFC 4180 reading and writing. Every CSV the project reads (keyword
 * lists, volume exports, call logs) goes through csv_read_row, so quoting,
 * CRLF, a UTF-8 BOM and embedded newlines are handled in one place. */
#ifndef SERPTRACK_CSV_H
#define SERPTRACK_CSV_H

#include <stddef.h>
#include <stdio.h>

struct csv_reader {
    const char *buf; /* borrowed: the whole input */
    size_t len;
    size_t pos;
    char sep;        /* ',' by default; '\t' for Keyword Planner */
    long line;       /* 1-based line where the last row started */
    long next_line;
};

/* Fields of one row; owned by the row, released with csv_row_release. */
struct csv_row {
    char **field;
    size_t n;
    size_t cap;
};
#define CSV_ROW_INIT {NULL, 0, 0}

/* Starts reading buf (skipping a UTF-8 BOM). sep is ',' or '\t'. */
void csv_reader_init(struct csv_reader *r, const char *buf, size_t len, char sep);
/* Reads the next row into row (replacing its fields). Returns 1 on a row,
 * 0 at end of input, -1 on a malformed row (unterminated quote, a quote in
 * an unquoted field, a NUL byte); the reader then skips to the next line so
 * the caller can report r->line and go on. Fields are sanitised to UTF-8. */
int csv_read_row(struct csv_reader *r, struct csv_row *row);
void csv_row_release(struct csv_row *row);
/* Index of the header column matching one of names (case-insensitive,
 * trimmed), -1 when absent. names is NULL-terminated. */
int csv_find_column(const struct csv_row *header, const char *const *names);

/* Writes one field quoted per RFC 4180 when needed (separator, quote, CR,
 * LF) - and also, with a ' prefix, when it starts with = + - @ tab or CR so
 * a spreadsheet never runs it as a formula (a cell that is entirely a
 * number, like -3, is left alone). NULL writes an empty field. */
void csv_write_field(FILE *f, const char *s);
/* Writes n fields and CRLF. */
void csv_write_row(FILE *f, const char *const *fields, size_t n);

#endif
