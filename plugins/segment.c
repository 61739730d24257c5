/*
 * segment.c - sentence segmenter plugin for news text as people save it:
 * wire copy, web pages, hard-wrapped e-mail, mojibake.
 *
 * Two passes over the document, both linear:
 * 1. Layout: the text is cut into lines; a blank line always ends a
 *    sentence.  For each single line break the segmenter decides whether
 *    it is hard wrapping (join the lines) or the end of a stand-alone line
 *    (headline, byline, dateline, caption, "Continue reading"): a line
 *    continues when the next starts in lower case, when it ends in
 *    sentence punctuation (the punctuation rules then decide), or when the
 *    document is hard-wrapped and the line is long and not a title.
 * 2. Punctuation: within each run of joined lines, '.', '!', '?' and
 *    ellipses (with any closing quotes and brackets after them) end a
 *    sentence when the next word could start one.  A full stop after an
 *    abbreviation or initial does not, following the tables below; a
 *    missing space ("claims.Kenya's") still ends one.
 *
 * Sentences longer than max_bytes are cut at a space so that no input can
 * make a sentence unbounded.  Every byte is looked at a bounded number of
 * times; invalid UTF-8 and NUL bytes are ordinary bytes here.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "sift/plugin.h"
#include "strtab.h"

/* Abbreviations before a name: a full stop after them never ends a
 * sentence ("Brig. Gen. Musa", "Dr. Ali", "St. Petersburg"). */
static const char *const title_abbrevs[] = {
    "mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "brig", "lt", "col",
    "maj", "capt", "cpt", "sgt", "cpl", "pvt", "adm", "cmdr", "cdr", "gov",
    "sen", "rep", "rev", "fr", "hon", "pres", "supt", "insp", "det", "amb",
    "st", "mt", "ft", "pt", "vs", "v", "atty", "gens", "lieut", "sgts",
    "rt", "mme", "mlle", "sr", "jr", "hr", "ave", "blvd", "rd", "eng", "pte",
    "ret", "cmdt", "sqn", "ldr", "wg", "cdt", "msgr", "dist", "ste"};

/* Abbreviations before a number: "No. 10", "Sept. 3", "Art. 5". */
static const char *const numeric_abbrevs[] = {
    "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "art", "arts", "sec", "vol", "fig", "p",
    "pp", "para", "ch", "ref", "op", "approx", "est", "ca", "tel"};

/* Abbreviations that may also end a sentence: "Acme Inc. said" but
 * "... by Acme Inc. The firm ...".  A sentence ends after them only when
 * the next word is a common sentence opener.  Dotted initialisms
 * ("U.S.", "U.N.", "a.m.") are treated the same way. */
static const char *const final_abbrevs[] = {
    "inc", "ltd", "corp", "co", "plc", "llc", "bros", "etc", "esq", "dept",
    "univ", "assn", "intl", "govt", "mfg", "al"};

/* Words that commonly open a sentence in news copy. */
static const char *const openers[] = {
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "His",
    "Her", "Its", "Their", "Our", "This", "That", "These", "Those", "There",
    "In", "On", "At", "But", "And", "Yet", "So", "If", "When", "While",
    "After", "Before", "As", "Since", "According", "Officials", "Police",
    "Some", "Many", "Most", "No", "Neither", "Both", "Such", "Last", "Earlier",
    "Later", "Meanwhile", "However", "Still", "Asked", "Speaking", "Under",
    "For", "With", "Without", "Despite", "Although", "Now", "Then", "What",
    "Why", "How", "Who", "One", "Two", "Three", "Several", "Analysts",
    "Witnesses", "Residents", "Critics", "Reuters", "Shares", "Prosecutors"};

/* After a title abbreviation ("Main St. He said") only these end the
 * sentence: no name starts with them. */
static const char *const strong_openers[] = {
    "He", "She", "It", "They", "We", "I", "The", "This", "That", "But",
    "And", "There", "These", "Those", "His", "Her", "Its", "Their"};

/* Words that continue a name after an initialism or "Inc.": "U.S. Navy",
 * "U.N. Security Council".  Any other capitalised word followed by a
 * lower-case one starts a new sentence ("... in the U.S. Leaks are"). */
