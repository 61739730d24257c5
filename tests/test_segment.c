/*
 * test_segment.c - the sentence segmenter: exact boundaries for each kind
 * of real-news difficulty, noise that must not crash or lose text, and
 * boundary precision / recall / F1 on the hand-written gold documents in
 * tests/segment/gold.
 */
#define _GNU_SOURCE
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static struct sift_loaded L;
static void *inst, *scr;

static int setup(void)
{
    struct sift_error err = {0};
    char path[4096];
    snprintf(path, sizeof path, "%s/plugins/segment.so", t_build());
    if (sift_plugin_open(path, &L, &err))
        return -1;
    char **v = t_values(L.desc, NULL);
    inst = L.desc->create((const char *const *)v, &err);
    t_values_free(L.desc, v);
    scr = inst ? L.desc->scratch_new(inst, &err) : NULL;
    return scr ? 0 : -1;
}

static int teardown(void)
{
    L.desc->scratch_free(scr);
    L.desc->destroy(inst);
    sift_plugin_close(&L);
    return 0;
}

/* Every non-space byte inside exactly one span, spans in order. */
static int covers(const char *t, size_t n, const struct sift_span *sp,
                  size_t ns)
{
    size_t at = 0;
    for (size_t i = 0; i < ns; i++) {
        if (sp[i].start < at || sp[i].end <= sp[i].start || sp[i].end > n)
            return 0;
        for (size_t k = at; k < sp[i].start; k++)
            if (!(t[k] == ' ' || t[k] == '\n' || t[k] == '\r' ||
                  t[k] == '\t' || t[k] == '\0' || (unsigned char)t[k] >= 0x80))
                return 0;
        at = sp[i].end;
    }
    for (size_t k = at; k < n; k++)
        if (!(t[k] == ' ' || t[k] == '\n' || t[k] == '\r' || t[k] == '\t'))
            return 0;
    return 1;
}

/* Sentences of text joined by " | ", white space runs folded. */
static const char *seg_n(const char *text, size_t n)
{
    static char out[1 << 16];
    const struct sift_span *sp;
    size_t ns, o = 0;
    struct sift_error err = {0};
    if (L.desc->segment(inst, scr, text, n, &sp, &ns, &err))
        return "ERROR";
    CU_ASSERT(covers(text, n, sp, ns));
    for (size_t i = 0; i < ns && o < sizeof out - 8; i++) {
        int space = 0;
        if (i) {
            memcpy(out + o, " | ", 3);
            o += 3;
        }
        for (size_t k = sp[i].start; k < sp[i].end && o < sizeof out - 8;
             k++) {
            char c = text[k];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                space = 1;
                continue;
            }
            if (space)
                out[o++] = ' ';
            space = 0;
            out[o++] = c;
        }
    }
    out[o] = '\0';
    return out;
}

static const char *seg(const char *text)
{
    return seg_n(text, strlen(text));
}

#define SEG(text, want) CU_ASSERT_STRING_EQUAL(seg(text), want)

static void test_abbreviations(void)
{
    SEG("Brig. Gen. Musa Kato said the unit withdrew. Lt. Col. Ana Ruiz "
        "disagreed.",
        "Brig. Gen. Musa Kato said the unit withdrew. | Lt. Col. Ana Ruiz "
        "disagreed.");
    SEG("The U.K. and the U.N. Security Council met. Talks end Sept. 3 at "
        "No. 10 Downing St. in London.",
        "The U.K. and the U.N. Security Council met. | Talks end Sept. 3 at "
        "No. 10 Downing St. in London.");
    SEG("Sanctions were imposed by the U.S. The ministry said it would "
        "respond.",
        "Sanctions were imposed by the U.S. | The ministry said it would "
        "respond.");
    SEG("Leaks are rare in the U.S. Lawmakers were told on Friday.",
        "Leaks are rare in the U.S. | Lawmakers were told on Friday.");
    SEG("Dr. Aline Okoro and J. R. R. Tolkien fans met at Acme Inc. on "
        "Monday.",
        "Dr. Aline Okoro and J. R. R. Tolkien fans met at Acme Inc. on "
        "Monday.");
    SEG("He lives on Main St. He said so.", "He lives on Main St. | He said "
                                             "so.");
}

