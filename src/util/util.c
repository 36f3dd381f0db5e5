/* util.c - messages, allocation, strbuf and string helpers shared by
 * every module. Kept free of any serptrack module so anything can use it. */
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int util_verbose;

/* --- messages ----------------------------------------------------------- */

static char **secrets;
static size_t n_secrets, cap_secrets;

static void add_secret(const char *secret)
{
    for (size_t i = 0; i < n_secrets; i++)
        if (strcmp(secrets[i], secret) == 0)
            return;
    /* Longest first, so a secret that contains another is masked whole. */
    size_t at = 0, len = strlen(secret);
    while (at < n_secrets && strlen(secrets[at]) >= len)
        at++;
    GROW(secrets, cap_secrets, n_secrets + 1);
    memmove(secrets + at + 1, secrets + at, (n_secrets - at) * sizeof *secrets);
    secrets[at] = xstrdup(secret);
    n_secrets++;
}

/* The forms a secret takes when a server or library echoes it back:
 * percent-encoded (upper- and lower-case hex, space as %20 or '+') and
 * JSON with "\/". Returns a new string; mode 0..3. */
static char *secret_variant(const char *s, int mode)
{
    const char *hex = mode == 1 ? "0123456789abcdef" : "0123456789ABCDEF";
    strbuf sb = STRBUF_INIT;
    sb_add(&sb, "", 0);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (mode == 3) {
            if (*p == '/')
                sb_addc(&sb, '\\');
            sb_addc(&sb, (char)*p);
        } else if (isalnum(*p) || *p == '-' || *p == '_' || *p == '.' || *p == '~') {
            sb_addc(&sb, (char)*p);
        } else if (mode == 2 && *p == ' ') {
            sb_addc(&sb, '+');
        } else {
            sb_addc(&sb, '%');
            sb_addc(&sb, hex[*p >> 4]);
            sb_addc(&sb, hex[*p & 15]);
        }
    }
    return sb_detach(&sb);
}

void util_register_secret(const char *secret)
{
    if (!secret || strlen(secret) < 3)
        return; /* masking "a" would mangle every message */
    add_secret(secret);
    for (int mode = 0; mode < 4; mode++) {
        char *v = secret_variant(secret, mode);
        add_secret(v);
        free(v);
    }
}

void util_mask_secrets(char *s)
{
    for (size_t i = 0; s && i < n_secrets; i++) {
        size_t sl = strlen(secrets[i]);
        char *p;
        while ((p = strstr(s, secrets[i])) != NULL) {
            p[0] = p[1] = p[2] = '*';
            memmove(p + 3, p + sl, strlen(p + sl) + 1);
        }
    }
}

static void vmessage(const char *prefix, const char *fmt, va_list ap)
{
    char line[4096];
    vsnprintf(line, sizeof line, fmt, ap);
    util_mask_secrets(line);
    /* One line per message, whatever the caller passed in. */
    for (char *p = line; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    fprintf(stderr, "serptrack: %s%s\n", prefix, line);
}

int error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("", fmt, ap);
    va_end(ap);
    return -1;
}

void warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("warning: ", fmt, ap);
    va_end(ap);
}

void info(const char *fmt, ...)
{
    if (!util_verbose)
        return;
    va_list ap;
    va_start(ap, fmt);
    vmessage("", fmt, ap);
    va_end(ap);
}

_Noreturn void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("", fmt, ap);
    va_end(ap);
    exit(EXIT_FAIL);
}

/* --- allocation ----------------------------------------------------------- */

static _Noreturn void oom(size_t n)
{
    fprintf(stderr, "serptrack: out of memory allocating %zu bytes\n", n);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom(n);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom(n * size);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom(n);
    return q;
}

char *xstrdup(const char *s)
{
    return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
    if (!s)
        return NULL;
    size_t len = strnlen(s, n);
    char *p = xmalloc(len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *xasprintf(const char *fmt, ...)
{
    strbuf sb = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    sb_vaddf(&sb, fmt, ap);
    va_end(ap);
    return sb_detach(&sb);
}

void util_grow(void **p, size_t *cap, size_t n, size_t sz)
{
    if (n <= *cap)
        return;
    size_t nc = *cap ? *cap : 8;
    while (nc < n) {
        if (nc > SIZE_MAX / 2 / sz)
            oom(SIZE_MAX);
        nc *= 2;
    }
    *p = xrealloc(*p, nc * sz);
    *cap = nc;
}

/* --- strbuf ------------------------------------------------------------- */

static void sb_reserve(strbuf *sb, size_t extra)
{
    if (sb->len + extra + 1 <= sb->cap)
        return;
    if (extra > SIZE_MAX / 2 - sb->len)
        oom(SIZE_MAX);
    size_t nc = sb->cap ? sb->cap : 64;
    while (nc < sb->len + extra + 1)
        nc *= 2;
    sb->buf = xrealloc(sb->buf, nc);
    sb->cap = nc;
}

void sb_add(strbuf *sb, const void *data, size_t len)
{
    sb_reserve(sb, len);
    if (len)
        memcpy(sb->buf + sb->len, data, len);
    sb->len += len;
    sb->buf[sb->len] = '\0';
}

void sb_adds(strbuf *sb, const char *s)
{
    if (s)
        sb_add(sb, s, strlen(s));
}

void sb_addc(strbuf *sb, char c)
{
    sb_add(sb, &c, 1);
}

void sb_vaddf(strbuf *sb, const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n < 0)
        return;
    sb_reserve(sb, (size_t)n);
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
}

void sb_addf(strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sb_vaddf(sb, fmt, ap);
    va_end(ap);
}

void sb_reset(strbuf *sb)
{
    sb->len = 0;
    if (sb->buf)
        sb->buf[0] = '\0';
}

const char *sb_str(const strbuf *sb)
{
    return sb->buf ? sb->buf : "";
}

char *sb_detach(strbuf *sb)
{
    char *p = sb->buf ? sb->buf : xstrdup("");
    sb->buf = NULL;
    sb->len = sb->cap = 0;
    return p;
}

void sb_release(strbuf *sb)
{
    free(sb->buf);
    sb->buf = NULL;
    sb->len = sb->cap = 0;
}

/* --- strings ------------------------------------------------------------ */

int util_streq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

int util_strcaseeq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
    return *a == *b;
}