static const char *const name_heads[] = {
    "Navy", "Army", "Air", "Marine", "Marines", "Embassy", "Senate",
    "Congress", "House", "Treasury", "Department", "Defense", "Defence",
    "State", "Secretary", "President", "Ambassador", "Envoy", "Special",
    "Security", "General", "Assembly", "Council", "Human", "High", "Mission",
    "Command", "Central", "Coast", "Forces", "Government", "Justice",
    "Attorney", "Supreme", "Court", "District", "Federal", "Trade",
    "Commerce", "Customs", "Border", "Homeland", "Agency", "Office",
    "Representative", "Peacekeeping", "Refugee", "Development", "Food",
    "World", "Energy", "Health", "Secretary-General", "Chief", "Foreign",
    "Special", "Military", "Intelligence", "Space", "Capitol", "Open",
    "Postal", "Census", "Geological", "National", "Chamber", "Group",
    "Holdings", "Board", "Commission", "Committee", "Director", "Minister",
    "Prime", "Deputy", "Vice", "Sen", "Rep", "Gen", "Sgt", "Col", "Lt",
    "Maj", "Capt", "Adm", "Dr", "Mr", "Mrs", "Ms", "Eastern", "Pacific",
    "Mountain", "Standard", "Daylight", "Local"};

/* After a quoted '!' or '?', "Name said" continues the sentence:
 * "Why now?" Okoro asked. */
static const char *const speech_verbs[] = {
    "said", "says", "asked", "asks", "added", "adds", "told", "tells",
    "replied", "shouted", "wrote", "writes", "insisted", "explained",
    "recalled", "continued", "warned", "cried", "yelled", "noted"};

enum { O_MAXB, O_LINES, O_ABBR, O_N };

static const struct sift_option options[O_N] = {
    {"max_bytes", SIFT_OPT_INT, "5000",
     "longest sentence; longer ones are cut at a space", NULL, 200, 1e8, 0, NULL, NULL},
    {"line_breaks", SIFT_OPT_ENUM, "auto",
     "single line breaks: auto (detect hard wrapping), always end a "
     "sentence, or never",
     "auto|always|never", 0, 0, 0, NULL, NULL},
    {"abbreviations", SIFT_OPT_STRING, "",
     "more title abbreviations, comma-separated, without the dot "
     "(e.g. \"Sgt.Maj,Cmdt\")",
     NULL, 0, 0, 0, NULL, NULL},
};

enum { ABBR_TITLE = 1, ABBR_NUMERIC, ABBR_FINAL };

struct seg {
    size_t max_bytes;
    int lines; /* 0 auto, 1 always break, 2 never break */
    struct strtab abbr;
    int *kind; /* per abbr entry */
    struct strtab open, strong, heads, speech;
};

struct line {
    size_t start, end; /* without the newline and any '\r' */
    size_t cps;        /* length in code points */
    int blank;
};

struct scratch {
    struct sift_span *sp;
    size_t n, cap;
    struct line *ln;
    size_t nl, lcap;
};

static int add_words(struct seg *s, const char *const *w, size_t n, int kind)
{
    for (size_t i = 0; i < n; i++) {
        int added;
        long e = strtab_add(&s->abbr, w[i], strlen(w[i]), &added);
        if (e < 0)
            return -1;
        if (added) {
            int *k = realloc(s->kind, (size_t)(e + 1) * sizeof *k);
            if (!k)
                return -1;
            s->kind = k;
            s->kind[e] = kind;
        }
    }
    return 0;
}

static int add_set(struct strtab *t, const char *const *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int added;
        if (strtab_add(t, w[i], strlen(w[i]), &added) < 0)
            return -1;
    }
    return 0;
}

static void seg_destroy(void *inst)
{
    struct seg *s = inst;
    if (!s)
        return;
    strtab_release(&s->abbr);
    strtab_release(&s->open);
    strtab_release(&s->strong);
    strtab_release(&s->heads);
    strtab_release(&s->speech);
    free(s->kind);
    free(s);
}

