/* outfile.c - output paths, modes and atomic writes for chart, report and
 * export (see outfile.h). */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

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

static int parse_mode(const char *s, mode_t *mode)
{
    if (!s || !*s)
        return -1;
    const char *d = s;
    while (d[0] == '0' && d[1])
        d++; /* 0640, 00640 and 640 alike */
    if (strlen(d) > 3)
        return -1;
    unsigned v = 0;
    for (const char *p = d; *p; p++) {
        if (*p < '0' || *p > '7')
            return -1;
        v = v * 8 + (unsigned)(*p - '0');
    }
    if (v > 0777)
        return -1;
    *mode = (mode_t)v;
    return 0;
}

int cmd_out_mode(const char *cmd, const char *opt, const struct config *cfg, mode_t *mode)
{
    *mode = 0600;
    if (opt) {
        if (parse_mode(opt, mode) != 0)
            return error("%s: --mode '%s': expected an octal mode from 0 to 0777 (e.g. 0640)",
                         cmd, opt);
        return 0;
    }
    const char *c = cfg ? cfg->output_mode : NULL;
    if (c && parse_mode(c, mode) != 0)
        return error("%s: [output] mode '%s': expected an octal mode from 0 to 0777 (e.g. 0640)",
                     cmd, c);
    return 0;
}

int cmd_out_begin(struct outfile *o, const char *cmd, const char *target, const char *suffix,
                  mode_t mode)
{
    memset(o, 0, sizeof *o);
    o->fd = -1;
    o->cmd = cmd;
    if (!target || !*target || target[strlen(target) - 1] == '/')
        return error("%s: '%s' is not a file name", cmd, target ? target : "");
    const char *slash = strrchr(target, '/');
    const char *base = slash ? slash + 1 : target;
    /* hidden, and named after the target so a leftover is recognisable */
    char *tmp = xasprintf("%.*s.%s.XXXXXX%s", slash ? (int)(slash - target + 1) : 0, target, base,
                          suffix);
    int fd = mkstemps(tmp, (int)strlen(suffix));
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return error("%s: cannot write '%s': %s", cmd, target, strerror(e));
    }
    struct stat sb;
    /* the mode is applied as given (the temporary starts at 0600), not
     * through the umask: --mode 0640 means 0640 */
    if (fcntl(fd, F_SETFD, FD_CLOEXEC) != 0 || fchmod(fd, mode) != 0 || fstat(fd, &sb) != 0) {
        int e = errno;
        close(fd);
        unlink(tmp);
        free(tmp);
        return error("%s: cannot write '%s': %s", cmd, target, strerror(e));
    }
    o->target = xstrdup(target);
    o->tmp = tmp;
    o->fd = fd;
    o->dev = sb.st_dev;
    o->ino = sb.st_ino;
    return 0;
}

int cmd_out_write(struct outfile *o, const void *data, size_t len)
{
    const char *p = data;
    while (len) {
        ssize_t w = write(o->fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = ENOSPC;
            return -1;
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

FILE *cmd_out_stream(struct outfile *o)
{
    if (!o->fp)
        o->fp = fdopen(o->fd, "w");
    return o->fp;
}

static int commit_fail(struct outfile *o, int e)
{
    error("%s: cannot write '%s': %s; the previous file (if any) is kept", o->cmd, o->target,
          strerror(e ? e : EIO));
    cmd_out_abort(o);
    return -1;
}

int cmd_out_commit(struct outfile *o)
{
    if (o->fp) {
        if (fflush(o->fp) != 0 || ferror(o->fp))
            return commit_fail(o, errno);
    }
    /* An external writer (gnuplot) wrote the temporary by name: make sure
     * the name still leads to the file we created, and never follow a
     * symlink put in its place. */
    int fd = open(o->tmp, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return commit_fail(o, errno);
    struct stat sb;
    int same = fstat(fd, &sb) == 0 && sb.st_dev == o->dev && sb.st_ino == o->ino &&
               S_ISREG(sb.st_mode);
    if (o->fd < 0) {
        o->fd = fd;
    } else {
        close(fd);
    }
    if (!same)
        return commit_fail(o, EEXIST);
    if (sb.st_size == 0) {
        error("%s: cannot write '%s': the output came out empty (disk full?); the previous "
              "file (if any) is kept", o->cmd, o->target);
        cmd_out_abort(o);
        return -1;
    }
    if (o->check && o->check(o->fd, sb.st_size) != 0) {
        error("%s: cannot write '%s': the output is incomplete (disk full?); the previous "
              "file (if any) is kept", o->cmd, o->target);
        cmd_out_abort(o);
        return -1;
    }
    if (fsync(o->fd) != 0)
        return commit_fail(o, errno);
    int rc = o->fp ? fclose(o->fp) : close(o->fd);
    o->fp = NULL;
    o->fd = -1;
    if (rc != 0)
        return commit_fail(o, errno);
    if (rename(o->tmp, o->target) != 0)
        return commit_fail(o, errno);
    free(o->tmp);
    o->tmp = NULL;
    cmd_out_abort(o);
    return 0;
}

void cmd_out_detach(struct outfile *o)
{
    if (o->fd >= 0 && !o->fp) {
        close(o->fd);
        o->fd = -1;
    }
}

void cmd_out_abort(struct outfile *o)
{
    if (o->fp)
        fclose(o->fp);
    else if (o->fd >= 0)
        close(o->fd);
    o->fp = NULL;
    o->fd = -1;
    if (o->tmp)
        unlink(o->tmp);
    free(o->tmp);
    free(o->target);
    o->tmp = NULL;
    o->target = NULL;
}
