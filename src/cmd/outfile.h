/* outfile.h - default output paths shared by chart and report (private to
 * src/cmd/). */
#ifndef SERPTRACK_CMD_OUTFILE_H
#define SERPTRACK_CMD_OUTFILE_H

/* A file name from a domain or label: only [a-z0-9.-] survive, anything
 * else becomes '-', and it never starts with '.'. Caller frees. */
char *cmd_safe_name(const char *s);
/* Creates dir (0755) unless it exists; -1 with a message. */
int cmd_ensure_dir(const char *dir);

#endif