static void *seg_create(const char *const *v, struct sift_error *err)
{
    struct seg *s = calloc(1, sizeof *s);
    const char *p;
    if (!s)
        goto nomem;
    s->max_bytes = strtoul(v[O_MAXB], NULL, 10);
    s->lines = !strcmp(v[O_LINES], "auto") ? 0
               : !strcmp(v[O_LINES], "always") ? 1 : 2;
#define N(a) (sizeof(a) / sizeof *(a))
    if (add_words(s, title_abbrevs, N(title_abbrevs), ABBR_TITLE) ||
        add_words(s, numeric_abbrevs, N(numeric_abbrevs), ABBR_NUMERIC) ||
        add_words(s, final_abbrevs, N(final_abbrevs), ABBR_FINAL))
        goto nomem;
    if (add_set(&s->open, openers, N(openers)) ||
        add_set(&s->strong, strong_openers, N(strong_openers)) ||
        add_set(&s->heads, name_heads, N(name_heads)) ||
        add_set(&s->speech, speech_verbs, N(speech_verbs)))
        goto nomem;
#undef N
    for (p = v[O_ABBR]; *p;) {
        char w[32];
        size_t n = 0;
        while (*p == ',' || *p == ' ')
            p++;
        while (*p && *p != ',' && *p != ' ') {
            if (*p != '.' && n < sizeof w - 1)
                w[n++] = (char)tolower((unsigned char)*p);
            p++;
        }
        w[n] = '\0';
        const char *one = w;
        if (n && add_words(s, &one, 1, ABBR_TITLE))
            goto nomem;
    }
    return s;
nomem:
    seg_destroy(s);
    sift_fail(err, SIFT_ENOMEM, "out of memory");
    return NULL;
}

static void scratch_free(void *p)
{
    struct scratch *s = p;
    if (!s)
        return;
    free(s->sp);
    free(s->ln);
    free(s);
}

static void *scratch_new(const void *inst, struct sift_error *err)
{
    struct scratch *s = calloc(1, sizeof *s);
    (void)inst;
    if (!s)
        sift_fail(err, SIFT_ENOMEM, "out of memory");
    return s;
}

/* ---- character classes ---- */

static int is_space_at(const unsigned char *t, size_t i, size_t n,
                       size_t *len)
{
    *len = 1;
    if (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n' ||
        t[i] == '\f' || t[i] == '\v' || t[i] == 0)
        return 1;
    if (t[i] == 0xC2 && i + 1 < n && t[i + 1] == 0xA0) { /* NBSP */
        *len = 2;
        return 1;
    }
    if (t[i] == 0xE2 && i + 2 < n && t[i + 1] == 0x80 &&
        ((t[i + 2] >= 0x80 && t[i + 2] <= 0x8B) || t[i + 2] == 0xAF)) {
        /* U+2000..200B, U+202F */
        *len = 3;
        return 1;
    }
    return 0;
}

static size_t skip_space(const unsigned char *t, size_t i, size_t n)
{
    size_t len;
    while (i < n && is_space_at(t, i, n, &len))
        i += len;
    return i;
}

/* "â€" (C3 A2 E2 82 AC): the start of a UTF-8 curly quote decoded as
 * Windows-1252 and encoded again. */
static int mojibake_quote(const unsigned char *t, size_t i, size_t n)
{
    return i + 4 < n && t[i] == 0xC3 && t[i + 1] == 0xA2 &&
           t[i + 2] == 0xE2 && t[i + 3] == 0x82 && t[i + 4] == 0xAC;
}

/* Closing quote or bracket at i: its length, else 0. */
static size_t closer_at(const unsigned char *t, size_t i, size_t n)
{
    if (t[i] == '"' || t[i] == '\'' || t[i] == ')' || t[i] == ']')
        return 1;
    if (t[i] == 0xE2 && i + 2 < n && t[i + 1] == 0x80 &&
        (t[i + 2] == 0x9D || t[i + 2] == 0x99 || t[i + 2] == 0xBA))
        return 3; /* ” ’ › */
    if (t[i] == 0xC2 && i + 1 < n && t[i + 1] == 0xBB)
        return 2; /* » */
    if (mojibake_quote(t, i, n) && !(i + 6 < n && t[i + 5] == 0xC5 &&
                                     t[i + 6] == 0x93)) {
        /* "â€" is a curly quote read as cp1252; "â€œ" opens one */
        if (i + 6 < n && t[i + 5] == 0xC2 && t[i + 6] == 0x9D)
            return 7;
        return 5;
    }
    return 0;
}

