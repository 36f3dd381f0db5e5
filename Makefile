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

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
TPKG_CFLAGS := $(shell pkg-config --cflags $(TPKGS) 2>/dev/null)
TPKG_LIBS   := $(shell pkg-config --libs $(TPKGS) 2>/dev/null)

WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2 -Wno-format-nonliteral
BASE     = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude $(WARN) $(PKG_CFLAGS) \
           -DSERPTRACK_DATADIR='"$(PREFIX)/share/serptrack/keywords"'
OPT     ?= -O2 -g
SAN      = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined

# The library is every source file but main.c; each flavour gets its own tree.
LIB_SRC  = $(filter-out src/main.c,$(sort $(wildcard src/*.c src/*/*.c)))
UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))
SIM_SRC  = $(sort $(wildcard tests/serpsim/*.c))

B  = build/rel
BA = build/asan

LIB_OBJ   = $(LIB_SRC:%.c=$(B)/%.o)
LIB_OBJ_A = $(LIB_SRC:%.c=$(BA)/%.o)
UNIT_BIN  = $(UNIT_SRC:tests/unit/%.c=$(BA)/tests/%)

.PHONY: all deps deps-browser deps-lint demo test test-unit test-e2e test-real test-browser \
        test-valgrind bench fuzz lint clean install check asan

all: serptrack tests/serpsim/serpsim

# --- flavours -------------------------------------------------------------

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(BASE) $(OPT) -MMD -MP -c $< -o $@

$(BA)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC/SAN  $<"
	@$(CC) $(BASE) $(TPKG_CFLAGS) $(SAN) -MMD -MP -c $< -o $@

$(B)/libserptrack.a: $(LIB_OBJ)
	@rm -f $@; ar rcs $@ $^

$(BA)/libserptrack.a: $(LIB_OBJ_A)
	@rm -f $@; ar rcs $@ $^

serptrack: $(B)/src/main.o $(B)/libserptrack.a
	$(CC) $(OPT) -o $@ $^ $(PKG_LIBS) -lm -lpthread

$(BA)/serptrack: $(BA)/src/main.o $(BA)/libserptrack.a
	$(CC) $(SAN) -o $@ $^ $(PKG_LIBS) -lm -lpthread

tests/serpsim/serpsim: $(SIM_SRC) $(wildcard tests/serpsim/*.h)
	$(CC) -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(OPT) \
	    $(TPKG_CFLAGS) $(PKG_CFLAGS) -o $@ $(SIM_SRC) $(TPKG_LIBS) $(PKG_LIBS) -lm

$(BA)/tests/%: tests/unit/%.c $(BA)/libserptrack.a $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(TPKG_CFLAGS) $(SAN) -Itests/unit -o $@ $< $(BA)/libserptrack.a \
	    $(TPKG_LIBS) $(PKG_LIBS) -lm -lpthread

asan: $(BA)/serptrack $(UNIT_BIN) tests/serpsim/serpsim

-include $(LIB_OBJ:.o=.d) $(LIB_OBJ_A:.o=.d) $(B)/src/main.d $(BA)/src/main.d

# --- set-up ---------------------------------------------------------------

# Installs whatever Debian packages are missing; as root it just works,
# otherwise it prints the exact apt-get line and fails.
deps:
	@sh tests/deps.sh $(DEPS_DEB)

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
