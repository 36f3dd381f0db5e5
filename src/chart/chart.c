/* chart.c - gnuplot script writer and runner: many charts, one process,
 * data inline, every user string single-quoted (see include/chart.h). */
#include "chart.h"
#include "model.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <spawn.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* Colours a colour-blind reader can tell apart (Okabe-Ito). */
static const char *const chart_colours[] = {
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442",
};

int chart_format_of(const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (!dot || strchr(dot, '/'))
        return -1;
    if (strcasecmp(dot, ".png") == 0)
        return CHART_PNG;
    if (strcasecmp(dot, ".svg") == 0)
        return CHART_SVG;
    return -1;
}

void chart_quote(strbuf *sb, const char *s)
{
    /* Single quotes: gnuplot does no backtick command substitution, no
     * macro (@var) expansion and no backslash escapes inside them. The
     * only special character is ' itself; gnuplot's doubling ('') is not
     * safe (its scanner reads a leading '' as an empty string and then
     * resynchronises differently), so ' is drawn as U+2019 instead. */
    char *clean = util_utf8_sanitize(s ? s : "", s ? strlen(s) : 0);
    sb_addc(sb, '\'');
    for (const unsigned char *p = (const unsigned char *)clean; *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            sb_addc(sb, ' '); /* a newline would end the command */
        else if (*p == '\'')
            sb_adds(sb, "\xe2\x80\x99"); /* RIGHT SINGLE QUOTATION MARK */
        else
            sb_addc(sb, (char)*p);
    }
    sb_addc(sb, '\'');
    free(clean);
}

/* gnuplot opens "|cmd" as a pipe to a shell and may expand "~": anchor
 * every relative path at "./" so the name is only ever a file name. */
static int quote_path(strbuf *sb, const char *path)
{
    if (!path || !*path)
        return error("chart: no output file");
    /* chart_quote() would rewrite these, so gnuplot would write another
     * file than the one asked for: refuse them instead. */
    for (const unsigned char *p = (const unsigned char *)path; *p; p++)
        if (*p < 0x20 || *p == 0x7f || *p == '\'')
            return error("chart: output file name may not contain quotes or control characters");
    if (!util_utf8_valid(path, strlen(path)))
        return error("chart: output file name is not valid UTF-8");
    if (path[0] == '/') {
        chart_quote(sb, path);
    } else {
        char *p = xasprintf("./%s", path);
        chart_quote(sb, p);
        free(p);
    }
    return 0;
}

int chart_quote_path(strbuf *sb, const char *path)
{
    return quote_path(sb, path);
}

static void time_range(const struct chart *c, time_t *lo, time_t *hi)
{
    int any = 0;
    for (size_t p = 0; p < c->n_panels; p++)
        for (size_t s = 0; s < c->panels[p].n_series; s++)
            for (size_t i = 0; i < c->panels[p].series[s].n; i++) {
                time_t t = c->panels[p].series[s].pts[i].t;
                if (!any || t < *lo)
                    *lo = t;
                if (!any || t > *hi)
                    *hi = t;
                any = 1;
            }
    if (!any)
        *lo = *hi = util_day_start(util_now());
    if (*hi - *lo < DAY_SECS) { /* one day of data still gets a readable axis */
        *lo -= 43200;
        *hi += 43200;
    }
}

/* The y value for a mark drawn along the bottom edge of a panel. */
static double bottom_of(const struct chart_panel *p)
{
    return p->axis == CHART_AXIS_RANK ? (p->ymax > 1 ? p->ymax : 100) : 0;
}

