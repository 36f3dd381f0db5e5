/* calls.c - call-tracking exports (CallRail-style CSV and other layouts
 * through --map): columns found by their usual names, durations and times
 * in the shapes those exports use. Pure: calls go to a callback. */
#define _XOPEN_SOURCE 700 /* strptime */
#include <ctype.h>
#include <strings.h>

#include "csv.h"
#include "research.h"
#include "url.h"
#include "util.h"

int research_parse_duration(const char *s)
{
    if (!s)
        return -1;
    while (isspace((unsigned char)*s))
        s++;
    long parts[3];
    int np = 0;
    const char *p = s;
    while (np < 3) {
        if (!isdigit((unsigned char)*p))
            return -1;
        long v = 0;
        while (isdigit((unsigned char)*p)) {
            v = v * 10 + (*p++ - '0');
            if (v > 10000000)
                return -1;
        }
        parts[np++] = v;
        if (*p != ':')
            break;
        p++;
    }
    if (*p == 's')
        p++;
    while (isspace((unsigned char)*p))
        p++;
    if (*p)
        return -1;
    long secs = 0;
    for (int i = 0; i < np; i++) {
        if (i > 0 && parts[i] > 59)
            return -1;
        secs = secs * 60 + parts[i];
    }
    return secs > 10000000 ? -1 : (int)secs;
}

int research_parse_call_time(const char *s, time_t *out)
{
    /* Shapes call-tracking exports use; times are taken as UTC unless the
     * value carries an offset (%z). */
    static const char *const fmts[] = {
        "%Y-%m-%d %H:%M:%S %z", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d %I:%M:%S %p",
        "%Y-%m-%d %I:%M %p",    "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p",
        "%m/%d/%Y %H:%M:%S",    "%m/%d/%Y %H:%M",       "%m/%d/%Y",
    };
    char buf[64];
    size_t l = s ? strlen(s) : 0;
    if (l == 0 || l >= sizeof(buf))
        return -1;
    memcpy(buf, s, l + 1);
    util_squeeze_space(buf);
    if (util_parse_time(buf, out) == 0)
        return 0;
    for (size_t i = 0; i < ARRAY_SIZE(fmts); i++) {
        struct tm tm;
        memset(&tm, 0, sizeof(tm));
        const char *end = strptime(buf, fmts[i], &tm);
        if (!end || *end)
            continue;
        /* strptime takes 02/31; timegm would quietly make it March 3. */
        if (tm.tm_year < 70 || tm.tm_year > 1099 ||
            tm.tm_mday > util_days_in_month(tm.tm_year + 1900, tm.tm_mon + 1))
            return -1;
        long off = strstr(fmts[i], "%z") ? tm.tm_gmtoff : 0;
        tm.tm_isdst = 0;
        *out = timegm(&tm) - off;
        return 0;
    }
    return -1;
}

char *research_phone_key(const char *s, char buf[static 11])
{
    char digits[64];
    size_t n = 0;
    for (; s && *s && n < sizeof(digits) - 1; s++)
        if (isdigit((unsigned char)*s))
            digits[n++] = *s;
    if (n < 7)
        return NULL;
    size_t start = n > 10 ? n - 10 : 0;
    memcpy(buf, digits + start, n - start);
    buf[n - start] = '\0';
    return buf;
}

enum { F_TIME, F_DURATION, F_CALLER, F_TRACKING, F_SOURCE, F_SITE, F_ID, F_N };
static const char *const field_names[F_N] = {"time",   "duration", "caller", "tracking",
                                             "source", "site",     "id"};
/* The usual headers of CallRail, CallTrackingMetrics, WhatConverts and
 * generic exports, in order of preference. */
static const char *const aliases[F_N][9] = {
    {"Start Time", "Call Start Time", "Date", "Call Date", "Date/Time", "Time", "start_time",
     "called_at", NULL},
    {"Duration", "Duration (seconds)", "Call Duration", "Talk Time", "duration_seconds",
     "Duration (s)", NULL},
    {"Customer Phone Number", "Caller Number", "Caller", "From", "Caller ID", "caller_number",
     "Phone Number", NULL},
    {"Tracking Number", "Tracking Phone Number", "Number Called", "To", "Dialed Number",
     "tracking_number", NULL},
    {"Source", "Source Name", "Tracking Source", "Campaign", NULL},
    {"site", "Website", "domain", "Landing Page", NULL},
    {"Call Id", "id", "Call ID", "call_id", "Unique ID", NULL},
};

