# sift - plugin-based text classification.  See README.md.
#
#   make               build build/sift and build/plugins/*.so
#   make demo          install missing packages, build, classify examples/
#   make test          the CUnit suite and the bad-input battery
#   make test SANITIZE=1   the same under AddressSanitizer + UBSan
#   make valgrind      train -> classify round trip under memcheck
#   make fuzz          libFuzzer targets (clang), run briefly
#   make model         retrain models/claims from its corpus
#   make bench         throughput, memory and competitor comparison
#   make eval-real     score the shipped model (or INI=...) on real news
#   make install PREFIX=/usr/local
#
# CFLAGS, LDFLAGS and CPPFLAGS are yours; project flags live in SIFT_*.

PREFIX ?= /usr/local
LIBDIR ?= $(PREFIX)/lib
BINDIR ?= $(PREFIX)/bin
INCLUDEDIR ?= $(PREFIX)/include
PLUGINDIR ?= $(LIBDIR)/sift/plugins
DATADIR ?= $(PREFIX)/share/sift
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
DOCDIR ?= $(PREFIX)/share/doc/sift
CC ?= cc
PKG_CONFIG ?= pkg-config
CFLAGS ?= -O2 -g

ifeq ($(SANITIZE),1)
BUILD ?= build/san
SIFT_SAN = -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
else
BUILD ?= build
SIFT_SAN =
endif

SIFT_WARN = -std=c11 -Wall -Wextra -Wpedantic
SIFT_CPPFLAGS = -Iinclude -Icore/lib -Icore/cli -D_POSIX_C_SOURCE=200809L \
	-DSIFT_PLUGIN_DIR='"$(PLUGINDIR)"' -DSIFT_DATA_DIR='"$(DATADIR)"'
SIFT_CFLAGS = $(SIFT_WARN) $(SIFT_SAN) $(shell $(PKG_CONFIG) --cflags inih)
INIH_LIBS = $(shell $(PKG_CONFIG) --libs inih)
CUNIT_LIBS = $(shell $(PKG_CONFIG) --libs cunit)
PLUGIN_FLAGS = -fPIC -fvisibility=hidden -shared

