/* outfile.h - output files of chart, report and export (private to
 * src/cmd/): default paths, the file mode, and atomic replacement through
 * a fresh temporary created next to the target. */
#ifndef SERPTRACK_CMD_OUTFILE_H
#define SERPTRACK_CMD_OUTFILE_H

#include <stdio.h>
#include <sys/types.h>

#include "config.h"

/* A file name from a domain or label: only [a-z0-9.-] survive, anything
 * else becomes '-', and it never starts with '.'. Caller frees. */
char *cmd_safe_name(const char *s);
/* Creates dir (0755) unless it exists; -1 with a message. */
int cmd_ensure_dir(const char *dir);

/* The mode of written outputs: opt (--mode) if given, else [output] mode,
 * else 0600. Both must be octal 0..0777; -1 with a message otherwise. */
int cmd_out_mode(const char *cmd, const char *opt, const struct config *cfg, mode_t *mode);

/* An output being written. tmp is a new file (mkstemp: O_EXCL, so never a
 * planted symlink) in the target's folder, so the rename is atomic. */
struct outfile {
    const char *cmd; /* borrowed: prefix of messages */
    char *target;    /* owned */
    char *tmp;       /* owned; NULL once committed or aborted */
    int fd;
    FILE *fp;        /* owned, from cmd_out_stream(); NULL until then */
    dev_t dev;
    ino_t ino;
    /* optional, set by the caller: 0 when the written file is complete
     * (e.g. a PNG ends with IEND); fd is open for reading */
    int (*check)(int fd, off_t size);
};

/* Creates the temporary for target; suffix (e.g. ".png", may be "") ends
 * its name. -1 with a one-line message. */
int cmd_out_begin(struct outfile *o, const char *cmd, const char *target, const char *suffix,
                  mode_t mode);
/* Writes all of data; -1 (errno set) on a short write. */
int cmd_out_write(struct outfile *o, const void *data, size_t len);
/* A stdio stream on the temporary (owned by o). NULL on failure. */
FILE *cmd_out_stream(struct outfile *o);
/* Closes the descriptor while another program writes o->tmp by name
 * (many charts must not hold a descriptor each); commit reopens it. */
void cmd_out_detach(struct outfile *o);
/* Checks the temporary is still ours and non-empty, flushes it to disk
 * and renames it over the target. On failure the target is untouched, the
 * temporary removed, and one line printed; returns -1. */
int cmd_out_commit(struct outfile *o);
/* outfile.check for a chart: 0 when the file is complete (a PNG ends with
 * its IEND chunk, an SVG with </svg>; gnuplot may exit 0 after a short
 * write). */
int cmd_chart_complete(int fd, off_t size);
/* Removes the temporary (if any) and frees o; the target is untouched.
 * Safe after cmd_out_commit() and on a zeroed struct. */
void cmd_out_abort(struct outfile *o);

#endif
