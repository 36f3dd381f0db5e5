/* util_time.c - the clock: now (or SERPTRACK_NOW in tests), UTC time
 * parsing and formatting without the C library's time zone handling, day
 * starts, the monotonic clock and sleeping. */
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

time_t util_now(void)
{
    const char *fake = getenv("SERPTRACK_NOW");
    time_t t;
    if (fake && *fake && util_parse_time(fake, &t) == 0)
        return t;
    return time(NULL);
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int util_days_in_month(int y, int mo)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (mo < 1 || mo > 12)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return days[mo - 1] + (mo == 2 && leap);
}

int util_parse_time(const char *s, time_t *out)
{
    int y, mo, d, h = 0, mi = 0, sec = 0;
    if (!s || strlen(s) < 10 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) ||
        s[7] != '-' || digits(s + 8, 2, &d))
        return -1;
    const char *p = s + 10;
    if (*p == 'T' || *p == ' ') {
        if (strlen(p) < 6 || digits(p + 1, 2, &h) || p[3] != ':' || digits(p + 4, 2, &mi))
            return -1;
        p += 6;
        if (*p == ':') {
            if (digits(p + 1, 2, &sec))
                return -1;
            p += 3;
        }
        if (*p == 'Z')
            p++;
    }
    if (*p != '\0')
        return -1;
    if (mo < 1 || mo > 12 || d < 1 || d > util_days_in_month(y, mo) || h > 23 || mi > 59 ||
        sec > 60 || y < 1970)
        return -1;
    /* Days from civil (Howard Hinnant): no timegm(), no TZ dependence. */
    int yy = y - (mo <= 2);
    long era = yy / 400;
    long yoe = yy - era * 400;
    long doy = (153L * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long long days = era * 146097LL + doe - 719468;
    *out = (time_t)(days * 86400LL + h * 3600LL + mi * 60LL + sec);
    return 0;
}

static void civil(time_t t, int *y, int *mo, int *d, int *h, int *mi, int *s)
{
    long long days = (long long)t / 86400, rem = (long long)t % 86400;
    if (rem < 0) {
        rem += 86400;
        days--;
    }
    days += 719468;
    long long era = (days >= 0 ? days : days - 146096) / 146097;
    long long doe = days - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *mo = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*mo <= 2));
    *h = (int)(rem / 3600);
    *mi = (int)(rem % 3600 / 60);
    *s = (int)(rem % 60);
}

char *util_fmt_time(time_t t, char buf[static 21])
{
    int y, mo, d, h, mi, s;
    civil(t, &y, &mo, &d, &h, &mi, &s);
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02dZ", y % 10000, mo, d, h, mi, s);
    memcpy(buf, tmp, 20);
    buf[20] = '\0';
    return buf;
}

char *util_fmt_date(time_t t, char buf[static 11])
{
    int y, mo, d, h, mi, s;
    civil(t, &y, &mo, &d, &h, &mi, &s);
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y % 10000, mo, d);
    memcpy(buf, tmp, 10);
    buf[10] = '\0';
    return buf;
}

time_t util_day_start(time_t t)
{
    long long r = (long long)t % 86400;
    if (r < 0)
        r += 86400;
    return t - (time_t)r;
}

double util_mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void util_sleep(double secs)
{
    if (!(secs > 0))
        return;
    struct timespec ts = {(time_t)secs, (long)((secs - (double)(time_t)secs) * 1e9)};
    while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
        ;
}