static void test_numbers_urls(void)
{
    SEG("About 3.4 million people fled by 06.45 PM on Tuesday. Aid was "
        "$1.2 billion.",
        "About 3.4 million people fled by 06.45 PM on Tuesday. | Aid was "
        "$1.2 billion.");
    SEG("Read it at www.example-news.com/world/story.html. Then write to "
        "desk@example-news.com. Thanks.",
        "Read it at www.example-news.com/world/story.html. | Then write to "
        "desk@example-news.com. | Thanks.");
    SEG("The bus left at 8 a.m. and came back at 5 p.m. Nobody was hurt.",
        "The bus left at 8 a.m. and came back at 5 p.m. | Nobody was hurt.");
}

static void test_quotes(void)
{
    SEG("\"We will respond. They will regret it,\" he said. Talks stalled.",
        "\"We will respond. | They will regret it,\" he said. | Talks "
        "stalled.");
    SEG("\xE2\x80\x9CWe deny it.\xE2\x80\x9D The army said nothing.",
        "\xE2\x80\x9CWe deny it.\xE2\x80\x9D | The army said nothing.");
    SEG("\"Why now?\" she asked. \xE2\x80\x98Who knows?\xE2\x80\x99 He "
        "shrugged.",
        "\"Why now?\" she asked. | \xE2\x80\x98Who knows?\xE2\x80\x99 | He "
        "shrugged.");
    SEG("The strike was \"deeply regrettable,\" the ministry said.",
        "The strike was \"deeply regrettable,\" the ministry said.");
    SEG("It was ?deeply regrettable,? the ministry said. It added more.",
        "It was ?deeply regrettable,? the ministry said. | It added more.");
}

static void test_lists_speakers_domains(void)
{
    SEG("It sets out three steps. 1. Metering of all wells. 2. A fund for "
        "farmers.",
        "It sets out three steps. | 1. Metering of all wells. | 2. A fund "
        "for farmers.");
    SEG("\"I've never scored a header!\" O'Rourke said afterwards. \"Why "
        "now?\" Gen. Musa Kato asked.",
        "\"I've never scored a header!\" O'Rourke said afterwards. | \"Why "
        "now?\" Gen. Musa Kato asked.");
    SEG("\"We hold the runway.\" He said fighters had reached it.",
        "\"We hold the runway.\" | He said fighters had reached it.");
    SEG("Give at valleyrelief.example.org. Every $10 helps.",
        "Give at valleyrelief.example.org. | Every $10 helps.");
    SEG("Media contact: Sam Ferris, press@example.co.uk\n###\n",
        "Media contact: Sam Ferris, press@example.co.uk | ###");
}

static void test_ellipsis_glued(void)
{
    SEG("He paused... Then he left. We waited \xE2\x80\xA6 and waited.",
        "He paused... | Then he left. | We waited \xE2\x80\xA6 and waited.");
    SEG("The party rejected the claims.Kenya's electoral body agreed.",
        "The party rejected the claims. | Kenya's electoral body agreed.");
}

