/* test_store_err.c - the store's failures are values: a failing call
 * returns -1 and records a code and the message cmd/ prints, and the store
 * itself writes nothing to stderr (stderr is redirected to a file around
 * each call and must stay empty). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "store.h"
#include "util.h"

#include "fixture.h"

struct fx {
    char dir[64];
    char path[128];
    char errfile[128];
    int saved_fd; /* the real stderr while it is captured */
    store *st;
};

/* Sends fd 2 to f->errfile (truncated) until stderr_end. */
static void stderr_begin(struct fx *f)
{
    fflush(stderr);
    f->saved_fd = dup(STDERR_FILENO);
    int fd = open(f->errfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    dup2(fd, STDERR_FILENO);
    close(fd);
}

/* Restores stderr; returns what was written meanwhile (caller frees). */
static char *stderr_end(struct fx *f)
{
    fflush(stderr);
    dup2(f->saved_fd, STDERR_FILENO);
    close(f->saved_fd);
    char *buf;
    size_t len;
    assert_int_equal(util_read_file(f->errfile, 0, &buf, &len), 0);
    return buf;
}

static void assert_quiet(struct fx *f)
{
    char *out = stderr_end(f);
    assert_string_equal(out, "");
    free(out);
}

static int setup(void **state)
{
    struct fx *f = xcalloc(1, sizeof *f);
    if (fixture_store_open("test_store_err", f->dir, f->path, &f->st) != 0)
        return -1;
    snprintf(f->errfile, sizeof f->errfile, "%s/stderr", f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    int rc = fixture_store_close(f->dir, f->st);
    free(f);
    return rc;
}

static void test_missing_file(void **state)
{
    struct fx *f = *state;
    char p[160];
    snprintf(p, sizeof p, "%s/absent.db", f->dir);
    store *st = (store *)f; /* must be reset to NULL */
    struct store_error err = {STORE_ERR_NONE, "stale"};
    stderr_begin(f);
    assert_int_equal(store_open(p, 0, &st, &err), -1);
    assert_quiet(f);
    assert_null(st);
    assert_int_equal(err.code, STORE_ERR_NOTFOUND);
    char want[256];
    snprintf(want, sizeof want, "store: '%s' does not exist; run 'serptrack init' to create it",
             p);
    assert_string_equal(err.msg, want);
    /* success clears what the caller passed in */
    assert_int_equal(store_open(f->path, 0, &st, &err), 0);
    assert_int_equal(err.code, STORE_ERR_NONE);
    assert_string_equal(err.msg, "");
    store_close(st);
}

static void test_newer_schema(void **state)
{
    struct fx *f = *state;
    char p[160], sql[64];
    snprintf(p, sizeof p, "%s/new.db", f->dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", store_schema_latest() + 1);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    store *st;
    struct store_error err;
    stderr_begin(f);
    assert_int_equal(store_open(p, 0, &st, &err), -1);
    assert_quiet(f);
    assert_int_equal(err.code, STORE_ERR_SCHEMA);
    assert_non_null(strstr(err.msg, "newer than this serptrack knows"));
}

static void test_call_records(void **state)
{
    struct fx *f = *state;
    assert_int_equal(store_errcode(f->st), STORE_ERR_NONE);
    assert_string_equal(store_errmsg(f->st), "");

    stderr_begin(f);
    assert_int_equal(store_kw_rm(f->st, 4242), -1);
    assert_quiet(f);
    assert_int_equal(store_errcode(f->st), STORE_ERR_NOTFOUND);
    assert_string_equal(store_errmsg(f->st), "kw: no keyword with id 4242");

    /* a second failure before anyone reported the first keeps both, in order */
    struct model_site s = {.domain = "example.com", .rent = -1};
    assert_int_equal(store_site_add(f->st, &s, NULL), 0);
    stderr_begin(f);
    assert_int_equal(store_site_add(f->st, &s, NULL), -1);
    assert_quiet(f);
    assert_int_equal(store_errcode(f->st), STORE_ERR_CONSTRAINT);
    assert_string_equal(store_errmsg(f->st),
                        "kw: no keyword with id 4242\nsite: 'example.com' already exists");

    store_err_clear(f->st);
    assert_int_equal(store_errcode(f->st), STORE_ERR_NONE);
    assert_string_equal(store_errmsg(f->st), "");
}

static void test_sqlite_failure(void **state)
{
    struct fx *f = *state;
    /* a write to a database opened read-only fails in SQLite */
    store *ro;
    assert_int_equal(store_open(f->path, STORE_READONLY, &ro, NULL), 0);
    struct model_site s = {.domain = "example.org", .rent = -1};
    stderr_begin(f);
    assert_int_equal(store_site_add(ro, &s, NULL), -1);
    assert_quiet(f);
    assert_int_equal(store_errcode(ro), STORE_ERR_READONLY);
    assert_non_null(strstr(store_errmsg(ro), "read-only"));
    store_close(ro);
}

/* A name with a newline cannot split a message in two: each recorded
 * message is one line, as error() would have printed it. */
static void test_one_line(void **state)
{
    struct fx *f = *state;
    struct model_site s = {.domain = "a\nb.com", .rent = -1};
    assert_int_equal(store_site_add(f->st, &s, NULL), -1);
    assert_int_equal(store_errcode(f->st), STORE_ERR_INVALID);
    assert_string_equal(store_errmsg(f->st), "site: 'a b.com' is not a domain name");
}

/* cmd/ prints each recorded line once, with the usual prefix, and clears. */
static void test_cmd_prints_once(void **state)
{
    struct fx *f = *state;
    assert_int_equal(store_kw_rm(f->st, 7), -1);
    assert_int_equal(store_kw_rm(f->st, 8), -1);
    stderr_begin(f);
    assert_int_equal(cmd_store_err(f->st), -1);
    assert_int_equal(cmd_store_err(f->st), -1);
    char *out = stderr_end(f);
    assert_string_equal(out, "serptrack: kw: no keyword with id 7\n"
                             "serptrack: kw: no keyword with id 8\n");
    free(out);
    assert_int_equal(store_errcode(f->st), STORE_ERR_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_missing_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_newer_schema, setup, teardown),
        cmocka_unit_test_setup_teardown(test_call_records, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sqlite_failure, setup, teardown),
        cmocka_unit_test_setup_teardown(test_one_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cmd_prints_once, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
