/* trackout.c - the terminal side of track/: its messages through the one
 * message sink (info only with --verbose, as before), the progress bar
 * (stderr, throttled to 10 Hz as curl's is), the summary line. */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "trackout.h"
#include "util.h"

static void say(enum track_level level, const char *msg, void *arg)
{
    (void)arg;
    switch (level) {
    case TRACK_INFO:
        info("%s", msg);
        break;
    case TRACK_WARN:
        warn("%s", msg);
        break;
    default:
        error("%s", msg);
        break;
    }
}

static int term_width(void)
{
    struct winsize ws;
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20)
        return ws.ws_col;
    return 80;
}

static void draw(const struct track_stats *s, double start, int final, void *arg)
{
    struct trackout *t = arg;
    double now = util_mono();
    if (!final && now - t->last_draw < 0.1)
        return;
    t->last_draw = now;
    size_t done = s->ok + s->blocked + s->error;
    double el = now - start;
    double rate = el > 0 ? (double)done / el : 0;
    char eta[32] = "--";
    if (rate > 0 && done < s->total) {
        long secs = (long)((double)(s->total - done) / rate);
        snprintf(eta, sizeof eta, "%ldm%02lds", secs / 60, secs % 60);
    }
    char line[256];
    int w = term_width();
    int bar = w - 70;
    if (bar > 40)
        bar = 40;
    strbuf b = STRBUF_INIT;
    if (bar >= 10) {
        int fill = s->total ? (int)((double)bar * (double)done / (double)s->total) : bar;
        sb_addc(&b, '[');
        for (int i = 0; i < bar; i++)
            sb_addc(&b, i < fill ? '#' : '.');
        sb_adds(&b, "] ");
    }
    snprintf(line, sizeof line, "%s %zu/%zu ok %zu blocked %zu error %zu %.1f/s ETA %s", sb_str(&b),
             done, s->total, s->ok, s->blocked, s->error, rate, eta);
    sb_release(&b);
    line[w - 1 < (int)sizeof line ? w - 1 : (int)sizeof line - 1] = '\0';
    fprintf(stderr, "\r%s\033[K", line);
    if (final)
        fputc('\n', stderr);
    fflush(stderr);
}

struct track_sink trackout_sink(struct trackout *t, int bar)
{
    struct track_sink k = {.say = say, .progress = bar ? draw : NULL, .arg = t};
    return k;
}

void trackout_summary(const char *label, const struct track_stats *s)
{
    size_t done = s->ok + s->blocked + s->error;
    fprintf(stderr, "%s: %zu checked: %zu ok, %zu blocked, %zu error", label, done, s->ok,
            s->blocked, s->error);
    if (done < s->total)
        fprintf(stderr, ", %zu not checked (budget)", s->total - done);
    fprintf(stderr, "; %lld requests in %.1f s\n", s->requests, s->secs);
}

void trackout_budget(const struct track_stats *s)
{
    for (size_t i = 0; i < s->n_stops; i++) {
        char *line = track_budget_line(&s->stops[i]);
        fprintf(stderr, "%s\n", line);
        free(line);
    }
}