/* An opening quote or bracket at i (a sentence may start with one). */
static int opener_at(const unsigned char *t, size_t i, size_t n)
{
    return t[i] == '"' || t[i] == '\'' || t[i] == '(' || t[i] == '[' ||
           (t[i] == 0xE2 && i + 2 < n && t[i + 1] == 0x80 &&
            (t[i + 2] == 0x9C || t[i + 2] == 0x98)) ||
           mojibake_quote(t, i, n);
}

/* Sentence-ending mark at i ('.', '!', '?', '…'): its length, else 0. */
static size_t terminal_at(const unsigned char *t, size_t i, size_t n)
{
    if (t[i] == '.' || t[i] == '!' || t[i] == '?')
        return 1;
    if (t[i] == 0xE2 && i + 2 < n && t[i + 1] == 0x80 && t[i + 2] == 0xA6)
        return 3;
    return 0;
}

static int is_lower(unsigned char c)
{
    return c >= 'a' && c <= 'z';
}

static int is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* ---- the punctuation pass ---- */

static int emit(struct scratch *s, const unsigned char *t, size_t a, size_t b)
{
    size_t len;
    a = skip_space(t, a, b);
    while (b > a) {
        /* trim trailing white space, including multi-byte spaces */
        size_t k = b - 1;
        while (k > a && (t[k] & 0xC0) == 0x80)
            k--;
        if (!is_space_at(t, k, b, &len) || k + len != b)
            break;
        b = k;
    }
    if (b <= a)
        return 0;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        struct sift_span *v = realloc(s->sp, cap * sizeof *v);
        if (!v)
            return -1;
        s->sp = v;
        s->cap = cap;
    }
    s->sp[s->n].start = a;
    s->sp[s->n].end = b;
    s->n++;
    return 0;
}

/* The word before position i (no further back than `from`, and at most
 * 40 bytes), without opening quotes and brackets. */
static size_t word_before(const unsigned char *t, size_t from, size_t i,
                          size_t *start)
{
    size_t a = i, len;
    while (a > from && i - a < 40) {
        size_t k = a - 1;
        while (k > from && (t[k] & 0xC0) == 0x80)
            k--;
        if (is_space_at(t, k, i, &len) || t[k] == '(' || t[k] == '"' ||
            t[k] == '[' || t[k] == '\'' || t[k] == '/')
            break;
        if (t[k] == 0xE2 && k + 2 < i && t[k + 1] == 0x80 &&
            (t[k + 2] == 0x9C || t[k + 2] == 0x98 || t[k + 2] == 0x94 ||
             t[k + 2] == 0x93))
            break; /* “ ‘ — – */
        a = k;
    }
    *start = a;
    return i - a;
}

static int looks_like_url(const unsigned char *t, size_t a, size_t i)
{
    size_t first = 0, last = 0, seg = 0, dots = 0;
    int lower = 1;
    for (size_t k = a; k < i; k++) {
        if (t[k] == '@' || t[k] == '/' ||
            (k + 3 < i && !memcmp(t + k, "www.", 4)))
            return 1;
        if (t[k] == '.') {
            if (!dots++)
                first = seg;
            seg = 0;
        } else {
            if (!(is_lower(t[k]) || is_digit(t[k]) || t[k] == '-'))
                lower = 0;
            seg++;
        }
    }
    last = seg;
    /* a bare domain: "example.org", "news.example.co.uk" (not "a.m.") */
    return dots && lower && first >= 2 && last >= 2;
}

/* Is the text at k a capitalised name of one to three words followed
 * by a speech verb ("O'Rourke said", "Gen. Musa Kato told")? */
static int said_follows(const struct seg *g, const unsigned char *t, size_t k,
                        size_t b)
{
    for (int words = 0; words < 4 && k < b; words++) {
        size_t q = k;
        while (q < b && (isalpha(t[q]) || t[q] == '\'' || t[q] == '-' ||
                         t[q] == '.' || t[q] >= 0x80))
            q++;
        size_t qe = q;
        if (q == k)
            return 0;
        while (qe > k && t[qe - 1] == '.')
            qe--; /* "asked." */
        if (words > 0 &&
            strtab_find(&g->speech, (const char *)t + k, qe - k) >= 0)
            return 1;
        if ((!is_upper(t[k]) && t[k] < 0x80) ||
            (words == 0 &&
             strtab_find(&g->strong, (const char *)t + k, q - k) >= 0))
            return 0; /* not a name, or a pronoun opening a sentence */
        k = skip_space(t, q, b);
    }
    return 0;
}

