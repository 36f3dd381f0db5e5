/* gsc.c - Google Search Console's Performance export (the Queries tab,
 * "Queries.csv") read into rows, and the site CTR curve fitted from those
 * rows. Pure: no store, no output; rows go to a callback.
 *
 * Number rules (a spreadsheet that re-saved the file may have localised
 * them): clicks and impressions are whole numbers, so "1,234", "1.234",
 * "1 234" and "1'234" are all 1234 and anything with a fractional part is
 * an error; in positions and CTRs a lone "," or "." is the decimal
 * separator ("3,2" = 3.2), and with both present the rightmost one is. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "ctr.h"
#include "research.h"
#include "util.h"

/* Header names as Search Console writes them, lower-case, per language:
 * en, de, fr, es, it, pt, nl, pl, ja (with the variants exports in the
 * wild show). */
static const char *const q_names[] = {
    "top queries", "query", "queries",
    "häufigste suchanfragen", "suchanfragen", "suchanfrage",
    "requêtes les plus fréquentes", "requêtes", "requête",
    "consultas principales", "consultas",
    "query principali", "query più frequenti",
    "principais consultas", "consultas principais", "consultas mais frequentes",
    "populairste zoekopdrachten", "zoekopdrachten",
    "najpopularniejsze zapytania", "najczęstsze zapytania", "zapytania",
    "上位のクエリ", "クエリ", NULL};
static const char *const clicks_names[] = {
    "clicks", "klicks", "clics", "clic", "cliques", "klikken", "kliknięcia", "クリック数", NULL};
static const char *const impr_names[] = {
    "impressions", "impressionen", "impresiones", "impressioni", "impressões",
    "vertoningen", "weergaven", "wyświetlenia", "表示回数", NULL};
static const char *const ctr_names[] = {
    "ctr", "klickrate", "durchschnittliche ctr", "taux de clics", "ctr moyen",
    "porcentaje de clics", "ctr media", "ctr medio", "taxa de cliques", "ctr média",
    "doorklikratio", "gemiddelde ctr", "współczynnik klikalności", "średni ctr", "平均 ctr",
    "平均ctr", NULL};
static const char *const pos_names[] = {
    "position", "average position", "durchschnittliche position", "position moyenne",
    "posición", "posición media", "posizione", "posizione media", "posição", "posição média",
    "positie", "gemiddelde positie", "pozycja", "średnia pozycja", "掲載順位", "平均掲載順位",
    NULL};
/* First columns of the report's other tabs: a file of one of them is named
 * as such instead of "no query column". */
static const struct {
    const char *name, *tab;
} other_tabs[] = {
    {"top pages", "Pages"}, {"page", "Pages"}, {"häufigste seiten", "Pages"},
    {"pages les plus populaires", "Pages"}, {"pages les plus fréquentes", "Pages"},
    {"páginas principales", "Pages"}, {"pagine principali", "Pages"},
    {"principais páginas", "Pages"}, {"páginas mais frequentes", "Pages"},
    {"populairste pagina's", "Pages"}, {"populairste paginas", "Pages"},
    {"najpopularniejsze strony", "Pages"}, {"上位のページ", "Pages"},
    {"country", "Countries"}, {"land", "Countries"}, {"pays", "Countries"},
    {"país", "Countries"}, {"paese", "Countries"}, {"kraj", "Countries"}, {"国", "Countries"},
    {"device", "Devices"}, {"gerät", "Devices"}, {"appareil", "Devices"},
    {"dispositivo", "Devices"}, {"apparaat", "Devices"}, {"urządzenie", "Devices"},
    {"デバイス", "Devices"},
    {"search appearance", "Search appearance"}, {"darstellung in der suche", "Search appearance"},
    {"apparence dans les résultats de recherche", "Search appearance"},
    {"date", "Dates (Chart.csv)"}, {"datum", "Dates (Chart.csv)"},
    {"fecha", "Dates (Chart.csv)"}, {"data", "Dates (Chart.csv)"}, {"日付", "Dates (Chart.csv)"},
    {"filter", "Filters"}, {"filtro", "Filters"}, {"filtre", "Filters"},
};

/* A header cell as compared: ASCII lower-case, whitespace runs to one
 * space, trimmed (the names above are written that way). Owned. */
