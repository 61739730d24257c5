/*
 * rows.c - the fields of sift's row formats (docs/ROWS.md): TSV fields
 * quoted the way pandas, csvkit and Python's csv module read them, and
 * the header line.  classify and segment write their rows with these.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

void cli_tsv_header(FILE *f)
{
    fputs("path\tindex\tstart\tend\tlabel\tconfidence\ttext\n", f);
}

/* One byte of a field: flat turns control bytes into spaces, otherwise
 * they are escaped as \t, \n, \r, \xHH and a backslash doubled. */
static void put_byte(FILE *f, unsigned char c, int flat)
{
    if (c == '"') {
        fputs("\"\"", f); /* only ever inside a quoted field */
    } else if (c >= 0x20 && c != 0x7F && (flat || c != '\\')) {
        putc(c, f);
    } else if (flat) {
        putc(' ', f);
    } else if (c == '\\') {
        fputs("\\\\", f);
    } else if (c == '\t') {
        fputs("\\t", f);
    } else if (c == '\n') {
        fputs("\\n", f);
    } else if (c == '\r') {
        fputs("\\r", f);
    } else {
        fprintf(f, "\\x%02x", c);
    }
}

/* Neither form ever writes a raw TAB, CR or LF, so only a double quote
 * makes a field need quoting: then it is wrapped in double quotes with
 * each inner one doubled (RFC 4180), and every row stays one line.  The
 * output is valid UTF-8: a byte that is not part of valid UTF-8 is U+FFFD
 * in a text field, \xHH in a path (which must stay findable). */
static void put_tsv(FILE *f, const char *t, size_t n, int flat)
{
    int quote = memchr(t, '"', n) != NULL;
    size_t a = 0, i = 0, k;
    if (quote)
        putc('"', f);
    while (i < n) {
        unsigned char c = (unsigned char)t[i];
        if (c >= 0x20 && c < 0x7F && c != '"' && (flat || c != '\\')) {
            i++;
            continue;
        }
        if (c >= 0x80 && (k = cli_utf8_char(t + i, n - i)) > 0) {
            i += k;
            continue;
        }
        fwrite(t + a, 1, i - a, f);
        if (c < 0x80)
            put_byte(f, c, flat);
        else if (flat)
            fputs("\xEF\xBF\xBD", f); /* U+FFFD */
        else
            fprintf(f, "\\x%02x", c);
        a = ++i;
    }
    fwrite(t + a, 1, n - a, f);
    if (quote)
        putc('"', f);
}

void cli_tsv_text(FILE *f, const char *text, size_t n)
{
    put_tsv(f, text, n, 1);
}

void cli_tsv_path(FILE *f, const char *path)
{
    put_tsv(f, path, strlen(path), 0);
}