/* Datablock names are generated from indexes only, never from user text. */
static int write_data(strbuf *sb, size_t c, size_t p, size_t s, const struct chart_series *se,
                      const struct chart_panel *pa)
{
    int values = 0, gap = 1;
    sb_addf(sb, "$d%zu_%zu_%zu << EOD\n", c, p, s);
    for (size_t i = 0; i < se->n; i++) {
        const struct chart_point *pt = &se->pts[i];
        if (pt->mark == CHART_VALUE && isfinite(pt->value)) {
            sb_addf(sb, "%lld %.6g\n", (long long)pt->t, pt->value);
            values++;
            gap = 0;
        } else if (!gap) {
            sb_addc(sb, '\n'); /* a blank line breaks the line: a gap */
            gap = 1;
        }
    }
    sb_adds(sb, "EOD\n");
    int marks[2] = {0, 0};
    for (int k = 0; k < 2; k++) {
        enum chart_mark want = k == 0 ? CHART_BLOCKED : CHART_FAILED;
        sb_addf(sb, "$%c%zu_%zu_%zu << EOD\n", k == 0 ? 'b' : 'f', c, p, s);
        for (size_t i = 0; i < se->n; i++)
            if (se->pts[i].mark == want) {
                sb_addf(sb, "%lld %.6g\n", (long long)se->pts[i].t, bottom_of(pa));
                marks[k]++;
            }
        sb_adds(sb, "EOD\n");
    }
    return values | (marks[0] ? 1 << 20 : 0) | (marks[1] ? 1 << 21 : 0);
}

static void write_panel(strbuf *sb, size_t c, size_t p, const struct chart_panel *pa,
                        int flags[])
{
    sb_adds(sb, "set ylabel ");
    chart_quote(sb, pa->ylabel);
    sb_addc(sb, '\n');
    if (pa->axis == CHART_AXIS_RANK) {
        double ymax = bottom_of(pa);
        /* Inverted: position 1 on top. Half a step of margin keeps the
         * points at 1 and at the bottom edge visible. */
        sb_addf(sb, "set yrange [%g:0.5]\n", ymax + 0.5);
        sb_addf(sb, "set ytics %s\nset ytics add (1)\n",
                ymax <= 10 ? "1" : ymax <= 30 ? "5" : "10");
        sb_adds(sb, "set mytics default\nset format y '%g'\n");
    } else {
        sb_adds(sb, "set yrange [-2:102]\nset ytics 20\nset format y '%g%%'\n");
    }
    int any = 0, blocked_keyed = 0, failed_keyed = 0;
    sb_adds(sb, "plot ");
    for (size_t s = 0; s < pa->n_series; s++) {
        const struct chart_series *se = &pa->series[s];
        size_t ci = se->colour > 0 ? (size_t)se->colour - 1 : s;
        const char *col = chart_colours[ci % ARRAY_SIZE(chart_colours)];
        if (flags[s] & 0xfffff) {
            sb_addf(sb, "%s$d%zu_%zu_%zu using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc rgb '%s'"
                        " dt %d title ",
                    any ? ", \\\n     " : "", c, p, s, col, se->dashed ? 2 : 1);
            chart_quote(sb, pa->series[s].label);
            any = 1;
        }
        if (!(flags[s] & 0xfffff)) { /* never had a value: still name it in the key */
            sb_addf(sb, "%sNaN with linespoints lw 2 pt 7 ps 0.5 lc rgb '%s' title ",
                    any ? ", \\\n     " : "", col);
            char *t = xasprintf("%s (no position in this period)",
                                pa->series[s].label ? pa->series[s].label : "");
            chart_quote(sb, t);
            free(t);
            any = 1;
        }
        /* One key entry for blocked and one for failed checks per panel. */
        if (flags[s] & (1 << 20)) {
            sb_addf(sb, "%s$b%zu_%zu_%zu using 1:2 with points pt 2 ps 1.3 lw 2 lc rgb '#E00000' %s",
                    any ? ", \\\n     " : "", c, p, s,
                    blocked_keyed++ ? "notitle" : "title 'check blocked'");
            any = 1;
        }
        if (flags[s] & (1 << 21)) {
            sb_addf(sb, "%s$f%zu_%zu_%zu using 1:2 with points pt 6 ps 1.0 lc rgb '#777777' %s",
                    any ? ", \\\n     " : "", c, p, s,
                    failed_keyed++ ? "notitle" : "title 'check failed'");
            any = 1;
        }
    }
    if (!any) /* nothing to draw: an empty, labelled frame rather than an error */
        sb_adds(sb, "NaN title 'no data in this period'");
    sb_addc(sb, '\n');
}