static char *header_key(const char *s)
{
    char *k = xstrdup(s);
    for (char *p = k; *p; p++)
        if (*p == '\t' || *p == '\r' || *p == '\n' || *p == '"')
            *p = ' ';
    util_squeeze_space(k);
    return util_lower(k);
}

static int find_col(const struct csv_row *h, const char *const *names)
{
    for (size_t i = 0; i < h->n; i++) {
        char *k = header_key(h->field[i]);
        for (const char *const *n = names; *n; n++)
            if (strcmp(k, *n) == 0) {
                free(k);
                return (int)i;
            }
        free(k);
    }
    return -1;
}

/* Copies s without the spaces a locale groups digits with (ASCII space,
 * U+00A0, U+202F) and apostrophes (Swiss "1'234"). Owned. */
static char *strip_grouping(const char *s)
{
    char *t = xmalloc(strlen(s) + 1), *w = t;
    for (const char *p = s; *p;) {
        if (*p == ' ' || *p == '\t' || *p == '\'') {
            p++;
        } else if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0) {
            p += 2;
        } else if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
                   (unsigned char)p[2] == 0xAF) {
            p += 3;
        } else {
            *w++ = *p++;
        }
    }
    *w = '\0';
    return t;
}

int research_gsc_count(const char *s, long long *out)
{
    char *t = strip_grouping(s ? s : "");
    int ok = *t != '\0';
    char sep = 0;
    long long v = 0;
    int group = -1; /* digits since the last separator; -1 before the first */
    int lead = 0;   /* digits before the first separator */
    for (const char *p = t; *p && ok; p++) {
        if (isdigit((unsigned char)*p)) {
            if (v > (1LL << 50)) {
                ok = 0;
                break;
            }
            v = v * 10 + (*p - '0');
            if (group >= 0)
                group++;
            else
                lead++;
        } else if ((*p == ',' || *p == '.') && (!sep || sep == *p)) {
            /* a separator groups thousands: 1 to 3 digits before the
             * first, exactly 3 between and after */
            if ((group < 0 && (lead < 1 || lead > 3)) || (group >= 0 && group != 3))
                ok = 0;
            sep = *p;
            group = 0;
        } else {
            ok = 0;
        }
    }
    if (ok && group >= 0 && group != 3)
        ok = 0;
    free(t);
    if (ok)
        *out = v;
    return ok ? 0 : -1;
}

int research_gsc_decimal(const char *s, double *out)
{
    char *t = strip_grouping(s ? s : "");
    const char *comma = strrchr(t, ','), *dot = strrchr(t, '.');
    char dec = comma && dot ? (comma > dot ? ',' : '.') : comma ? ',' : '.';
    char grp = dec == ',' ? '.' : ',';
    /* the decimal separator once; the other one only groups digits before it */
    int n_dec = 0, ok = *t != '\0';
    char *w = t;
    for (const char *p = t; *p && ok; p++) {
        if (*p == dec) {
            n_dec++;
            *w++ = '.';
        } else if (*p == grp) {
            if (n_dec)
                ok = 0;
        } else if (isdigit((unsigned char)*p)) {
            *w++ = *p;
        } else {
            ok = 0;
        }
    }
    *w = '\0';
    double v = 0;
    if (ok && (n_dec > 1 || util_parse_double(t, &v) != 0 || !isfinite(v)))
        ok = 0;
    free(t);
    if (ok)
        *out = v;
    return ok ? 0 : -1;
}

/* "12.5%", "12,5 %", "0.125" (a fraction, as the API writes it) -> 0..1;
 * -1 when empty ("" or "-"), -2 when not a rate. */
static double parse_ctr(const char *s)
{
    char *t = strip_grouping(s ? s : "");
    size_t n = strlen(t);
    int pct = n && t[n - 1] == '%';
    if (pct)
        t[--n] = '\0';
    double v;
    double r;
    if (n == 0 || strcmp(t, "-") == 0)
        r = -1;
    else if (research_gsc_decimal(t, &v) != 0 || v < 0)
        r = -2;
    else if (pct)
        r = v > 100 ? -2 : v / 100;
    else
        r = v > 1 ? -2 : v;
    free(t);
    return r;
}