/* Does the sentence end after the terminal run [i, e) and closers
 * [e, j), given the run ends at b? */
static int ends_here(const struct seg *g, const unsigned char *t,
                     size_t from, size_t i, size_t e, size_t j, size_t b)
{
    size_t k, ws, wl, dummy;
    if (j >= b)
        return 1;
    if (!is_space_at(t, j, b, &dummy)) {
        /* No space: a decimal or time ("3.4", "06.45"), a URL, an
         * initialism ("U.S."), or a glued boundary ("claims.Kenya's"). */
        if (!is_upper(t[j]) || j + 1 >= b)
            return 0;
        if (!(is_lower(t[j + 1]) || t[j + 1] == '\'' || t[j + 1] == 0xE2))
            return 0;
        wl = word_before(t, from, i, &ws);
        if (wl < 2 || looks_like_url(t, ws, i) ||
            !(is_lower(t[i - 1]) || j > e || t[i] != '.'))
            return 0;
        return 1;
    }
    k = skip_space(t, j, b);
    if (k >= b)
        return 1;
    if (is_lower(t[k]) || t[k] == ',' || t[k] == ';' || t[k] == ':' ||
        t[k] == ')' || t[k] == '%')
        return 0;
    if (j > e && (t[i] == '!' || t[i] == '?') && is_upper(t[k]) &&
        said_follows(g, t, k, b))
        return 0; /* "Why now?" Okoro asked.  (But "... now." He said) */
    if (t[i] != '.' || e - i != 1)
        return 1; /* '!', '?', ellipsis */
    wl = word_before(t, from, i, &ws);
    if (ws == from && wl <= 2 && is_digit(t[ws]) &&
        (wl == 1 || is_digit(t[ws + 1])))
        return 0; /* a numbered item: "2. A compensation fund ..." */
    wl = word_before(t, from, i, &ws);
    if (wl == 0)
        return 1;
    if (wl == 1 && is_upper(t[ws]))
        return 0; /* an initial: "J. R. R. Tolkien", "Harry S. Truman" */
    {
        char w[48];
        size_t n = 0, dots = 0;
        for (size_t q = ws; q < i && n < sizeof w - 1; q++) {
            if (t[q] == '.')
                dots++;
            w[n++] = (char)tolower(t[q]);
        }
        if (looks_like_url(t, ws, i))
            return 1; /* "... write to desk@example.com. Reports ..." */
        long a = dots ? -1 : strtab_find(&g->abbr, w, n);
        int kind = a >= 0 ? g->kind[a] : dots ? ABBR_FINAL : 0;
        size_t q = k, q2;
        while (q < b && (isalpha(t[q]) || t[q] == '\'' || t[q] == '-'))
            q++;
        if (kind == ABBR_TITLE)
            return strtab_find(&g->strong, (const char *)t + k, q - k) >= 0;
        if (kind == ABBR_NUMERIC)
            return !is_digit(t[k]);
        if (kind == ABBR_FINAL) {
            if (opener_at(t, k, b) ||
                strtab_find(&g->open, (const char *)t + k, q - k) >= 0)
                return 1;
            if (!is_upper(t[k]) || q == k ||
                strtab_find(&g->heads, (const char *)t + k, q - k) >= 0)
                return 0;
            /* a capitalised word then a lower-case one: "Leaks are" */
            q2 = skip_space(t, q, b);
            return q2 < b && q2 > q && is_lower(t[q2]);
        }
    }
    return 1;
}

static int cut_long(const struct seg *g, struct scratch *s,
                    const unsigned char *t, size_t *start, size_t i)
{
    size_t cut = i, len, half = *start + g->max_bytes / 2;
    while (cut > half && !is_space_at(t, cut, i + 1, &len))
        cut--;
    if (cut <= half) {
        /* no space: cut at a code point boundary, or anywhere when the
         * bytes are not UTF-8 - but always past *start, so every cut
         * makes progress */
        cut = i;
        while (cut > half && (t[cut] & 0xC0) == 0x80)
            cut--;
        if (cut <= half)
            cut = i;
    }
    if (emit(s, t, *start, cut))
        return -1;
    *start = cut;
    return 0;
}