int chart_script(strbuf *sb, const struct chart *charts, size_t n)
{
    sb_adds(sb, "# serptrack chart script (user text only in single-quoted strings)\n"
                "set encoding utf8\n");
    for (size_t c = 0; c < n; c++) {
        const struct chart *ch = &charts[c];
        int fmt = chart_format_of(ch->out_path);
        if (fmt < 0)
            return error("chart: '%s': output must end in .png or .svg",
                         ch->out_path ? ch->out_path : "");
        size_t np = ch->n_panels ? ch->n_panels : 1;
        int height = np == 1 ? 520 : (int)(120 + 300 * np);
        if (fmt == CHART_PNG)
            sb_addf(sb, "set terminal pngcairo size 1000,%d font 'Sans,10' noenhanced "
                        "background '#ffffff'\n",
                    height);
        else
            sb_addf(sb, "set terminal svg size 1000,%d font 'Sans,11' noenhanced "
                        "background '#ffffff'\n",
                    height);
        sb_adds(sb, "set output ");
        if (quote_path(sb, ch->out_path) != 0)
            return -1;
        sb_adds(sb, "\nreset\nset termoption noenhanced\n");
        /* Data first: datablocks are defined at top level, before plots. */
        int *flags = xcalloc(np * 64 + 1, sizeof *flags);
        for (size_t p = 0; p < ch->n_panels; p++)
            for (size_t s = 0; s < ch->panels[p].n_series && s < 64; s++)
                flags[p * 64 + s] =
                    write_data(sb, c, p, s, &ch->panels[p].series[s], &ch->panels[p]);
        time_t lo, hi;
        time_range(ch, &lo, &hi);
        sb_addf(sb, "set xdata time\nset timefmt '%%s'\nset xrange ['%lld':'%lld']\n",
                (long long)lo, (long long)hi);
        sb_adds(sb, hi - lo > 200 * DAY_SECS ? "set format x '%b %Y'\n" : "set format x '%b %d'\n");
        sb_adds(sb, "set grid xtics ytics lc rgb '#dddddd'\n"
                    "set border 3 lc rgb '#444444'\nset tics nomirror\n"
                    "set key below left Left reverse horizontal maxcols 3 width 2 samplen 3\n"
                    "set lmargin 10\nset rmargin 4\n");
        if (np > 1) {
            sb_addf(sb, "set multiplot layout %zu,1 title ", np);
            chart_quote(sb, ch->title);
            sb_adds(sb, " font ',13'\n");
        } else {
            sb_adds(sb, "set title ");
            chart_quote(sb, ch->title);
            sb_adds(sb, " font ',13'\n");
        }
        if (ch->n_panels == 0) {
            struct chart_panel empty = {.ylabel = "", .axis = CHART_AXIS_RANK, .ymax = 100};
            write_panel(sb, c, 0, &empty, flags);
        }
        for (size_t p = 0; p < ch->n_panels; p++) {
            write_panel(sb, c, p, &ch->panels[p], &flags[p * 64]);
        }
        if (np > 1)
            sb_adds(sb, "unset multiplot\n");
        /* Closing the output flushes the file; dropping the datablocks
         * keeps a 200-chart script's memory flat. */
        sb_adds(sb, "set output\n");
        for (size_t p = 0; p < ch->n_panels; p++)
            for (size_t s = 0; s < ch->panels[p].n_series && s < 64; s++)
                sb_addf(sb, "undefine $d%zu_%zu_%zu $b%zu_%zu_%zu $f%zu_%zu_%zu\n", c, p, s, c, p,
                        s, c, p, s);
        free(flags);
    }
    return 0;
}

/* 1 when prog names an executable (a path, or a name found on $PATH).
 * Checked up front because some posix_spawnp implementations (and
 * valgrind's) report a missing program only as the child's exit 127. */
