/* smtp.c - the simulator's SMTP sink: one thread, one client at a time
 * (alert mails are few), line-oriented, every read bounded by a timeout. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sim.h"
#include "smtp.h"

#define MAX_MAILS 200
#define MAX_MAIL (1 << 20)

static int lfd = -1;
static pthread_t thr;
static int running;
static volatile sig_atomic_t *stopflag;
static volatile sig_atomic_t stop_local;
static pthread_mutex_t mlock = PTHREAD_MUTEX_INITIALIZER;
static char *mails[MAX_MAILS];
static int nmails;

static int stopped(void)
{
    return stop_local || (stopflag && *stopflag);
}

/* Reads one CRLF line into out (truncated to n-1); 0 ok, -1 closed/timeout.
 * *bare is set when the line ended in a bare LF (if bare is not NULL). */
static int read_line(int fd, char *out, size_t n, char *rbuf, size_t *rlen, int *bare)
{
    for (int waited = 0;;) {
        char *nl = memchr(rbuf, '\n', *rlen);
        if (nl) {
            size_t l = (size_t)(nl - rbuf) + 1;
            size_t c = l - 1;
            if (c > 0 && rbuf[c - 1] == '\r')
                c--;
            else if (bare)
                *bare = 1;
            if (c >= n)
                c = n - 1;
            memcpy(out, rbuf, c);
            out[c] = '\0';
            memmove(rbuf, rbuf + l, *rlen - l);
            *rlen -= l;
            return 0;
        }
        if (*rlen >= 4096) { /* overlong line: drop it */
            *rlen = 0;
        }
        struct pollfd pf = {fd, POLLIN, 0};
        int pr = poll(&pf, 1, 100);
        if (pr < 0 || stopped())
            return -1;
        if (pr == 0) {
            if (++waited > 300) /* 30 s idle */
                return -1;
            continue;
        }
        ssize_t k = read(fd, rbuf + *rlen, 4096 - *rlen);
        if (k <= 0)
            return -1;
        *rlen += (size_t)k;
    }
}

static void say(int fd, const char *s)
{
    size_t n = strlen(s);
    while (n) {
        ssize_t k = write(fd, s, n);
        if (k <= 0)
            return;
        s += k;
        n -= (size_t)k;
    }
}

static void session(int fd)
{
    char rbuf[4097], line[4096];
    size_t rlen = 0;
    say(fd, "220 serpsim ESMTP ready\r\n");
    while (read_line(fd, line, sizeof line, rbuf, &rlen, NULL) == 0) {
        if (strncasecmp(line, "EHLO", 4) == 0) {
            say(fd, "250-serpsim\r\n250-8BITMIME\r\n250 SIZE 1048576\r\n");
        } else if (strncasecmp(line, "HELO", 4) == 0) {
            say(fd, "250 serpsim\r\n");
        } else if (strncasecmp(line, "MAIL", 4) == 0 || strncasecmp(line, "RCPT", 4) == 0 ||
                   strncasecmp(line, "RSET", 4) == 0 || strncasecmp(line, "NOOP", 4) == 0) {
            say(fd, "250 OK\r\n");
        } else if (strncasecmp(line, "DATA", 4) == 0) {
            say(fd, "354 End data with <CR><LF>.<CR><LF>\r\n");
            struct buf m = {0};
            int ok = 0, bare = 0;
            while (read_line(fd, line, sizeof line, rbuf, &rlen, &bare) == 0) {
                if (strcmp(line, ".") == 0) {
                    ok = 1;
                    break;
                }
                if (m.len < MAX_MAIL) {
                    buf_add(&m, line[0] == '.' ? line + 1 : line);
                    buf_add(&m, "\n");
                }
            }
            if (!ok) {
                buf_free(&m);
                return;
            }
            /* strict like Postfix's smtpd_forbid_bare_newline: a bare LF
             * in DATA is refused (issue 12 #27) */
            if (bare) {
                buf_free(&m);
                say(fd, "550 5.5.2 bare <LF> received\r\n");
                continue;
            }
            pthread_mutex_lock(&mlock);
            if (nmails < MAX_MAILS) {
                mails[nmails++] = m.p ? m.p : calloc(1, 1);
                m.p = NULL;
            }
            pthread_mutex_unlock(&mlock);
            buf_free(&m);
            say(fd, "250 OK queued\r\n");
        } else if (strncasecmp(line, "QUIT", 4) == 0) {
            say(fd, "221 Bye\r\n");
            return;
        } else {
            say(fd, "502 Command not implemented\r\n");
        }
    }
}

static void *loop(void *arg)
{
    (void)arg;
    while (!stopped()) {
        struct pollfd pf = {lfd, POLLIN, 0};
        if (poll(&pf, 1, 100) <= 0)
            continue;
        int fd = accept(lfd, NULL, NULL);
        if (fd < 0)
            continue;
        session(fd);
        close(fd);
    }
    return NULL;
}

int smtp_start(int port, volatile sig_atomic_t *stop)
{
    stopflag = stop;
    lfd = socket(AF_INET, SOCK_STREAM, 0);
    if (lfd < 0)
        return -1;
    int one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t al = sizeof a;
    if (bind(lfd, (struct sockaddr *)&a, sizeof a) < 0 || listen(lfd, 16) < 0 ||
        getsockname(lfd, (struct sockaddr *)&a, &al) < 0 || pthread_create(&thr, NULL, loop, NULL) != 0) {
        close(lfd);
        lfd = -1;
        return -1;
    }
    running = 1;
    return ntohs(a.sin_port);
}

void smtp_stop(void)
{
    if (running) {
        stop_local = 1;
        pthread_join(thr, NULL);
        running = 0;
    }
    if (lfd >= 0)
        close(lfd);
    lfd = -1;
    for (int i = 0; i < nmails; i++)
        free(mails[i]);
    nmails = 0;
}

void smtp_mails_json(json_t *arr)
{
    pthread_mutex_lock(&mlock);
    for (int i = 0; i < nmails; i++) {
        json_t *v = json_string(mails[i]);
        if (!v) {
            char *t = strdup(mails[i]);
            for (char *c = t; c && *c; c++)
                if ((unsigned char)*c >= 0x80) *c = '?';
            v = json_string(t ? t : "");
            free(t);
        }
        json_array_append_new(arr, v ? v : json_null());
    }
    pthread_mutex_unlock(&mlock);
}
