/* map.c - a scan drawn as a text map (grid show) and as an inline SVG
 * heat map (the HTML report), one cell per point (see include/grid.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "grid.h"

/* ANSI colours of the bands on a terminal, in grid_band() order. */
static const char *const band_ansi[GRID_BANDS] = {"\033[1;32m", "\033[1;33m", "\033[1;31m",
                                                   "\033[90m", "\033[7m"};
#define ANSI_RESET "\033[0m"

void grid_xml_escape(strbuf *sb, const char *s)
{
    if (!s)
        return;
    char *clean = util_utf8_sanitize(s, strlen(s));
    for (const unsigned char *p = (const unsigned char *)clean; *p; p++) {
        switch (*p) {
        case '&': sb_adds(sb, "&amp;"); break;
        case '<': sb_adds(sb, "&lt;"); break;
        case '>': sb_adds(sb, "&gt;"); break;
        case '"': sb_adds(sb, "&quot;"); break;
        case '\'': sb_adds(sb, "&#39;"); break;
        default:
            /* XML 1.0 forbids most control characters outright */
            sb_addc(sb, *p < 0x20 || *p == 0x7f ? ' ' : (char)*p);
        }
    }
    free(clean);
}

/* index[row * size + col] = the index in p of that cell's point, or -1
 * (not scanned, or outside a hex). Points outside the grid are ignored;
 * allocated (free()). */
static long *cell_index(const struct model_grid *g, const struct model_grid_point *p, size_t n)
{
    size_t cells = (size_t)g->size * (size_t)g->size;
    long *idx = xmalloc((cells ? cells : 1) * sizeof *idx);
    for (size_t i = 0; i < cells; i++)
        idx[i] = -1;
    for (size_t i = 0; i < n; i++)
        if (p[i].row >= 0 && p[i].row < g->size && p[i].col >= 0 && p[i].col < g->size)
            idx[(size_t)p[i].row * (size_t)g->size + (size_t)p[i].col] = (long)i;
    return idx;
}

/* 1 when (row, col) is a point of g's shape. */
static int in_shape(const struct model_grid *g, int row, int col)
{
    if (g->shape != MODEL_GRID_HEX)
        return 1;
    int r = g->size / 2, q = col - r, ar = row - r;
    return abs(q) <= r && abs(ar) <= r && abs(q + ar) <= r;
}

/* The two characters of a cell. */
static void cell_text(const struct model_grid_point *pt, char out[3])
{
    if (!pt)
        memcpy(out, "..", 3);
    else if (pt->status == MODEL_BLOCKED)
        memcpy(out, "XX", 3);
    else if (pt->status != MODEL_OK)
        memcpy(out, "!!", 3);
    else if (grid_band(pt) == 3)
        memcpy(out, "--", 3);
    else
        snprintf(out, 3, "%2d", pt->local);
}

void grid_text_map(strbuf *sb, const struct model_grid *g, const struct model_grid_point *p,
                   size_t n, int tty)
{
    if (!g || !grid_size_ok(g->size))
        return;
    long *idx = cell_index(g, p, n);
    int r = g->size / 2;
    for (int row = 0; row < g->size; row++) {
        int first = 1;
        for (int col = 0; col < g->size; col++) {
            if (!in_shape(g, row, col))
                continue;
            if (first && g->shape == MODEL_GRID_HEX) {
                /* half a cell (2 columns) per step away from the middle row */
                int half = 2 * col + row - r;
                for (int k = 0; k < 2 * half; k++)
                    sb_addc(sb, ' ');
            }
            first = 0;
            long i = idx[(size_t)row * (size_t)g->size + (size_t)col];
            const struct model_grid_point *pt = i >= 0 ? &p[i] : NULL;
            char txt[3];
            cell_text(pt, txt);
            int centre = row == r && col == r;
            sb_addc(sb, centre ? '[' : ' ');
            if (tty && pt)
                sb_addf(sb, "%s%s%s", band_ansi[grid_band(pt)], txt, ANSI_RESET);
            else
                sb_adds(sb, txt);
            sb_addc(sb, centre ? ']' : ' ');
        }
        /* no trailing blanks: strip what the row ends with */
        while (sb->len && sb->buf[sb->len - 1] == ' ')
            sb->buf[--sb->len] = '\0';
        sb_addc(sb, '\n');
    }
    if (tty)
        sb_addf(sb, "key: [ ] centre, %s1-3%s, %s4-10%s, %s11-20%s, -- not found, XX blocked, "
                    "!! error\n",
                band_ansi[0], ANSI_RESET, band_ansi[1], ANSI_RESET, band_ansi[2], ANSI_RESET);
    else
        sb_adds(sb, "key: [ ] centre, -- not found, XX blocked, !! error\n");
    free(idx);
}

/* Where the cell of (row, col) starts, in cells: hex rows shift by half a
 * cell per row away from the middle, as the points lie. */