static void test_layout(void)
{
    SEG("Army accuses rebels of shelling port\nBy Anna Kell\n\nKHARTOUM, "
        "March 3 (Wire) - The army said rebels shelled the port.\n\n"
        "Continue reading\nLast updated: 14:32 GMT\n",
        "Army accuses rebels of shelling port | By Anna Kell | KHARTOUM, "
        "March 3 (Wire) - The army said rebels shelled the port. | Continue "
        "reading | Last updated: 14:32 GMT");
    SEG("Dear subscriber,\nThank you for reading.\n",
        "Dear subscriber, | Thank you for reading.");
    /* hard-wrapped text: sentences run across line ends */
    SEG("Rebels accuse army of shelling\n\n"
        "The army said on Tuesday that rebel fighters had shelled the\n"
        "port district overnight, killing four civilians, a claim that\n"
        "the rebels' spokesman rejected in a statement as baseless and\n"
        "fabricated. Brig. Gen. Musa Kato, the regional commander, said\n"
        "his forces would respond to any further attack on the port.\n"
        "Talks are set to resume in Geneva next week under U.N. auspices\n"
        "and both sides have said they will attend the first session.\n",
        "Rebels accuse army of shelling | The army said on Tuesday that "
        "rebel fighters had shelled the port district overnight, killing "
        "four civilians, a claim that the rebels' spokesman rejected in a "
        "statement as baseless and fabricated. | Brig. Gen. Musa Kato, the "
        "regional commander, said his forces would respond to any further "
        "attack on the port. | Talks are set to resume in Geneva next week "
        "under U.N. auspices and both sides have said they will attend the "
        "first session.");
    SEG("Key points:\n- The army denied it\n- Rebels threatened to strike\n",
        "Key points: | - The army denied it | - Rebels threatened to strike");
}

static void test_noise(void)
{
    const char crlf[] = "Headline here\r\n\r\nFirst sentence. Second one.\r\n";
    CU_ASSERT_STRING_EQUAL(seg(crlf), "Headline here | First sentence. | "
                                      "Second one.");
    const char bom[] = "\xEF\xBB\xBFOne. Two.";
    CU_ASSERT_STRING_EQUAL(seg(bom), "One. | Two.");
    const char nul[] = "One\0 two. Three.";
    CU_ASSERT_STRING_EQUAL(seg_n(nul, sizeof nul - 1), "One\0");
    const struct sift_span *sp;
    size_t ns;
    struct sift_error err = {0};
    CU_ASSERT_EQUAL(L.desc->segment(inst, scr, nul, sizeof nul - 1, &sp, &ns,
                                    &err), 0);
    CU_ASSERT_EQUAL(ns, 2);
    CU_ASSERT_EQUAL(sp[1].end, sizeof nul - 1);
    const char bad[] = "Bad \xFF\xFE bytes \xC3. Next \xE2\x80 one.";
    CU_ASSERT_STRING_EQUAL(seg(bad), "Bad \xFF\xFE bytes \xC3. | Next \xE2\x80"
                                     " one.");
    CU_ASSERT_STRING_EQUAL(seg(""), "");
    CU_ASSERT_STRING_EQUAL(seg(" \n\n \t "), "");
}

static void test_long_line(void)
{
    size_t n = 3u << 20;
    char *t = malloc(n);
    const struct sift_span *sp;
    size_t ns;
    struct sift_error err = {0};
    for (size_t i = 0; i < n; i++)
        t[i] = i % 7 == 6 ? ' ' : 'a';
    CU_ASSERT_EQUAL(L.desc->segment(inst, scr, t, n, &sp, &ns, &err), 0);
    CU_ASSERT(ns >= n / 5000);
    CU_ASSERT(covers(t, n, sp, ns));
    for (size_t i = 0; i < ns; i++)
        CU_ASSERT(sp[i].end - sp[i].start <= 5000);
    memset(t, 'x', n); /* no spaces at all: cut at code point bounds */
    CU_ASSERT_EQUAL(L.desc->segment(inst, scr, t, n, &sp, &ns, &err), 0);
    CU_ASSERT(covers(t, n, sp, ns));
    /* a lead byte then continuation bytes past max_bytes: once looped
     * forever (found by fuzz_segment) */
    memcpy(t, "aU\xDA", 3);
    memset(t + 3, 0xA5, 20000);
    memcpy(t + 20003, ". Ge", 4);
    CU_ASSERT_EQUAL(L.desc->segment(inst, scr, t, 20007, &sp, &ns, &err), 0);
    CU_ASSERT(ns >= 4);
    CU_ASSERT_EQUAL(sp[ns - 1].end, 20007);
    free(t);
}