/* Sentences of the joined-line run [a, b). */
static int run(const struct seg *g, struct scratch *s, const unsigned char *t,
               size_t a, size_t b)
{
    size_t start = skip_space(t, a, b), i = start;
    while (i < b) {
        size_t tl = terminal_at(t, i, b);
        if (i - start >= g->max_bytes) {
            if (cut_long(g, s, t, &start, i))
                return -1;
            start = skip_space(t, start, b);
            if (i < start)
                i = start;
            continue;
        }
        if (!tl) {
            i++;
            continue;
        }
        size_t e = i + tl, j, cl;
        while (e < b && (tl = terminal_at(t, e, b)))
            e += tl;
        j = e;
        while (j < b && (cl = closer_at(t, j, b)))
            j += cl;
        if (ends_here(g, t, start, i, e, j, b)) {
            if (emit(s, t, start, j))
                return -1;
            start = skip_space(t, j, b);
            i = start;
        } else {
            i = e;
        }
    }
    return emit(s, t, start, b);
}

/* ---- the layout pass ---- */

static int title_case(const unsigned char *t, size_t a, size_t b)
{
    static const char *const minor[] = {"a", "an", "the", "of", "in", "on",
                                        "to", "for", "and", "or", "at", "by",
                                        "with", "as", "from", "over", "after",
                                        "is", "are", "vs"};
    size_t words = 0, caps = 0, i = a;
    while (i < b) {
        while (i < b && t[i] == ' ')
            i++;
        size_t w = i;
        while (i < b && t[i] != ' ')
            i++;
        if (i == w || !(isalpha(t[w]) || t[w] >= 0xC0))
            continue;
        int is_minor = 0;
        for (size_t m = 0; m < sizeof minor / sizeof *minor; m++)
            if (strlen(minor[m]) == i - w &&
                !strncmp((const char *)t + w, minor[m], i - w))
                is_minor = 1;
        if (is_minor)
            continue;
        words++;
        caps += is_upper(t[w]) || t[w] >= 0xC0;
    }
    return words >= 3 && caps == words;
}

static size_t last_nonspace(const unsigned char *t, size_t a, size_t b)
{
    size_t len;
    while (b > a) {
        size_t k = b - 1;
        while (k > a && (t[k] & 0xC0) == 0x80)
            k--;
        if (!is_space_at(t, k, b, &len))
            return k;
        b = k;
    }
    return (size_t)-1;
}

/* Does line B continue line A (hard wrapping)? */
static int joins(const struct seg *g, const unsigned char *t,
                 const struct line *A, const struct line *B, int wrapped,
                 size_t width)
{
    size_t fb = skip_space(t, B->start, B->end), la;
    if (g->lines == 1)
        return 0;
    if (g->lines == 2)
        return 1;
    if (fb < B->end &&
        ((t[fb] == '-' || t[fb] == '*') && fb + 1 < B->end &&
         t[fb + 1] == ' '))
        return 0; /* a list item */
    if (fb + 2 < B->end && t[fb] == 0xE2 && t[fb + 1] == 0x80 &&
        t[fb + 2] == 0xA2)
        return 0; /* • */
    if (fb < B->end && is_lower(t[fb]))
        return 1;
    {
        int alnum = 0;
        for (size_t q = fb; q < B->end && !alnum; q++)
            alnum = isalnum(t[q]) || t[q] >= 0x80;
        if (!alnum)
            return 0; /* "###", "* * *": a line of its own */
    }
    if (!wrapped)
        return 0; /* one paragraph or stand-alone line per line */
    if (A->cps * 100 < width * 65)
        return 0; /* a short line: end of paragraph, or a line of its own */
    if (fb + 3 < B->end && !memcmp(t + fb, "By ", 3) && is_upper(t[fb + 3]))
        return 0; /* a byline after a long headline */
    la = last_nonspace(t, A->start, A->end);
    if (la == (size_t)-1)
        return 0;
    /* a long line ending in sentence punctuation: the punctuation rules
     * decide ("... Brig. Gen." + "Musa said ..."); otherwise a long line
     * is hard wrapping unless it is a title-case headline */
    while (la > A->start) {
        size_t c0 = la;
        while (c0 > A->start && (t[c0] & 0xC0) == 0x80)
            c0--;
        if (!closer_at(t, c0, A->end))
            break;
        la = c0 - 1;
    }
    {
        size_t c0 = la;
        while (c0 > A->start && (t[c0] & 0xC0) == 0x80)
            c0--;
        if (terminal_at(t, c0, A->end))
            return 1;
    }
    return !title_case(t, A->start, A->end);
}