static double cell_x(const struct model_grid *g, int row, int col)
{
    if (g->shape != MODEL_GRID_HEX)
        return col;
    int mid = g->size / 2; /* the middle row: whole rows, on purpose */
    return col + (row - mid) / 2.0;
}

static void svg_title(strbuf *sb, const struct model_grid *g)
{
    sb_adds(sb, "<title>");
    grid_xml_escape(sb, g->query);
    sb_adds(sb, " \xe2\x80\x94 ");
    grid_xml_escape(sb, g->site);
    sb_addf(sb, " (%dx%d %s grid, %.0f m apart)</title>\n", g->size, g->size,
            grid_shape_name(g->shape), g->spacing_m);
}

static void svg_cell(strbuf *sb, const struct model_grid *g, const struct model_grid_point *pt,
                     int row, int col, double x, double y, double cell)
{
    int band = pt ? grid_band(pt) : 3;
    const char *what = !pt ? "not scanned"
                       : pt->status == MODEL_BLOCKED ? "blocked"
                       : pt->status != MODEL_OK     ? "error"
                       : band == 3                  ? "not found"
                                                    : NULL;
    sb_addf(sb, "<g><title>row %d, col %d: ", row + 1, col + 1);
    if (what)
        sb_adds(sb, what);
    else
        sb_addf(sb, "local position %d", pt->local);
    if (pt && pt->status == MODEL_OK && pt->position >= 1)
        sb_addf(sb, ", organic %d", pt->position);
    sb_adds(sb, "</title>");
    if (band == 4)
        sb_addf(sb, "<rect class=\"grid-cell\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                    "height=\"%.1f\" fill=\"url(#grid-hatch-%lld)\" stroke=\"#ffffff\"/>",
                x, y, cell, cell, g->id);
    else
        sb_addf(sb, "<rect class=\"grid-cell\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                    "height=\"%.1f\" fill=\"%s\" stroke=\"#ffffff\"%s/>",
                x, y, cell, cell, pt ? grid_band_colour(band) : "#f0f0f0",
                pt ? "" : " stroke-dasharray=\"2,2\"");
    if (pt) {
        char txt[3];
        cell_text(pt, txt);
        sb_addf(sb, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" text-anchor=\"middle\" "
                    "dominant-baseline=\"central\" fill=\"%s\">%s</text>",
                x + cell / 2, y + cell / 2, cell * 0.42,
                band == 0 || band == 2 || band == 4 ? "#ffffff" : "#000000",
                band == 4 ? (pt->status == MODEL_BLOCKED ? "X" : "!")
                          : band == 3 ? "\xe2\x80\x93" : txt + (txt[0] == ' '));
    }
    if (row == g->size / 2 && col == g->size / 2)
        sb_addf(sb, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
                    "stroke=\"#000000\" stroke-width=\"3\"><title>centre</title></rect>",
                x + 1.5, y + 1.5, cell - 3, cell - 3);
    sb_adds(sb, "</g>\n");
}

void grid_svg(strbuf *sb, const struct model_grid *g, const struct model_grid_point *p, size_t n,
              int width)
{
    if (!g || !grid_size_ok(g->size))
        return;
    if (width < 120)
        width = 120;
    const double pad = 4, legend_h = 26;
    double cell = (width - 2 * pad) / g->size;
    double height = 2 * pad + cell * g->size + legend_h;
    sb_addf(sb, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%.0f\" "
                "viewBox=\"0 0 %d %.0f\" role=\"img\" font-family=\"sans-serif\">\n",
            width, height, width, height);
    svg_title(sb, g);
    sb_addf(sb, "<defs><pattern id=\"grid-hatch-%lld\" width=\"6\" height=\"6\" "
                "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                "<rect width=\"6\" height=\"6\" fill=\"%s\"/>"
                "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#999999\" stroke-width=\"2\"/>"
                "</pattern></defs>\n",
            g->id, grid_band_colour(4));
    long *idx = cell_index(g, p, n);
    for (int row = 0; row < g->size; row++)
        for (int col = 0; col < g->size; col++) {
            if (!in_shape(g, row, col))
                continue;
            long i = idx[(size_t)row * (size_t)g->size + (size_t)col];
            svg_cell(sb, g, i >= 0 ? &p[i] : NULL, row, col, pad + cell_x(g, row, col) * cell,
                     pad + row * cell, cell);
        }
    free(idx);
    /* the legend: one swatch per band */
    double lx = pad, ly = 2 * pad + cell * g->size + 4, step = (width - 2 * pad) / GRID_BANDS;
    for (int b = 0; b < GRID_BANDS; b++, lx += step) {
        sb_addf(sb, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">%s</text>\n",
                lx, ly, b == 4 ? "#404040" : grid_band_colour(b), lx + 15, ly + 10,
                grid_band_label(b));
    }
    sb_adds(sb, "</svg>\n");
}
