/* util.h - the layer everything sits on: one way of reporting errors,
 * allocation that never returns NULL, growable strings, the clock, and
 * small string helpers. Depends on nothing else in serptrack.
 *
 * Ownership: functions returning char * return a heap string the caller
 * frees with free(), unless the comment says "static" or "borrowed". */
#ifndef SERPTRACK_UTIL_H
#define SERPTRACK_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Exit codes of every command (DESIGN.md): 0 ok, 1 runtime failure, 2 usage. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* --- messages -------------------------------------------------------------
 * All go to stderr as "serptrack: <what>: <why>", lowercase, no full stop.
 * error() returns -1 so callers can `return error("...")`. */
int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Debug/verbose line, printed only when util_verbose is set. */
extern int util_verbose;
void info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Secrets registered here are replaced by "***" in every message above,
 * so an API key or proxy password that ends up inside a curl error or a
 * URL never reaches the terminal or a log. Its percent-encoded and JSON
 * ("\/") forms are masked too, since servers echo them back. The string is
 * copied. */
void util_register_secret(const char *secret);
/* Masks every registered secret in s, in place (result never longer). */
void util_mask_secrets(char *s);

/* --- allocation: abort with a message on out-of-memory ---------------- */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);           /* NULL in, NULL out */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Grow *p (of *cap elements of size sz) to hold at least n elements. */
void util_grow(void **p, size_t *cap, size_t n, size_t sz);
#define GROW(arr, cap, n) util_grow((void **)&(arr), &(cap), (n), sizeof(*(arr)))

/* --- strbuf: a growable, always NUL-terminated byte string ------------- */
typedef struct strbuf {
    char *buf; /* owned; NULL until something is added */
    size_t len;
    size_t cap;
} strbuf;
#define STRBUF_INIT {NULL, 0, 0}
void sb_add(strbuf *sb, const void *data, size_t len);
void sb_adds(strbuf *sb, const char *s);
void sb_addc(strbuf *sb, char c);
void sb_addf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vaddf(strbuf *sb, const char *fmt, va_list ap);
void sb_reset(strbuf *sb);                 /* len = 0, keeps memory */
const char *sb_str(const strbuf *sb);      /* borrowed, "" when empty */
char *sb_detach(strbuf *sb);               /* caller owns; sb is reset */
void sb_release(strbuf *sb);

/* --- clock ---------------------------------------------------------------
 * util_now() is time(NULL) unless SERPTRACK_NOW=YYYY-MM-DDTHH:MM:SSZ is set
 * (tests and the demo's backfill of simulated days). */
time_t util_now(void);
/* Accepts YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][Z] and "YYYY-MM-DD HH:MM:SS"
 * (all UTC). Returns 0, or -1 without printing. */
int util_parse_time(const char *s, time_t *out);
/* Days in month mo (1-12) of year y, leap years counted; 0 for a bad month. */
int util_days_in_month(int y, int mo);
/* ISO 8601 UTC "2026-11-23T06:00:00Z" into buf[21]; returns buf. */
char *util_fmt_time(time_t t, char buf[static 21]);
/* "2026-11-23" into buf[11]; returns buf. */
char *util_fmt_date(time_t t, char buf[static 11]);
/* Midnight UTC of the day holding t. */
time_t util_day_start(time_t t);

/* --- strings ------------------------------------------------------------- */
int util_streq(const char *a, const char *b); /* NULL-safe */
int util_strcaseeq(const char *a, const char *b);
int util_starts_with(const char *s, const char *prefix);
/* Calls fn(arg, line, len) for each line of text (split at '\n', the
 * newline not passed; no call for "" or for the empty piece after a
 * final newline): how a store message holding several failures, one a
 * line, is said line by line. line is borrowed from text. */
void util_each_line(const char *text, void (*fn)(void *arg, const char *line, size_t len),
                    void *arg);
/* Levenshtein distance between a and b (bytes, case-insensitive ASCII),
 * for "did you mean" suggestions; strings longer than 64 bytes count as
 * far from everything (returns 1000). */
int util_edit_distance(const char *a, const char *b);
/* The candidate nearest to word (NULL-terminated list), when it is within
 * max(1, strlen(word) / 3) edits, else NULL. Borrowed from cands. */
const char *util_nearest(const char *word, const char *const *cands);
/* Collapse runs of whitespace to one space and trim both ends, in place. */
char *util_squeeze_space(char *s);
/* ASCII lower-case in place; returns s. */
char *util_lower(char *s);
/* 1 when s[0..len) is valid UTF-8 without NUL bytes. */
int util_utf8_valid(const char *s, size_t len);
/* Copy of s[0..len) with invalid UTF-8 sequences replaced by U+FFFD and
 * NUL bytes dropped: what every outside string goes through before it is
 * stored or shown. Caller frees. */
char *util_utf8_sanitize(const char *s, size_t len);
/* Parse a whole decimal integer/double; 0 on success, -1 otherwise. */
int util_parse_int(const char *s, long long min, long long max, long long *out);
int util_parse_double(const char *s, double *out);
/* Read a whole file (max bytes, 0 = no cap). Returns 0 or -1 with errno set
 * and nothing printed; *buf is NUL-terminated and owned by the caller. */
int util_read_file(const char *path, size_t max, char **buf, size_t *len);
/* Write data to path atomically (temp file + rename) with the given mode. */
int util_write_file(const char *path, const void *data, size_t len, int mode);
/* Monotonic clock in seconds, for pacing and benchmarks. */
double util_mono(void);
/* Sleep for secs (fractions allowed), restarting on EINTR. */
void util_sleep(double secs);

#endif
