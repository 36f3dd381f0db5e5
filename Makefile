# serptrack - plain GNU make, pkg-config probes, no generated build system.
#
#   make            build ./serptrack and tests/serpsim/serpsim (optimised)
#   make demo       install missing packages, build, run the simulated 30-day demo
#   make test       install missing packages, build with ASan+UBSan, run every test
#   make test-real  parsers against ../shared/fixtures/real (part of make test)
#   make bench      benchmarks, rewrites BENCHMARKS.md (never part of make test)
#   make fuzz       libFuzzer targets for FUZZ_SECONDS each
#   make lint       cppcheck and clang-tidy

CC      ?= cc
PREFIX  ?= /usr/local
PKGS     = libcurl libxml-2.0 sqlite3 libpsl libidn2 jansson zlib
TPKGS    = cmocka libmicrohttpd

# Debian packages: what `make deps` makes sure are present.
DEPS_DEB = gcc make pkg-config libcurl4-openssl-dev libxml2-dev libsqlite3-dev \
           libpsl-dev libidn2-dev libjansson-dev zlib1g-dev libcmocka-dev libmicrohttpd-dev \
           gnuplot-nox sqlite3 curl ca-certificates python3
DEPS_BROWSER = chromium
DEPS_LINT = cppcheck clang-tidy clang libclang-rt-14-dev valgrind

# Libraries pkg-config cannot find: the build stops on them with one
# message (see check-pkgs) instead of a page of missing-header errors.
PKG_MISSING := $(shell for p in $(PKGS) $(TPKGS); do pkg-config --exists $$p 2>/dev/null || echo $$p; done)
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
TPKG_CFLAGS := $(shell pkg-config --cflags $(TPKGS) 2>/dev/null)
TPKG_LIBS   := $(shell pkg-config --libs $(TPKGS) 2>/dev/null)

WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2 -Wno-format-nonliteral
BASE     = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude $(WARN) $(PKG_CFLAGS) \
           -DSERPTRACK_DATADIR='"$(PREFIX)/share/serptrack/keywords"'
OPT     ?= -O2 -g
SAN      = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
# The user's CPPFLAGS/CFLAGS/LDFLAGS come after ours, so theirs win
# (CFLAGS=-O0 turns optimisation off) while ours stay.
XCFLAGS  = $(CPPFLAGS) $(CFLAGS)

# The library is every source file but main.c; each flavour gets its own tree.
LIB_SRC  = $(filter-out src/main.c,$(sort $(wildcard src/*.c src/*/*.c)))
UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))
SIM_SRC  = $(sort $(wildcard tests/serpsim/*.c))

B  = build/rel
BA = build/asan

LIB_OBJ   = $(LIB_SRC:%.c=$(B)/%.o)
LIB_OBJ_A = $(LIB_SRC:%.c=$(BA)/%.o)
UNIT_BIN  = $(UNIT_SRC:tests/unit/%.c=$(BA)/tests/%)

.PHONY: all check-pkgs deps deps-browser deps-lint demo test test-unit test-e2e test-real test-browser \
        test-valgrind bench fuzz lint clean install check asan sizes

all: serptrack tests/serpsim/serpsim

# --- flavours -------------------------------------------------------------

check-pkgs:
	@if [ -n "$(strip $(PKG_MISSING))" ]; then \
	    echo "serptrack: pkg-config cannot find: $(strip $(PKG_MISSING)) (run 'make deps', or set PKG_CONFIG_PATH)" >&2; \
	    exit 1; fi

$(B)/%.o: %.c | check-pkgs
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(BASE) $(OPT) $(XCFLAGS) -MMD -MP -c $< -o $@

$(BA)/%.o: %.c | check-pkgs
	@mkdir -p $(dir $@)
	@echo "  CC/SAN  $<"
	@$(CC) $(BASE) $(TPKG_CFLAGS) $(SAN) $(XCFLAGS) -MMD -MP -c $< -o $@

$(B)/libserptrack.a: $(LIB_OBJ)
	@rm -f $@; ar rcs $@ $^

$(BA)/libserptrack.a: $(LIB_OBJ_A)
	@rm -f $@; ar rcs $@ $^

serptrack: $(B)/src/main.o $(B)/libserptrack.a
	$(CC) $(OPT) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm -lpthread

$(BA)/serptrack: $(BA)/src/main.o $(BA)/libserptrack.a
	$(CC) $(SAN) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm -lpthread

tests/serpsim/serpsim: $(SIM_SRC) $(wildcard tests/serpsim/*.h) | check-pkgs
	$(CC) -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(OPT) \
	    $(TPKG_CFLAGS) $(PKG_CFLAGS) $(XCFLAGS) $(LDFLAGS) -o $@ $(SIM_SRC) $(TPKG_LIBS) $(PKG_LIBS) -lm

$(BA)/tests/%: tests/unit/%.c $(BA)/libserptrack.a $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(TPKG_CFLAGS) $(SAN) $(XCFLAGS) $(LDFLAGS) -Itests/unit -o $@ $< $(BA)/libserptrack.a \
	    $(TPKG_LIBS) $(PKG_LIBS) -lm -lpthread

asan: $(BA)/serptrack $(UNIT_BIN) tests/serpsim/serpsim

-include $(LIB_OBJ:.o=.d) $(LIB_OBJ_A:.o=.d) $(B)/src/main.d $(BA)/src/main.d

# --- set-up ---------------------------------------------------------------

# Installs whatever Debian packages are missing; as root it just works,
# otherwise it prints the exact apt-get line and fails. When pkg-config
# finds every library and the tools are on PATH nothing is asked of dpkg
# or apt-get (a machine with the libraries built from source, or no dpkg,
# builds and tests as is).
DEPS_TOOLS = $(CC) pkg-config gnuplot sqlite3 curl python3
deps:
	@if [ -z "$(strip $(PKG_MISSING))" ] && \
	    (for t in $(DEPS_TOOLS); do command -v $$t >/dev/null 2>&1 || exit 1; done); then :; \
	else sh tests/deps.sh $(DEPS_DEB); fi

deps-browser:
	@sh tests/deps.sh $(DEPS_BROWSER)

deps-lint:
	@sh tests/deps.sh $(DEPS_LINT)

demo: deps
	@$(MAKE) --no-print-directory all
	@sh tests/demo.sh

# --- tests ----------------------------------------------------------------

test: deps
	@$(MAKE) --no-print-directory asan
	@sh tests/run.sh

check: test

test-real: deps
	@$(MAKE) --no-print-directory asan
	@sh tests/run.sh real

test-valgrind: deps deps-lint
	@$(MAKE) --no-print-directory all
	@sh tests/valgrind.sh

test-browser: deps deps-browser
	@$(MAKE) --no-print-directory all
	@sh tests/browser.sh

FUZZ_SECONDS ?= 30
fuzz: deps deps-lint
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS)

lint: deps deps-lint
	@sh tests/lint.sh

# Functions over 120 lines and files over 700 lines in src/ (not yet in `test`).
sizes:
	@sh tests/sizes.sh

bench: deps
	@$(MAKE) --no-print-directory all
	@sh bench/run.sh

install: serptrack
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/serptrack/keywords
	install -m 755 serptrack $(DESTDIR)$(PREFIX)/bin/serptrack
	install -m 644 keywords/*.csv keywords/*.txt keywords/README.md \
	    $(DESTDIR)$(PREFIX)/share/serptrack/keywords

clean:
	rm -rf build serptrack tests/serpsim/serpsim
