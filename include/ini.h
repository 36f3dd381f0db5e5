/* ini.h - serptrack.conf reader. Sections and keys are case-insensitive,
 * values are trimmed; '#' and ';' start comments at line start or after
 * whitespace. A value in "..." or '...' is taken literally without the
 * quotes; only a comment may follow the closing quote. A leading UTF-8 BOM
 * is skipped. The low-level parser under config_load() (config.h), which
 * reads every key once into typed values; modules read struct config, not
 * this. */
#ifndef SERPTRACK_INI_H
#define SERPTRACK_INI_H

#include <stddef.h>

struct ini_entry {
    char *section; /* owned, lower-case, "" before the first [section] */
    char *key;     /* owned, lower-case */
    char *value;   /* owned */
    int line;
};

struct ini {
    struct ini_entry *e;
    size_t n, cap;
    char *path; /* owned; NULL when no file was read */
};

/* Parses text (path only names it in messages). Returns 0, or -1 after
 * printing "serptrack: PATH:LINE: why" for the first malformed line. */
int ini_parse(struct ini *ini, const char *text, size_t len, const char *path);
/* Loads path. A missing file is not an error when optional is set (empty
 * config). Warns when the file is readable by group or others, since it may
 * hold API keys and proxy passwords. */
int ini_load(struct ini *ini, const char *path, int optional);
void ini_release(struct ini *ini);

/* Borrowed value or def when absent. Last definition wins. */
const char *ini_get(const struct ini *ini, const char *section, const char *key, const char *def);
/* Typed getters: return def when absent, and def plus a warning when the
 * value does not parse or is out of range. */
long long ini_get_int(const struct ini *ini, const char *section, const char *key, long long def,
                      long long min, long long max);
double ini_get_double(const struct ini *ini, const char *section, const char *key, double def);
/* As ini_get_double, but a value outside min..max also warns (naming the
 * key, the range and def) and yields def. */
double ini_get_double_range(const struct ini *ini, const char *section, const char *key,
                            double def, double min, double max);
int ini_get_bool(const struct ini *ini, const char *section, const char *key, int def);
/* Calls fn for each section name starting with prefix (e.g. "engine."). */
void ini_each_section(const struct ini *ini, const char *prefix,
                      void (*fn)(const char *section, void *arg), void *arg);

#endif
