/*
 * html.c - renders the classify report page (see html.h).
 */
#include "html.h"

#include <string.h>

#include "cli.h"

/* Colours for up to eight labels, in label order; "background" is grey. */
static const char *const colours[] = {"#f6c7c7", "#c7d9f6", "#f6e3b0",
                                      "#d3ecc9", "#e3cdf2", "#c9ecec",
                                      "#f2d1e4", "#dddddd"};

static const char *colour(const struct sift_pipeline *p, size_t k)
{
    if (!strcmp(p->labels[k], "background"))
        return "transparent";
    return colours[k % 8];
}

/* Text as HTML: markup characters as entities, control bytes as
 * spaces, bytes that are not UTF-8 as U+FFFD (the page says utf-8). */
static void put_html(FILE *f, const char *t, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)t[i];
        size_t k = c < 0x80 ? 1 : cli_utf8_char(t + i, n - i);
        if (c == '<')
            fputs("&lt;", f);
        else if (c == '>')
            fputs("&gt;", f);
        else if (c == '&')
            fputs("&amp;", f);
        else if (c == '"')
            fputs("&quot;", f);
        else if (c < 0x20 || c == 0x7F)
            putc(' ', f);
        else if (k == 0)
            fputs("\xEF\xBF\xBD", f);
        else
            fwrite(t + i, 1, k, f);
        i += k ? k : 1;
    }
}

void sift_html_begin(FILE *f, const struct sift_pipeline *p)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<title>sift report</title>\n<style>\n"
          "body{font:15px/1.6 Georgia,serif;max-width:60em;margin:2em auto;"
          "padding:0 1em;color:#222}\n"
          "h1{font:bold 1.4em sans-serif}h2{font:bold 1em sans-serif;"
          "border-bottom:1px solid #ccc;margin-top:2em;word-break:break-all}"
          "\n#bar{position:sticky;top:0;background:#fff;padding:.5em 0;"
          "border-bottom:1px solid #ccc;font:14px sans-serif}\n"
          "#bar label{margin-right:1.2em;padding:.1em .4em;border-radius:3px;"
          "cursor:pointer}\n.s{padding:.1em .15em;border-radius:3px}\n"
          ".s sup{font:10px sans-serif;color:#666;margin-left:.2em}\n"
          ".hide{display:none}\n.dim{opacity:.35}\n",
          f);
    for (size_t k = 0; k < p->nlabels; k++)
        fprintf(f, ".l%zu{background:%s}\n", k, colour(p, k));
    fputs("</style></head><body>\n<h1>sift report</h1>\n", f);
    fputs("<div id=\"bar\">Show: ", f);
    for (size_t k = 0; k < p->nlabels; k++) {
        fprintf(f, "<label class=\"l%zu\"><input type=\"checkbox\" "
                   "data-l=\"%zu\" checked> ",
                k, k);
        put_html(f, p->labels[k], strlen(p->labels[k]));
        fprintf(f, " (<span id=\"n%zu\">0</span>)</label>", k);
    }
    fputs("<label><input type=\"checkbox\" id=\"only\"> only documents with "
          "shown labels</label></div>\n",
          f);
}

void sift_html_doc_begin(FILE *f, const char *path)
{
    fputs("<section class=\"doc\"><h2>", f);
    put_html(f, path, strlen(path));
    fputs("</h2><p>\n", f);
}

void sift_html_sentence(FILE *f, const struct sift_pipeline *p, size_t index,
                        int label, const double *scores, const char *text,
                        size_t n)
{
    int shown = strcmp(p->labels[label], "background") != 0;
    fprintf(f, "<span class=\"s l%d%s\" data-l=\"%d\" title=\"#%zu ",
            label, shown ? " hl" : "", label, index);
    put_html(f, p->labels[label], strlen(p->labels[label]));
    fprintf(f, " %.2f\">", scores[label]);
    put_html(f, text, n);
    if (shown) {
        fputs("<sup>", f);
        put_html(f, p->labels[label], strlen(p->labels[label]));
        fputs("</sup>", f);
    }
    fputs("</span>\n", f);
}

void sift_html_doc_end(FILE *f)
{
    fputs("</p></section>\n", f);
}

void sift_html_end(FILE *f, const struct sift_pipeline *p,
                   const size_t *counts, size_t total)
{
    fprintf(f, "<p id=\"total\">%zu sentences.</p>\n<script>\n", total);
    fputs("var counts=[", f);
    for (size_t k = 0; k < p->nlabels; k++)
        fprintf(f, "%s%zu", k ? "," : "", counts[k]);
    fputs("];\ncounts.forEach(function(c,k){document.getElementById('n'+k)"
          ".textContent=c;});\n"
          "function apply(){var on={};document.querySelectorAll("
          "'#bar input[data-l]').forEach(function(b){on[b.dataset.l]="
          "b.checked;});\nvar only=document.getElementById('only').checked;\n"
          "document.querySelectorAll('.doc').forEach(function(d){var any="
          "false;\nd.querySelectorAll('.s').forEach(function(s){var v="
          "on[s.dataset.l];s.classList.toggle('dim',!v);\n"
          "if(v&&s.classList.contains('hl'))any=true;});\n"
          "d.classList.toggle('hide',only&&!any);});}\n"
          "document.querySelectorAll('#bar input').forEach(function(b){"
          "b.addEventListener('change',apply);});\n</script>\n"
          "</body></html>\n",
          f);
}
