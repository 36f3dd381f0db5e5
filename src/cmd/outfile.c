/* outfile.c - default output paths for chart and report (see outfile.h). */
#include "outfile.h"

#include <errno.h>
#include <sys/stat.h>

#include "util.h"

char *cmd_safe_name(const char *s)
{
    char *out = xstrdup(s && *s ? s : "site");
    for (char *p = out; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '-'))
            *p = '-';
    if (out[0] == '.')
        out[0] = '-';
    return out;
}

int cmd_ensure_dir(const char *dir)
{
    if (mkdir(dir, 0755) != 0 && errno != EEXIST)
        return error("cannot create '%s': %s", dir, strerror(errno));
    return 0;
}
