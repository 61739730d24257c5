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
#   make install PREFIX=/usr/local
#
# CFLAGS, LDFLAGS and CPPFLAGS are yours; project flags live in SIFT_*.

PREFIX ?= /usr/local
LIBDIR ?= $(PREFIX)/lib
BINDIR ?= $(PREFIX)/bin
INCLUDEDIR ?= $(PREFIX)/include
PLUGINDIR ?= $(LIBDIR)/sift/plugins
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
SIFT_CPPFLAGS = -Iinclude -Icore -D_POSIX_C_SOURCE=200809L \
	-DSIFT_PLUGIN_DIR='"$(PLUGINDIR)"'
SIFT_CFLAGS = $(SIFT_WARN) $(SIFT_SAN) $(shell $(PKG_CONFIG) --cflags inih)
INIH_LIBS = $(shell $(PKG_CONFIG) --libs inih)
CUNIT_LIBS = $(shell $(PKG_CONFIG) --libs cunit)
PLUGIN_FLAGS = -fPIC -fvisibility=hidden -shared

CORE_SRC = core/config.c core/plugin.c core/pipeline.c core/samples.c \
	core/bundle.c core/metrics.c core/crossval.c core/html.c core/cli.c \
	core/classify.c core/train.c core/eval.c
CORE_OBJ = $(CORE_SRC:core/%.c=$(BUILD)/obj/%.o)
MAIN_OBJ = $(BUILD)/obj/main.o
PLUGINS = segment tokenize ngrams cues svm
PLUGIN_SO = $(PLUGINS:%=$(BUILD)/plugins/%.so)
HEADERS = include/sift/plugin.h $(wildcard core/*.h) plugins/strtab.h

TEST_SRC = $(wildcard tests/test_*.c)
FIXTURES = $(BUILD)/tests/fixtures/bad_abi.so \
	$(BUILD)/tests/fixtures/small_struct.so \
	$(BUILD)/tests/fixtures/no_symbol.so \
	$(BUILD)/tests/fixtures/not_elf.so \
	$(BUILD)/tests/fixtures/missing_op.so

.PHONY: all demo test check valgrind fuzz model bench install uninstall \
	clean deps format

all: $(BUILD)/sift $(PLUGIN_SO) $(BUILD)/plugins/cues.lex

$(BUILD)/obj/%.o: core/%.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(SIFT_CPPFLAGS) $(CPPFLAGS) $(SIFT_CFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/sift: $(CORE_OBJ) $(MAIN_OBJ)
	$(CC) $(SIFT_SAN) $(LDFLAGS) -o $@ $^ $(INIH_LIBS) -ldl -lpthread -lm

$(BUILD)/plugins/%.so: plugins/%.c include/sift/plugin.h plugins/strtab.h
	@mkdir -p $(@D)
	$(CC) $(SIFT_CPPFLAGS) $(CPPFLAGS) $(SIFT_CFLAGS) $(CFLAGS) \
		$(PLUGIN_FLAGS) $(LDFLAGS) -o $@ $< $(PLUGIN_LIBS_$*) -lm

PLUGIN_LIBS_svm = -lsvm
PLUGIN_LIBS_tokenize = -lstemmer
PLUGIN_LIBS_cues = -lstemmer

$(BUILD)/plugins/cues.lex: plugins/cues.lex
	@mkdir -p $(@D)
	cp $< $@

# --- tests ---

$(BUILD)/tests/fixtures/%.so: tests/fixtures/%.c include/sift/plugin.h
	@mkdir -p $(@D)
	$(CC) $(SIFT_CPPFLAGS) $(SIFT_CFLAGS) $(CFLAGS) $(PLUGIN_FLAGS) \
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
	SIFT_BUILD=$(BUILD) tests/scaling.sh
	SIFT_BUILD=$(BUILD) tests/slurm.sh
	SIFT_BUILD=$(BUILD) tests/ssh.sh

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
	@grep -v "	background	" examples/report.tsv | cut -f1,2,5,6,7 | \
		cut -c1-160

model: all
	SOURCE_DATE_EPOCH=1767225600 $(BUILD)/sift train -c pipeline.ini \
		--cv 5 --group topic models/claims/corpus/train/*.tsv

bench: all
	bench/run.sh $(BUILD)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(PLUGINDIR) \
		$(DESTDIR)$(INCLUDEDIR)/sift
	install -m 755 $(BUILD)/sift $(DESTDIR)$(BINDIR)/sift
	install -m 755 $(PLUGIN_SO) $(DESTDIR)$(PLUGINDIR)/
	install -m 644 $(BUILD)/plugins/cues.lex $(DESTDIR)$(PLUGINDIR)/
	install -m 644 include/sift/plugin.h $(DESTDIR)$(INCLUDEDIR)/sift/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/sift $(DESTDIR)$(INCLUDEDIR)/sift/plugin.h
	rm -f $(PLUGINS:%=$(DESTDIR)$(PLUGINDIR)/%.so) \
		$(DESTDIR)$(PLUGINDIR)/cues.lex

format:
	clang-format -i core/*.c core/*.h plugins/*.c plugins/*.h \
		include/sift/*.h tests/*.c tests/*.h

clean:
	rm -rf build