static const char *cell(const struct csv_row *r, int col)
{
    return col >= 0 && (size_t)col < r->n ? r->field[col] : "";
}

/* The separator of the header line: Search Console writes commas; a
 * spreadsheet in a decimal-comma locale re-saves with semicolons or tabs. */
static char guess_sep(const char *buf, size_t len)
{
    const char *eol = memchr(buf, '\n', len);
    size_t n = eol ? (size_t)(eol - buf) : len;
    int c = 0, s = 0, t = 0;
    for (size_t i = 0; i < n; i++)
        c += buf[i] == ',', s += buf[i] == ';', t += buf[i] == '\t';
    return t > c && t >= s ? '\t' : s > c ? ';' : ',';
}

static int parse_row(const struct csv_row *row, const int *col, const char *name, long line,
                     struct research_gsc_row *out)
{
    memset(out, 0, sizeof(*out));
    out->line = line;
    const char *q = cell(row, col[0]);
    out->query = research_normalise(q);
    if (!*out->query)
        return error("'%s':%ld: empty query", name, line);
    if (!util_utf8_valid(out->query, strlen(out->query)))
        return error("'%s':%ld: query is not UTF-8 text", name, line);
    if (research_gsc_count(cell(row, col[1]), &out->clicks) != 0)
        return error("'%s':%ld: clicks '%s' is not a whole number", name, line, cell(row, col[1]));
    if (research_gsc_count(cell(row, col[2]), &out->impressions) != 0)
        return error("'%s':%ld: impressions '%s' is not a whole number", name, line,
                     cell(row, col[2]));
    if (out->clicks > out->impressions)
        return error("'%s':%ld: %lld clicks but only %lld impressions", name, line, out->clicks,
                     out->impressions);
    out->ctr = col[3] >= 0 ? parse_ctr(cell(row, col[3])) : -1;
    if (out->ctr == -2)
        return error("'%s':%ld: CTR '%s' is not a rate (e.g. 12.5%% or 12,5 %%)", name, line,
                     cell(row, col[3]));
    if (out->ctr < 0) /* not given: what it is by definition */
        out->ctr = out->impressions ? (double)out->clicks / (double)out->impressions : 0;
    if (research_gsc_decimal(cell(row, col[4]), &out->position) != 0 || out->position < 1 ||
        out->position > 1000)
        return error("'%s':%ld: position '%s' is not an average position (1 or more, e.g. 3.2 or "
                     "3,2)",
                     name, line, cell(row, col[4]));
    return 0;
}