int util_starts_with(const char *s, const char *prefix)
{
    return s && prefix && strncmp(s, prefix, strlen(prefix)) == 0;
}

void util_each_line(const char *text, void (*fn)(void *arg, const char *line, size_t len),
                    void *arg)
{
    while (text && *text) {
        size_t len = strcspn(text, "\n");
        fn(arg, text, len);
        text += len + (text[len] == '\n');
    }
}

char *util_squeeze_space(char *s)
{
    if (!s)
        return s;
    char *w = s;
    int space = 1; /* drops leading space */
    for (char *r = s; *r; r++) {
        if (isspace((unsigned char)*r)) {
            if (!space)
                *w++ = ' ';
            space = 1;
        } else {
            *w++ = *r;
            space = 0;
        }
    }
    if (w > s && w[-1] == ' ')
        w--;
    *w = '\0';
    return s;
}

char *util_lower(char *s)
{
    for (char *p = s; p && *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return s;
}

/* Length of the valid UTF-8 sequence at s (max n bytes), 0 when invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t len;
    unsigned min;
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf) {
        len = 2;
        min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3;
        min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4;
        min = 0x10000;
    } else
        return 0;
    if (n < len)
        return 0;
    unsigned cp = c & (0xff >> (len + 1));
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return len;
}

int util_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        if (p[i] == 0)
            return 0;
        size_t n = utf8_seq(p + i, len - i);
        if (!n)
            return 0;
        i += n;
    }
    return 1;
}

char *util_utf8_sanitize(const char *s, size_t len)
{
    strbuf sb = STRBUF_INIT;
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    sb_add(&sb, "", 0);
    while (s && i < len) {
        if (p[i] == 0) {
            i++;
            continue;
        }
        size_t n = utf8_seq(p + i, len - i);
        if (!n) {
            sb_adds(&sb, "\xef\xbf\xbd");
            i++;
        } else {
            sb_add(&sb, p + i, n);
            i += n;
        }
    }
    return sb_detach(&sb);
}

int util_parse_int(const char *s, long long min, long long max, long long *out)
{
    if (!s || !*s)
        return -1;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end != '\0' || v < min || v > max || isspace((unsigned char)*s))
        return -1;
    *out = v;
    return 0;
}

int util_parse_double(const char *s, double *out)
{
    if (!s || !*s || isspace((unsigned char)*s))
        return -1;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || *end != '\0' || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

int util_read_file(const char *path, size_t max, char **buf, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    /* Linux opens a directory for reading; its read error would be a bare EIO. */
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        errno = EISDIR;
        return -1;
    }
    strbuf sb = STRBUF_INIT;
    char chunk[65536];
    errno = 0;
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (max && sb.len + n > max) {
            sb_release(&sb);
            fclose(f);
            errno = EFBIG;
            return -1;
        }
        sb_add(&sb, chunk, n);
    }
    int err = ferror(f) ? (errno ? errno : EIO) : 0;
    fclose(f);
    if (err) {
        sb_release(&sb);
        errno = err;
        return -1;
    }
    *len = sb.len;
    *buf = sb_detach(&sb);
    return 0;
}

int util_write_file(const char *path, const void *data, size_t len, int mode)
{
    char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
    /* never through a planted symlink or into a file someone else made */
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0) {
        free(tmp);
        return -1;
    }
    const char *p = data;
    size_t left = len;
    while (left) {
        ssize_t w = write(fd, p, left);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        p += w;
        left -= (size_t)w;
    }
    int saved = errno;
    int bad = left != 0;
    if (!bad && fsync(fd) != 0) {
        bad = 1;
        saved = errno;
    }
    if (close(fd) != 0 && !bad) {
        bad = 1;
        saved = errno;
    }
    if (bad) {
        unlink(tmp);
        free(tmp);
        errno = saved ? saved : EIO;
        return -1;
    }
    if (rename(tmp, path) != 0) {
        saved = errno;
        unlink(tmp);
        free(tmp);
        errno = saved;
        return -1;
    }
    free(tmp);
    return 0;
}

int util_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return 1000;
    /* Damerau's restricted form: a swap of two neighbours ("rnak") is one
     * edit, as people mistype */
    int d[65][65];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            int ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
            int v = d[i - 1][j - 1] + (ca != cb);
            if (d[i - 1][j] + 1 < v)
                v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)a[i - 2]) == cb && d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    return d[la][lb];
}

const char *util_nearest(const char *word, const char *const *cands)
{
    int limit = (int)strlen(word) / 3;
    if (limit < 1)
        limit = 1;
    const char *best = NULL;
    int bd = limit + 1;
    for (size_t i = 0; cands[i]; i++) {
        int d = util_edit_distance(word, cands[i]);
        if (d < bd) {
            bd = d;
            best = cands[i];
        }
    }
    return best;
}