/* Boundaries as counts of non-white-space bytes before each sentence end,
 * so that the gold file's folded white space does not matter. */
static size_t nonspace(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += !(s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t');
    return c;
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *b;
    long len;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    b = malloc((size_t)len + 1);
    *n = fread(b, 1, (size_t)len, f);
    b[*n] = '\0';
    fclose(f);
    return b;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

static void gold_f1(const char *dirname, size_t min_docs)
{
    DIR *d = opendir(dirname);
    struct dirent *e;
    size_t tp = 0, fp = 0, fn = 0, docs = 0;
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name), tn, gn, ns, ng = 0, np = 0;
        char path[600];
        if (len < 5 || strcmp(e->d_name + len - 4, ".txt"))
            continue;
        snprintf(path, sizeof path, "%s/%s", dirname, e->d_name);
        char *text = slurp(path, &tn);
        strcpy(path + strlen(path) - 4, ".sents");
        char *gold = slurp(path, &gn);
        CU_ASSERT_PTR_NOT_NULL_FATAL(text);
        CU_ASSERT_PTR_NOT_NULL_FATAL(gold);
        const struct sift_span *sp;
        struct sift_error err = {0};
        size_t skip = tn >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? 3 : 0;
        CU_ASSERT_EQUAL(L.desc->segment(inst, scr, text, tn, &sp, &ns, &err),
                        0);
        size_t *gb = malloc((gn + 1) * sizeof *gb), *pb =
            malloc((ns + 1) * sizeof *pb), acc = 0;
        for (char *l = gold; *l;) {
            char *nl = strchr(l, '\n');
            size_t ll = nl ? (size_t)(nl - l) : strlen(l);
            if (ll) {
                acc += nonspace(l, ll);
                gb[ng++] = acc;
            }
            l += ll + (nl != NULL);
        }
        for (size_t i = 0; i < ns; i++)
            pb[np++] = nonspace(text + skip, sp[i].end - skip);
        qsort(pb, np, sizeof *pb, cmp_size);
        for (size_t i = 0, j = 0; i < ng || j < np;) {
            if (j == np || (i < ng && gb[i] < pb[j]))
                fn++, i++;
            else if (i == ng || pb[j] < gb[i])
                fp++, j++;
            else
                tp++, i++, j++;
        }
        free(gb);
        free(pb);
        free(text);
        free(gold);
        docs++;
    }
    closedir(d);
    double p = tp ? (double)tp / (double)(tp + fp) : 0;
    double r = tp ? (double)tp / (double)(tp + fn) : 0;
    double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
    printf("\n    %s: %zu documents, %zu sentences: boundary precision "
           "%.4f recall %.4f F1 %.4f ", dirname, docs, tp + fn, p, r, f1);
    CU_ASSERT(docs >= min_docs);
    CU_ASSERT(f1 >= 0.99);
}

static void test_gold_f1(void)
{
    gold_f1("tests/segment/gold", 40);
    gold_f1("tests/segment/blind", 15);
}

void suite_segment(void)
{
    CU_pSuite s = CU_add_suite("segment", setup, teardown);
    CU_add_test(s, "abbreviations, initials, initialisms",
                test_abbreviations);
    CU_add_test(s, "decimals, times, URLs, e-mail", test_numbers_urls);
    CU_add_test(s, "quotes", test_quotes);
    CU_add_test(s, "numbered items, quoted speakers, bare domains",
                test_lists_speakers_domains);
    CU_add_test(s, "ellipses and glued boundaries", test_ellipsis_glued);
    CU_add_test(s, "layout: headlines, bylines, wrapping, lists",
                test_layout);
    CU_add_test(s, "noise: CRLF, BOM, NUL, invalid UTF-8, empty", test_noise);
    CU_add_test(s, "megabyte lines are cut, nothing lost", test_long_line);
    CU_add_test(s, "boundary F1 on the gold and blind documents",
                test_gold_f1);
}
