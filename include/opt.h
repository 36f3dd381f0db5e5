/* opt.h - command options as a table that is also the --help text (after
 * git's parse-options and curl's tool_getparam), so help never drifts from
 * the code. Long options only, "--name value" or "--name=value"; "--" ends
 * options. Positional arguments are kept in order. */
#ifndef SERPTRACK_OPT_H
#define SERPTRACK_OPT_H

#include <stdio.h>

enum opt_type {
    OPT_END = 0,
    OPT_FLAG,   /* int *: set to 1 */
    OPT_STRING, /* const char **: borrowed from argv */
    OPT_INT,    /* long long *: checked against min..max */
    OPT_DOUBLE, /* double * */
    OPT_LIST,   /* struct opt_list *: repeatable */
};

struct opt_list {
    const char **v; /* owned array of borrowed argv strings */
    int n, cap;
};

struct opt {
    enum opt_type type;
    const char *name;    /* without the leading "--" */
    void *value;
    const char *argname; /* shown in help: "--depth N" */
    const char *help;
    long long min, max;  /* OPT_INT only; both 0 = any non-negative */
};

#define OPT_FLAG(n, v, h) {OPT_FLAG, (n), (v), NULL, (h), 0, 0}
#define OPT_STRING(n, v, a, h) {OPT_STRING, (n), (v), (a), (h), 0, 0}
#define OPT_INT(n, v, a, h, lo, hi) {OPT_INT, (n), (v), (a), (h), (lo), (hi)}
#define OPT_DOUBLE(n, v, a, h) {OPT_DOUBLE, (n), (v), (a), (h), 0, 0}
#define OPT_LIST(n, v, a, h) {OPT_LIST, (n), (v), (a), (h), 0, 0}
#define OPT_END() {OPT_END, NULL, NULL, NULL, NULL, 0, 0}

enum { OPT_HELP = -2, OPT_ERROR = -1 };

/* Parses argv[1..argc) (argv[0] is the command name) against opts. On
 * success moves positional arguments to argv[0..n) and returns n. On a
 * usage error prints "serptrack: CMD: why" plus the usage line and returns
 * OPT_ERROR (exit 2); on --help prints the help and returns OPT_HELP
 * (exit 0). Unambiguous prefixes of option names are accepted. */
int opt_parse(const char *cmd, const char *usage, const struct opt *opts, int argc, char **argv);
/* Prints "usage: serptrack USAGE" and the options table to f. */
void opt_usage(FILE *f, const char *cmd, const char *usage, const struct opt *opts);
void opt_list_release(struct opt_list *l);

#endif
