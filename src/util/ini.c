/* ini.c - the serptrack.conf reader: one flat INI file read by every module. */
#include "ini.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

int ini_parse(struct ini *ini, const char *text, size_t len, const char *path)
{
    const char *name = path ? path : "config";
    if (!util_utf8_valid(text, len))
        return error("%s: not a text file (invalid UTF-8 or NUL byte)", name);
    /* Editors on Windows save a UTF-8 byte order mark; it is not part of
     * the first line. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    char *copy = xstrndup(text, len);
    char *section = xstrdup("");
    int lineno = 0, rc = 0;
    for (char *line = copy, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        char *s = trim(line);
        if (!*s || *s == '#' || *s == ';')
            continue;
        if (*s == '[') {
            char *end = strchr(s, ']');
            if (!end || trim(end + 1)[0] != '\0') {
                rc = error("%s:%d: malformed section header", name, lineno);
                break;
            }
            *end = '\0';
            char *sec = trim(s + 1);
            if (!*sec) {
                rc = error("%s:%d: empty section name", name, lineno);
                break;
            }
            free(section);
            section = util_lower(xstrdup(sec));
            continue;
        }
        char *eq = strchr(s, '=');
        if (!eq) {
            rc = error("%s:%d: expected 'key = value'", name, lineno);
            break;
        }
        *eq = '\0';
        char *key = trim(s), *val = trim(eq + 1);
        if (!*key) {
            rc = error("%s:%d: missing key before '='", name, lineno);
            break;
        }
        if (*val == '"' || *val == '\'') {
            /* A quoted value ends at its closing quote; after it only
             * whitespace or a ';' / '#' comment may follow, so
             * `api_key = "K" ; note` reads K, not the comment. */
            char *close = strchr(val + 1, *val);
            if (!close) {
                rc = error("%s:%d: missing closing %c quote", name, lineno, *val);
                break;
            }
            char *rest = close + 1;
            while (*rest == ' ' || *rest == '\t')
                rest++;
            if (*rest && *rest != ';' && *rest != '#') {
                rc = error("%s:%d: unexpected text after the closing quote", name, lineno);
                break;
            }
            *close = '\0';
            val++;
        } else {
            /* An inline comment starts at ';' or '#' after whitespace, so
             * URLs with fragments and keys with '#' inside survive. Quote a
             * value to keep a literal " ;" in it. */
            for (char *c = val; *c; c++)
                if ((*c == ';' || *c == '#') && c > val && (c[-1] == ' ' || c[-1] == '\t')) {
                    *c = '\0';
                    val = trim(val);
                    break;
                }
        }
        GROW(ini->e, ini->cap, ini->n + 1);
        struct ini_entry *e = &ini->e[ini->n++];
        e->section = xstrdup(section);
        e->key = util_lower(xstrdup(key));
        e->value = xstrdup(val);
        e->line = lineno;
    }
    free(section);
    free(copy);
    return rc;
}

int ini_load(struct ini *ini, const char *path, int optional)
{
    char *buf;
    size_t len;
    if (util_read_file(path, 1 << 20, &buf, &len) != 0) {
        if (optional && errno == ENOENT)
            return 0;
        if (errno == EFBIG)
            return error("%s: config file larger than 1 MB", path);
        return error("%s: %s", path, strerror(errno));
    }
    struct stat st;
    if (stat(path, &st) == 0 && (st.st_mode & 077))
        warn("%s is readable by other users and may hold API keys; run: chmod 600 %s", path,
             path);
    free(ini->path);
    ini->path = xstrdup(path);
    int rc = ini_parse(ini, buf, len, path);
    free(buf);
    return rc;
}

void ini_release(struct ini *ini)
{
    for (size_t i = 0; i < ini->n; i++) {
        free(ini->e[i].section);
        free(ini->e[i].key);
        free(ini->e[i].value);
    }
    free(ini->e);
    free(ini->path);
    memset(ini, 0, sizeof *ini);
}

static const struct ini_entry *find(const struct ini *ini, const char *section, const char *key)
{
    for (size_t i = ini ? ini->n : 0; i-- > 0;)
        if (util_strcaseeq(ini->e[i].section, section) && util_strcaseeq(ini->e[i].key, key))
            return &ini->e[i];
    return NULL;
}

const char *ini_get(const struct ini *ini, const char *section, const char *key, const char *def)
{
    const struct ini_entry *e = find(ini, section, key);
    return e ? e->value : def;
}

long long ini_get_int(const struct ini *ini, const char *section, const char *key, long long def,
                      long long min, long long max)
{
    const struct ini_entry *e = find(ini, section, key);
    long long v;
    if (!e)
        return def;
    if (util_parse_int(e->value, min, max, &v) != 0) {
        warn("%s:%d: [%s] %s: expected an integer from %lld to %lld, using %lld",
             ini->path ? ini->path : "config", e->line, section, key, min, max, def);
        return def;
    }
    return v;
}

double ini_get_double(const struct ini *ini, const char *section, const char *key, double def)
{
    const struct ini_entry *e = find(ini, section, key);
    double v;
    if (!e)
        return def;
    if (util_parse_double(e->value, &v) != 0) {
        warn("%s:%d: [%s] %s: expected a number, using %g", ini->path ? ini->path : "config",
             e->line, section, key, def);
        return def;
    }
    return v;
}

double ini_get_double_range(const struct ini *ini, const char *section, const char *key,
                            double def, double min, double max)
{
    const struct ini_entry *e = find(ini, section, key);
    double v;
    if (!e)
        return def;
    if (util_parse_double(e->value, &v) != 0 || v < min || v > max) {
        warn("%s:%d: [%s] %s: expected a number from %g to %g, using %g",
             ini->path ? ini->path : "config", e->line, section, key, min, max, def);
        return def;
    }
    return v;
}

int ini_get_bool(const struct ini *ini, const char *section, const char *key, int def)
{
    const struct ini_entry *e = find(ini, section, key);
    if (!e)
        return def;
    const char *v = e->value;
    if (util_strcaseeq(v, "1") || util_strcaseeq(v, "yes") || util_strcaseeq(v, "true") ||
        util_strcaseeq(v, "on"))
        return 1;
    if (util_strcaseeq(v, "0") || util_strcaseeq(v, "no") || util_strcaseeq(v, "false") ||
        util_strcaseeq(v, "off"))
        return 0;
    warn("%s:%d: [%s] %s: expected yes or no, using %s", ini->path ? ini->path : "config",
         e->line, section, key, def ? "yes" : "no");
    return def;
}

void ini_each_section(const struct ini *ini, const char *prefix,
                      void (*fn)(const char *section, void *arg), void *arg)
{
    for (size_t i = 0; ini && i < ini->n; i++) {
        const char *s = ini->e[i].section;
        if (!util_starts_with(s, prefix))
            continue;
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(ini->e[j].section, s) == 0;
        if (!seen)
            fn(s, arg);
    }
}