long research_gsc_parse(const char *buf, size_t len, const char *name,
                        int (*fn)(const struct research_gsc_row *r, void *arg), void *arg)
{
    char *conv = NULL;
    if (len >= 2 && (((unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE) ||
                     ((unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF))) {
        size_t clen;
        if (!(conv = research_utf16_to_utf8(buf, len, &clen)))
            return error("'%s': looks like UTF-16 but does not decode (truncated or not text)",
                         name);
        buf = conv, len = clen;
    } else if (memchr(buf, '\0', len) || !util_utf8_valid(buf, len)) {
        return error("'%s': not UTF-8 text (Search Console exports Queries.csv as UTF-8; "
                     "save it as UTF-8 CSV)",
                     name);
    }
    struct csv_reader r;
    struct csv_row row = CSV_ROW_INIT;
    csv_reader_init(&r, buf, len, guess_sep(buf, len));
    long rows = 0, bad = 0;
    int got = csv_read_row(&r, &row);
    if (got != 1) {
        csv_row_release(&row);
        free(conv);
        return error("'%s':1: %s", name, got == 0 ? "empty file" : "malformed header row");
    }
    int col[5] = {find_col(&row, q_names), find_col(&row, clicks_names),
                  find_col(&row, impr_names), find_col(&row, ctr_names),
                  find_col(&row, pos_names)};
    if (col[0] < 0 || col[1] < 0 || col[2] < 0 || col[4] < 0) {
        char *first = header_key(row.n ? row.field[0] : "");
        const char *tab = NULL;
        for (size_t i = 0; i < ARRAY_SIZE(other_tabs) && !tab; i++)
            if (strcmp(first, other_tabs[i].name) == 0)
                tab = other_tabs[i].tab;
        if (tab)
            error("'%s':1: this is the %s tab of the Performance export ('%s'), not Queries.csv; "
                  "import Queries.csv",
                  name, tab, row.field[0]);
        else
            error("'%s':1: not a Search Console Queries.csv: need the columns top queries, "
                  "clicks, impressions and position (in one of en, de, fr, es, it, pt, nl, pl, "
                  "ja); the first is '%s'",
                  name, row.n ? row.field[0] : "");
        free(first);
        csv_row_release(&row);
        free(conv);
        return -1;
    }
    while ((got = csv_read_row(&r, &row)) != 0) {
        if (got < 0) {
            error("'%s':%ld: malformed row", name, r.line);
            bad++;
        } else if (row.n == 1 && row.field[0][0] == '\0') {
            continue;
        } else {
            struct research_gsc_row g;
            if (parse_row(&row, col, name, r.line, &g) != 0 || fn(&g, arg) != 0)
                bad++;
            else
                rows++;
            free(g.query);
        }
        if (bad > 20) {
            error("'%s': too many bad rows, giving up", name);
            break;
        }
    }
    csv_row_release(&row);
    free(conv);
    return bad ? -1 : rows;
}

/* --- the site's CTR curve ------------------------------------------------------ */

double research_ctr_curve_at(const struct research_ctr_curve *c, int position)
{
    if (!c || !c->calibrated || position < 1 || position > 50)
        return ctr_at(position);
    if (position <= 10)
        return c->ctr[position];
    /* beyond page one the site has too few clicks to say anything: the
     * default taper at the site's overall level, never above position 10 */
    double v = ctr_at(position) * c->scale;
    return v < c->ctr[10] ? v : c->ctr[10];
}

void research_ctr_fit(const struct store_gsc_row *rows, size_t n, struct research_ctr_curve *c)
{
    memset(c, 0, sizeof(*c));
    double imp[11] = {0}, clk[11] = {0}, expect = 0;
    for (size_t i = 0; i < n; i++) {
        const struct store_gsc_row *r = &rows[i];
        if (r->impressions < RESEARCH_CTR_MIN_IMPRESSIONS || r->position > 10.5)
            continue;
        int b = (int)lround(r->position);
        b = b < 1 ? 1 : b > 10 ? 10 : b;
        imp[b] += (double)r->impressions;
        clk[b] += (double)r->clicks;
        expect += (double)r->impressions * ctr_at(b);
        c->queries++;
        c->impressions += r->impressions;
        c->clicks += r->clicks;
    }
    c->scale = 1;
    for (int b = 1; b <= 10; b++)
        c->ctr[b] = ctr_at(b);
    if (c->queries < RESEARCH_CTR_MIN_QUERIES) {
        c->why = "too few Search Console queries on page one with enough impressions";
        return;
    }
    c->calibrated = 1;
    /* The site's level against the default curve, with a prior worth
     * RESEARCH_CTR_PRIOR_CLICKS expected clicks at the default level. */
    double m = ((double)c->clicks + RESEARCH_CTR_PRIOR_CLICKS) / (expect + RESEARCH_CTR_PRIOR_CLICKS);
    c->scale = m < 0.25 ? 0.25 : m > 4 ? 4 : m;
    for (int b = 1; b <= 10; b++) {
        /* each position's own rate, shrunk toward the scaled default: a
         * bucket with RESEARCH_CTR_PRIOR_IMPRESSIONS impressions weighs
         * as much as the prior */
        double prior = c->scale * ctr_at(b);
        double v = (clk[b] + RESEARCH_CTR_PRIOR_IMPRESSIONS * prior) /
                   (imp[b] + RESEARCH_CTR_PRIOR_IMPRESSIONS);
        double lo = ctr_at(b) / 4, hi = ctr_at(b) * 4 < 0.6 ? ctr_at(b) * 4 : 0.6;
        c->ctr[b] = v < lo ? lo : v > hi ? hi : v;
        if (b > 1 && c->ctr[b] > c->ctr[b - 1]) /* a lower place never draws more */
            c->ctr[b] = c->ctr[b - 1];
    }
}
