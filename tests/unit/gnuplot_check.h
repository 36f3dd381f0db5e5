/* gnuplot_check.h - the one check that user text in a gnuplot script is
 * inert, shared by test_chart.c (trend charts) and test_heatmap.c (grid
 * heat maps). Header-only, as each test is one .c linked on its own;
 * include it after cmocka.h. */
#ifndef SERPTRACK_TEST_GNUPLOT_CHECK_H
#define SERPTRACK_TEST_GNUPLOT_CHECK_H

#include <string.h>

/* Walks a gnuplot script the way gnuplot tokenises quotes and fails when
 * a backtick, a double quote or "system" appears outside a single-quoted
 * string, or a quoted string spans a line. Datablock bodies are skipped
 * (they hold only numbers, checked separately). */
static inline void assert_user_text_quoted(const char *script)
{
    int in_block = 0;
    const char *line = script;
    while (*line) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (in_block) {
            if (len == 3 && memcmp(line, "EOD", 3) == 0) {
                in_block = 0;
            } else {
                for (size_t i = 0; i < len; i++)
                    if (!strchr("0123456789.-+e ", line[i]))
                        fail_msg("non-numeric datablock line: %.*s", (int)len, line);
            }
        } else {
            int q = 0;
            for (size_t i = 0; i < len; i++) {
                char c = line[i];
                if (q) {
                    if (c == '\'')
                        q = 0;
                    continue;
                }
                if (c == '\'')
                    q = 1;
                else if (c == '`' || c == '"')
                    fail_msg("unquoted %c in script line: %.*s", c, (int)len, line);
                else if (strncmp(line + i, "system", 6) == 0)
                    fail_msg("unquoted system in: %.*s", (int)len, line);
            }
            if (q)
                fail_msg("quoted string runs past the line: %.*s", (int)len, line);
            if (len > 7 && strstr(line, "<< EOD") && (size_t)(strstr(line, "<< EOD") - line) < len)
                in_block = 1;
        }
        line += len + (end ? 1 : 0);
    }
}

#endif