long research_calls_parse(const char *buf, size_t len, const char *name, const char *const *map,
                          int (*fn)(const struct research_call *c, void *arg), void *arg)
{
    struct csv_reader r;
    struct csv_row row = CSV_ROW_INIT;
    int col[F_N];
    csv_reader_init(&r, buf, len, ',');
    if (csv_read_row(&r, &row) != 1 || row.n < 2) {
        csv_row_release(&row);
        return error("'%s':1: no CSV header row", name);
    }
    for (int f = 0; f < F_N; f++)
        col[f] = csv_find_column(&row, aliases[f]);
    for (size_t i = 0; map && map[i]; i++) {
        const char *eq = strchr(map[i], '=');
        int f = -1;
        for (int k = 0; eq && k < F_N; k++)
            if (strlen(field_names[k]) == (size_t)(eq - map[i]) &&
                strncmp(map[i], field_names[k], (size_t)(eq - map[i])) == 0)
                f = k;
        if (f < 0) {
            csv_row_release(&row);
            return error("--map '%s': expected FIELD=Column with FIELD one of time, duration, "
                         "caller, tracking, source, site, id",
                         map[i]);
        }
        const char *one[2] = {eq + 1, NULL};
        if ((col[f] = csv_find_column(&row, one)) < 0) {
            csv_row_release(&row);
            return error("--map '%s': '%s' has no column '%s'", map[i], name, eq + 1);
        }
    }
    if (col[F_TIME] < 0 || col[F_DURATION] < 0) {
        csv_row_release(&row);
        return error("'%s':1: no call time or duration column (expected e.g. 'Start Time' and "
                     "'Duration'; use --map time=COLUMN,duration=COLUMN)",
                     name);
    }
    if (col[F_TRACKING] < 0 && col[F_SITE] < 0) {
        csv_row_release(&row);
        return error("'%s':1: no tracking number or site column to match calls to sites "
                     "(use --map tracking=COLUMN or site=COLUMN)",
                     name);
    }
    long rows = 0, bad = 0;
    int got;
    while ((got = csv_read_row(&r, &row)) != 0) {
        if (got < 0) {
            error("'%s':%ld: malformed row", name, r.line);
            bad++;
            continue;
        }
        if (row.n == 1 && row.field[0][0] == '\0')
            continue;
        const char *v[F_N];
        for (int f = 0; f < F_N; f++)
            v[f] = col[f] >= 0 && (size_t)col[f] < row.n ? row.field[col[f]] : NULL;
        struct research_call c = {.line = r.line};
        if (research_parse_call_time(v[F_TIME], &c.called_at) != 0) {
            error("'%s':%ld: call time '%s' not understood (expected e.g. 2026-11-20 14:05:00 "
                  "or 11/20/2026 2:05 PM)",
                  name, r.line, v[F_TIME] ? v[F_TIME] : "");
            bad++;
            continue;
        }
        if ((c.duration = research_parse_duration(v[F_DURATION])) < 0) {
            error("'%s':%ld: duration '%s' not understood (seconds or m:ss)", name, r.line,
                  v[F_DURATION] ? v[F_DURATION] : "");
            bad++;
            continue;
        }
        char key[11];
        c.caller = v[F_CALLER] && *v[F_CALLER] ? xstrdup(v[F_CALLER]) : NULL;
        c.tracking = v[F_TRACKING] && research_phone_key(v[F_TRACKING], key) ? xstrdup(key) : NULL;
        if (v[F_SOURCE] && *v[F_SOURCE])
            c.source = xstrdup(v[F_SOURCE]);
        else if (c.tracking)
            c.source = xstrdup(c.tracking);
        c.site = v[F_SITE] && *v[F_SITE] ? url_domain(v[F_SITE]) : NULL;
        c.ext_id = v[F_ID] && *v[F_ID] ? xstrdup(v[F_ID]) : NULL;
        if (fn(&c, arg) != 0)
            bad++;
        else
            rows++;
        free(c.caller);
        free(c.tracking);
        free(c.source);
        free(c.site);
        free(c.ext_id);
    }
    csv_row_release(&row);
    return bad ? -1 : rows;
}
