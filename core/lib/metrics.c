/*
 * metrics.c - classification metrics (see metrics.h).  Definitions follow
 * scikit-learn: a label never predicted has precision 0, and macro
 * averages are unweighted means over labels with support or predictions.
 */
#include "metrics.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sift_metrics_init(struct sift_metrics *m, size_t k)
{
    memset(m, 0, sizeof *m);
    m->k = k;
    m->confusion = calloc(k * k, sizeof *m->confusion);
    m->precision = calloc(k, sizeof *m->precision);
    m->recall = calloc(k, sizeof *m->recall);
    m->f1 = calloc(k, sizeof *m->f1);
    m->support = calloc(k, sizeof *m->support);
    if (!m->confusion || !m->precision || !m->recall || !m->f1 ||
        !m->support) {
        sift_metrics_release(m);
        return -1;
    }
    return 0;
}

void sift_metrics_release(struct sift_metrics *m)
{
    free(m->confusion);
    free(m->precision);
    free(m->recall);
    free(m->f1);
    free(m->support);
    memset(m, 0, sizeof *m);
}

void sift_metrics_add(struct sift_metrics *m, int gold, int predicted)
{
    m->confusion[(size_t)gold * m->k + (size_t)predicted]++;
}

void sift_metrics_finish(struct sift_metrics *m)
{
    size_t used = 0;
    m->total = m->correct = 0;
    m->macro_p = m->macro_r = m->macro_f1 = 0;
    for (size_t i = 0; i < m->k; i++) {
        size_t tp = m->confusion[i * m->k + i], pred = 0, gold = 0;
        for (size_t j = 0; j < m->k; j++) {
            pred += m->confusion[j * m->k + i];
            gold += m->confusion[i * m->k + j];
        }
        m->support[i] = gold;
        m->total += gold;
        m->correct += tp;
        m->precision[i] = pred ? (double)tp / (double)pred : 0;
        m->recall[i] = gold ? (double)tp / (double)gold : 0;
        m->f1[i] = m->precision[i] + m->recall[i] > 0
                       ? 2 * m->precision[i] * m->recall[i] /
                             (m->precision[i] + m->recall[i])
                       : 0;
        if (gold || pred) {
            used++;
            m->macro_p += m->precision[i];
            m->macro_r += m->recall[i];
            m->macro_f1 += m->f1[i];
        }
    }
    if (used) {
        m->macro_p /= (double)used;
        m->macro_r /= (double)used;
        m->macro_f1 /= (double)used;
    }
    m->accuracy = m->total ? (double)m->correct / (double)m->total : 0;
    m->micro_f1 = m->accuracy; /* single-label: micro P = R = F1 = acc */
}

void sift_metrics_print(const struct sift_metrics *m, char *const *labels,
                        FILE *f)
{
    size_t w = 12;
    for (size_t i = 0; i < m->k; i++)
        if (strlen(labels[i]) + 2 > w)
            w = strlen(labels[i]) + 2;
    fprintf(f, "%-*s %9s %9s %9s %9s\n", (int)w, "label", "precision",
            "recall", "f1", "support");
    for (size_t i = 0; i < m->k; i++)
        fprintf(f, "%-*s %9.3f %9.3f %9.3f %9zu\n", (int)w, labels[i],
                m->precision[i], m->recall[i], m->f1[i], m->support[i]);
    fprintf(f, "%-*s %9.3f %9.3f %9.3f %9zu\n", (int)w, "macro avg",
            m->macro_p, m->macro_r, m->macro_f1, m->total);
    fprintf(f, "%-*s %9.3f %9.3f %9.3f %9zu\n", (int)w, "micro avg",
            m->micro_f1, m->micro_f1, m->micro_f1, m->total);
    fprintf(f, "accuracy %.3f (%zu of %zu)\n\nconfusion (rows: gold, "
               "columns: predicted)\n%-*s",
            m->accuracy, m->correct, m->total, (int)w, "");
    for (size_t j = 0; j < m->k; j++)
        fprintf(f, " %10.10s", labels[j]);
    fputc('\n', f);
    for (size_t i = 0; i < m->k; i++) {
        fprintf(f, "%-*s", (int)w, labels[i]);
        for (size_t j = 0; j < m->k; j++)
            fprintf(f, " %10zu", m->confusion[i * m->k + j]);
        fputc('\n', f);
    }
}

/* A label as a JSON string (labels are UTF-8; quotes, backslashes and
 * control bytes are escaped). */
static void put_name(FILE *f, const char *s)
{
    putc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20 || c == 0x7F)
            fprintf(f, "\\u%04x", c);
        else
            putc(c, f);
    }
    putc('"', f);
}

void sift_metrics_json(const struct sift_metrics *m, char *const *labels,
                       FILE *f)
{
    fprintf(f, "{\"accuracy\": %.6f, \"macro_precision\": %.6f, "
               "\"macro_recall\": %.6f, \"macro_f1\": %.6f, "
               "\"micro_f1\": %.6f, \"total\": %zu, \"labels\": {",
            m->accuracy, m->macro_p, m->macro_r, m->macro_f1, m->micro_f1,
            m->total);
    for (size_t i = 0; i < m->k; i++) {
        fputs(i ? ", " : "", f);
        put_name(f, labels[i]);
        fprintf(f, ": {\"precision\": %.6f, \"recall\": %.6f, "
                   "\"f1\": %.6f, \"support\": %zu}",
                m->precision[i], m->recall[i], m->f1[i], m->support[i]);
    }
    fprintf(f, "}, \"confusion\": [");
    for (size_t i = 0; i < m->k; i++) {
        fprintf(f, "%s[", i ? ", " : "");
        for (size_t j = 0; j < m->k; j++)
            fprintf(f, "%s%zu", j ? ", " : "", m->confusion[i * m->k + j]);
        fputc(']', f);
    }
    fprintf(f, "]}");
}

double sift_metrics_get(const struct sift_metrics *m, char *const *labels,
                        const char *name)
{
    if (!strcmp(name, "macro-f1"))
        return m->macro_f1;
    if (!strcmp(name, "accuracy"))
        return m->accuracy;
    if (!strcmp(name, "micro-f1"))
        return m->micro_f1;
    if (!strncmp(name, "f1:", 3))
        for (size_t i = 0; i < m->k; i++)
            if (!strcmp(labels[i], name + 3))
                return m->f1[i];
    return -1;
}