static int program_exists(const char *prog)
{
    if (strchr(prog, '/'))
        return access(prog, X_OK) == 0;
    const char *path = getenv("PATH");
    if (!path || !*path)
        path = "/usr/local/bin:/usr/bin:/bin";
    char *copy = xstrdup(path), *save = NULL;
    int found = 0;
    for (char *d = strtok_r(copy, ":", &save); d && !found; d = strtok_r(NULL, ":", &save)) {
        char *full = xasprintf("%s/%s", *d ? d : ".", prog);
        found = access(full, X_OK) == 0;
        free(full);
    }
    free(copy);
    return found;
}

static const char *gnuplot_prog(void)
{
    const char *prog = getenv("SERPTRACK_GNUPLOT");
    return prog && *prog ? prog : "gnuplot";
}

int chart_gnuplot_found(void)
{
    return program_exists(gnuplot_prog());
}

int chart_run_gnuplot(const char *script, size_t len)
{
    const char *prog = gnuplot_prog();
    if (!program_exists(prog))
        return error("chart: gnuplot not found (apt-get install gnuplot-nox)");
    int in[2];
    if (pipe(in) != 0)
        return error("chart: pipe: %s", strerror(errno));
    /* gnuplot's messages go to a temporary file, not a pipe, so a chatty
     * gnuplot can never block while we are still writing its script. */
    FILE *errf = tmpfile();
    if (!errf) {
        close(in[0]);
        close(in[1]);
        return error("chart: temporary file: %s", strerror(errno));
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, fileno(errf), 1);
    posix_spawn_file_actions_adddup2(&fa, fileno(errf), 2);
    posix_spawn_file_actions_addclose(&fa, in[1]);
    char *argv[] = {(char *)prog, NULL};
    pid_t pid;
    int rc = posix_spawnp(&pid, prog, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(in[0]);
    if (rc != 0) {
        close(in[1]);
        fclose(errf);
        if (rc == ENOENT)
            return error("chart: gnuplot not found (apt-get install gnuplot-nox)");
        return error("chart: cannot start '%s': %s", prog, strerror(rc));
    }
    /* A gnuplot that dies early must not kill us with SIGPIPE. */
    struct sigaction ign = {.sa_handler = SIG_IGN}, old;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGPIPE, &ign, &old);
    size_t off = 0;
    int werr = 0;
    while (off < len) {
        ssize_t w = write(in[1], script + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            werr = errno ? errno : EPIPE;
            break;
        }
        off += (size_t)w;
    }
    close(in[1]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    sigaction(SIGPIPE, &old, NULL);
    int ok = WIFEXITED(status) && WEXITSTATUS(status) == 0 && !werr;
    /* gnuplot echoes the failing command (long, and full of user text)
     * and then says "line N: what"; only that last part is worth showing. */
    char line[1024];
    int shown = 0;
    rewind(errf);
    while (fgets(line, sizeof line, errf)) {
        line[strcspn(line, "\r\n")] = '\0';
        const char *msg = strstr(line, "line ");
        int lineno;
        char colon;
        if (!msg || sscanf(msg, "line %d%c", &lineno, &colon) != 2 || colon != ':')
            continue;
        int is_warning = strstr(msg, "warning:") != NULL;
        if (!is_warning)
            ok = 0; /* a failed plot may still exit 0 */
        if ((!is_warning || util_verbose) && shown < 3) {
            char *clean = util_utf8_sanitize(msg, strlen(msg));
            for (char *p = clean; *p; p++)
                if ((unsigned char)*p < 0x20)
                    *p = ' ';
            warn("chart: gnuplot: %s", clean);
            free(clean);
            shown++;
        }
    }
    fclose(errf);
    if (!ok && WIFEXITED(status) && WEXITSTATUS(status) == 127 && !shown)
        return error("chart: gnuplot not found (apt-get install gnuplot-nox)");
    if (!ok)
        return error("chart: gnuplot failed (exit %d)",
                     WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return 0;
}

int chart_render(const struct chart *charts, size_t n)
{
    strbuf sb = STRBUF_INIT;
    if (chart_script(&sb, charts, n) != 0) {
        sb_release(&sb);
        return -1;
    }
    int rc = chart_run_gnuplot(sb_str(&sb), sb.len);
    sb_release(&sb);
    return rc;
}