static int add_line(struct scratch *s, size_t a, size_t b,
                    const unsigned char *t)
{
    size_t e = b, cps = 0;
    int blank = 1;
    if (s->nl == s->lcap) {
        size_t cap = s->lcap ? s->lcap * 2 : 256;
        struct line *l = realloc(s->ln, cap * sizeof *l);
        if (!l)
            return -1;
        s->ln = l;
        s->lcap = cap;
    }
    if (e > a && t[e - 1] == '\r')
        e--;
    for (size_t i = a; i < e; i++) {
        size_t len;
        if ((t[i] & 0xC0) != 0x80)
            cps++;
        if (blank && !is_space_at(t, i, e, &len))
            blank = 0;
    }
    s->ln[s->nl].start = a;
    s->ln[s->nl].end = e;
    s->ln[s->nl].cps = cps;
    s->ln[s->nl].blank = blank;
    s->nl++;
    return 0;
}

static int seg_segment(const void *inst, void *scratch, const char *text,
                       size_t len, const struct sift_span **out, size_t *n,
                       struct sift_error *err)
{
    const struct seg *g = inst;
    struct scratch *s = scratch;
    const unsigned char *t = (const unsigned char *)text;
    size_t i = 0, a, hist[101] = {0}, long_lines = 0, width = 0;
    int wrapped = 0;
    s->n = 0;
    s->nl = 0;
    if (len >= 3 && !memcmp(t, "\xEF\xBB\xBF", 3))
        i = 3;
    for (a = i; i <= len; i++) {
        if (i == len || t[i] == '\n') {
            if ((i > a || i < len) && add_line(s, a, i, t))
                goto nomem;
            a = i + 1;
        }
    }
    /* Hard-wrapped if most lines of some length are at most 100 code
     * points; the wrap width is their 90th percentile. */
    for (size_t l = 0; l < s->nl; l++) {
        if (s->ln[l].blank || s->ln[l].cps < 20)
            continue;
        long_lines++;
        if (s->ln[l].cps <= 100)
            hist[s->ln[l].cps]++;
    }
    if (long_lines >= 3) {
        size_t within = 0, acc = 0;
        for (size_t c = 0; c <= 100; c++)
            within += hist[c];
        if (within * 10 >= long_lines * 8) {
            wrapped = 1;
            for (width = 0; width <= 100 && acc * 10 < within * 9; width++)
                acc += hist[width];
        }
    }
    for (size_t l = 0; l < s->nl;) {
        size_t first, last;
        if (s->ln[l].blank) {
            l++;
            continue;
        }
        first = last = l;
        while (last + 1 < s->nl && !s->ln[last + 1].blank &&
               joins(g, t, &s->ln[last], &s->ln[last + 1], wrapped, width))
            last++;
        if (run(g, s, t, s->ln[first].start, s->ln[last].end))
            goto nomem;
        l = last + 1;
    }
    *out = s->sp;
    *n = s->n;
    return 0;
nomem:
    return sift_fail(err, SIFT_ENOMEM, "out of memory");
}

static const struct sift_plugin descriptor = {
    .abi_version = SIFT_ABI_VERSION,
    .size = sizeof(struct sift_plugin),
    .kind = SIFT_SEGMENTER,
    .name = "segment",
    .version = "1.0",
    .summary = "sentence segmenter for news: abbreviations, quotes, hard "
               "wrapping, stand-alone lines, noise",
    .options = options,
    .noptions = O_N,
    .create = seg_create,
    .destroy = seg_destroy,
    .scratch_new = scratch_new,
    .scratch_free = scratch_free,
    .segment = seg_segment,
};

SIFT_EXPORT const struct sift_plugin *sift_plugin(void)
{
    return &descriptor;
}