# core/lib is the library (libsift: include/sift/sift.h), core/cli the
# sift command, which links the static library.  libsift.so exports only
# what sift.h declares.
LIB_SRC = $(wildcard core/lib/*.c)
CLI_SRC = $(filter-out core/cli/main.c,$(wildcard core/cli/*.c))
LIB_OBJ = $(LIB_SRC:core/lib/%.c=$(BUILD)/obj/lib/%.o)
CLI_OBJ = $(CLI_SRC:core/cli/%.c=$(BUILD)/obj/cli/%.o)
CORE_OBJ = $(LIB_OBJ) $(CLI_OBJ)
MAIN_OBJ = $(BUILD)/obj/cli/main.o
LIBSIFT_SONAME = libsift.so.0
PLUGINS = segment tokenize ngrams cues svm linear
PLUGIN_SO = $(PLUGINS:%=$(BUILD)/plugins/%.so)
HEADERS = include/sift/plugin.h include/sift/sift.h \
	$(wildcard core/lib/*.h core/cli/*.h) \
	plugins/strtab.h

TEST_SRC = $(wildcard tests/test_*.c)
FIXTURES = $(BUILD)/tests/fixtures/bad_abi.so \
	$(BUILD)/tests/fixtures/old_classifier.so \
	$(BUILD)/tests/fixtures/reserved_option.so \
	$(BUILD)/tests/fixtures/small_struct.so \
	$(BUILD)/tests/fixtures/no_symbol.so \
	$(BUILD)/tests/fixtures/not_elf.so \
	$(BUILD)/tests/fixtures/missing_op.so

.PHONY: all demo test check valgrind fuzz model bench eval-real install uninstall \
	clean deps format man FORCE

all: $(BUILD)/sift $(BUILD)/libsift.a $(BUILD)/libsift.so $(PLUGIN_SO) \
	$(BUILD)/plugins/cues.lex

# The install paths are compiled into sift: when PREFIX (or PLUGINDIR,
# DATADIR) changes, this stamp changes and the objects that use them are
# rebuilt, so `make install PREFIX=P` always installs a sift that looks in P.
PATHS_STAMP = $(BUILD)/paths.stamp
$(PATHS_STAMP): FORCE
	@mkdir -p $(@D)
	@echo '$(PLUGINDIR) $(DATADIR)' | cmp -s - $@ 2>/dev/null || \
		echo '$(PLUGINDIR) $(DATADIR)' >$@
$(BUILD)/obj/lib/plugin.o $(BUILD)/obj/cli/cli.o: $(PATHS_STAMP)

$(BUILD)/obj/cli/%.o: core/cli/%.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(SIFT_CPPFLAGS) $(CPPFLAGS) $(SIFT_CFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/obj/lib/%.o: core/lib/%.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(SIFT_CPPFLAGS) $(CPPFLAGS) $(SIFT_CFLAGS) -fPIC \
		-fvisibility=hidden $(CFLAGS) -c $< -o $@

$(BUILD)/libsift.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/libsift.so: $(LIB_OBJ)
	$(CC) $(SIFT_SAN) -shared -Wl,-soname,$(LIBSIFT_SONAME) $(LDFLAGS) \
		-o $@ $^ $(INIH_LIBS) -ldl -lpthread -lm

$(BUILD)/sift: $(CLI_OBJ) $(MAIN_OBJ) $(BUILD)/libsift.a
	$(CC) $(SIFT_SAN) $(LDFLAGS) -o $@ $(CLI_OBJ) $(MAIN_OBJ) \
		$(BUILD)/libsift.a $(INIH_LIBS) -ldl -lpthread -lm

$(BUILD)/plugins/%.so: plugins/%.c include/sift/plugin.h plugins/strtab.h
	@mkdir -p $(@D)
	$(CC) $(SIFT_CPPFLAGS) $(CPPFLAGS) $(SIFT_CFLAGS) $(CFLAGS) \
		$(PLUGIN_FLAGS) $(LDFLAGS) -o $@ $< $(PLUGIN_LIBS_$*) -lm

PLUGIN_LIBS_svm = -lsvm
PLUGIN_LIBS_linear = -llinear
PLUGIN_LIBS_tokenize = -lstemmer -lutf8proc
PLUGIN_LIBS_cues = -lstemmer

$(BUILD)/plugins/cues.lex: plugins/cues.lex
	@mkdir -p $(@D)
	cp $< $@

# --- tests ---

$(BUILD)/tests/fixtures/%.so: tests/fixtures/%.c include/sift/plugin.h
	@mkdir -p $(@D)
	$(CC) $(SIFT_CPPFLAGS) $(SIFT_CFLAGS) $(CFLAGS) $(PLUGIN_FLAGS) \
		-o $@ $<

# Built against the first ABI 2 header: loads with a smaller descriptor.
$(BUILD)/tests/fixtures/old_classifier.so: tests/fixtures/old_classifier.c \
		tests/fixtures/abi-2.0/sift/plugin.h
	@mkdir -p $(@D)
	$(CC) -Itests/fixtures/abi-2.0 $(SIFT_CFLAGS) $(CFLAGS) $(PLUGIN_FLAGS) \
		-o $@ $<

$(BUILD)/tests/fixtures/not_elf.so: tests/fixtures/not_elf.txt
	@mkdir -p $(@D)
	cp $< $@

$(BUILD)/tests/sift-tests: $(TEST_SRC) tests/testutil.h $(CORE_OBJ) $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(SIFT_CPPFLAGS) $(CPPFLAGS) $(SIFT_CFLAGS) $(CFLAGS) \
		$(shell $(PKG_CONFIG) --cflags cunit) -Itests -o $@ $(TEST_SRC) \
		$(CORE_OBJ) $(LDFLAGS) $(INIH_LIBS) $(CUNIT_LIBS) -lsvm -ldl \
		-lpthread -lm

deps:
	@.ci/deps build

# The README's test command: packages, build, unit tests, battery.
test:
	@.ci/deps test
	@$(MAKE) --no-print-directory all $(FIXTURES) $(BUILD)/tests/sift-tests
	SIFT_BUILD=$(BUILD) SIFT_PLUGIN_PATH=$(BUILD)/plugins \
		$(BUILD)/tests/sift-tests
	SIFT_BUILD=$(BUILD) tests/battery.sh
	SIFT_BUILD=$(BUILD) tests/report.sh
	SIFT_BUILD=$(BUILD) tests/scaling.sh
	SIFT_BUILD=$(BUILD) tests/chunks.sh
	SIFT_BUILD=$(BUILD) tests/slurm.sh
	SIFT_BUILD=$(BUILD) tests/ssh.sh
	SIFT_BUILD=$(BUILD) tests/python.sh
	tests/install.sh

check: test

valgrind: all
	tests/valgrind.sh $(BUILD)

FUZZ_SECONDS ?= 20
fuzz:
	@.ci/deps test
	$(MAKE) -C tests/fuzz run BUILD=$(abspath $(BUILD))/fuzz \
		FUZZ_SECONDS=$(FUZZ_SECONDS)

# The README's first command: packages, build, classify the examples.
demo:
	@.ci/deps build
	@$(MAKE) --no-print-directory all
	$(BUILD)/sift classify --summary -o examples/report.tsv examples/news
	$(BUILD)/sift classify --format html -o examples/report.html \
		examples/news
	@echo "wrote examples/report.tsv and examples/report.html;" \
		"the non-background rows:"
	@awk -F'\t' 'NR == 1 || $$5 != "background"' examples/report.tsv | \
		cut -f1,2,5,6,7 | cut -c1-160

model: all
	SOURCE_DATE_EPOCH=1767225600 $(BUILD)/sift train -c pipeline.ini \
		--cv 5 --group topic models/claims/corpus/train/*.tsv

bench: all
	bench/run.sh $(BUILD)

# Real-news figures: INI=... scores another pipeline (trained first).
eval-real: all
	bench/eval-real.sh -b $(BUILD) $(INI)

# Man pages come from each command's --help (docs/mkman.sh).
man: $(BUILD)/man/sift.1
$(BUILD)/man/sift.1: $(BUILD)/sift $(PLUGIN_SO) docs/mkman.sh
	docs/mkman.sh $(BUILD)/sift $(BUILD)/man

$(BUILD)/sift.pc: docs/sift.pc.in $(PATHS_STAMP) include/sift/plugin.h
	sed -e 's|@PREFIX@|$(PREFIX)|; s|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	    -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@PLUGINDIR@|$(PLUGINDIR)|; s|@DATADIR@|$(DATADIR)|' \
	    -e "s|@ABI@|$$(sed -n 's/^#define SIFT_ABI_VERSION //p' \
		include/sift/plugin.h)|" \
	    -e "s|@VERSION@|$$($(BUILD)/sift --version | cut -d' ' -f2)|" \
	    $< >$@

# The installed pipeline finds the installed model by the same relative
# path it uses here (models/claims/bundle, beside the ini).
SHIPPED = models/claims/bundle
install: all man $(BUILD)/sift.pc
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(PLUGINDIR) \
		$(DESTDIR)$(INCLUDEDIR)/sift $(DESTDIR)$(DATADIR)/$(SHIPPED) \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR) \
		$(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(DOCDIR)
	install -m 755 $(BUILD)/sift $(DESTDIR)$(BINDIR)/sift
	install -m 644 $(BUILD)/libsift.a $(DESTDIR)$(LIBDIR)/libsift.a
	install -m 755 $(BUILD)/libsift.so \
		$(DESTDIR)$(LIBDIR)/$(LIBSIFT_SONAME)
	ln -sf $(LIBSIFT_SONAME) $(DESTDIR)$(LIBDIR)/libsift.so
	install -m 755 $(PLUGIN_SO) $(DESTDIR)$(PLUGINDIR)/
	install -m 644 $(BUILD)/plugins/cues.lex $(DESTDIR)$(PLUGINDIR)/
	install -m 644 include/sift/plugin.h include/sift/sift.h \
		$(DESTDIR)$(INCLUDEDIR)/sift/
	install -m 644 pipeline.ini $(DESTDIR)$(DATADIR)/pipeline.ini
	install -m 644 $(SHIPPED)/* $(DESTDIR)$(DATADIR)/$(SHIPPED)/
	install -m 644 $(BUILD)/man/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 docs/sift.bash-completion $(DESTDIR)$(BASHCOMPDIR)/sift
	install -m 644 $(BUILD)/sift.pc $(DESTDIR)$(PKGCONFIGDIR)/sift.pc
	install -m 644 LICENSE README.md $(DESTDIR)$(DOCDIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/sift $(DESTDIR)$(INCLUDEDIR)/sift/plugin.h \
		$(DESTDIR)$(INCLUDEDIR)/sift/sift.h $(DESTDIR)$(LIBDIR)/libsift.a \
		$(DESTDIR)$(LIBDIR)/libsift.so $(DESTDIR)$(LIBDIR)/$(LIBSIFT_SONAME)
	rm -f $(PLUGINS:%=$(DESTDIR)$(PLUGINDIR)/%.so) \
		$(DESTDIR)$(PLUGINDIR)/cues.lex
	rm -f $(DESTDIR)$(DATADIR)/pipeline.ini \
		$(DESTDIR)$(DATADIR)/$(SHIPPED)/*
	rm -f $(DESTDIR)$(MANDIR)/man1/sift.1 $(DESTDIR)$(MANDIR)/man1/sift-*.1
	rm -f $(DESTDIR)$(BASHCOMPDIR)/sift $(DESTDIR)$(PKGCONFIGDIR)/sift.pc
	rm -f $(DESTDIR)$(DOCDIR)/LICENSE $(DESTDIR)$(DOCDIR)/README.md

format:
	clang-format -i core/*/*.c core/*/*.h plugins/*.c plugins/*.h \
		include/sift/*.h tests/*.c tests/*.h

clean:
	rm -rf build
