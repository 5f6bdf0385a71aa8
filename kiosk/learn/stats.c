/* Item analysis of a class's answers, as Moodle's quiz statistics define
 * it: facility index (mean score over the maximum) and discrimination index
 * (the correlation of a question's score with the rest of the test's), over
 * each person's latest answer to each question. Pure: no I/O; the caller
 * reads the answers and passes them in. */
#include "mingbai/learn.h"

#include <math.h>
#include <stdlib.h>

/* The latest answer of each person to each question: an index into a,
 * or -1, in a npeople x nitems grid (a new array, freed by the caller). */
static long *stats_latest(const LearnStatAnswer *a, size_t n, size_t npeople, size_t nitems)
{
    long *grid = mb_xcalloc(npeople * nitems + 1, sizeof *grid);
    for (size_t k = 0; k < npeople * nitems; k++)
        grid[k] = -1;
    for (size_t k = 0; k < n; k++)
        if (a[k].person < npeople && a[k].item < nitems)
            grid[a[k].person * nitems + a[k].item] = (long)k;
    return grid;
}

/* Pearson's correlation of x and y (n values each); NAN when undefined. */
static double stats_correlation(const double *x, const double *y, size_t n)
{
    if (n < 2)
        return NAN;
    double mx = 0, my = 0;
    for (size_t i = 0; i < n; i++) {
        mx += x[i];
        my += y[i];
    }
    mx /= (double)n;
    my /= (double)n;
    double sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < n; i++) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    if (sxx < 1e-12 || syy < 1e-12)
        return NAN;
    return sxy / sqrt(sxx * syy);
}

void learn_item_stats(const LearnStatAnswer *a, size_t n, size_t npeople, size_t nitems,
                      LearnItemStat *out)
{
    long *grid = stats_latest(a, n, npeople, nitems);
    double *total = mb_xcalloc(npeople + 1, sizeof *total);
    double *x = mb_xcalloc(npeople + 1, sizeof *x), *y = mb_xcalloc(npeople + 1, sizeof *y);
    for (size_t p = 0; p < npeople; p++)
        for (size_t i = 0; i < nitems; i++)
            if (grid[p * nitems + i] >= 0)
                total[p] += a[grid[p * nitems + i]].score;
    for (size_t i = 0; i < nitems; i++) {
        LearnItemStat *s = &out[i];
        *s = (LearnItemStat){0};
        for (size_t p = 0; p < npeople; p++) {
            long k = grid[p * nitems + i];
            if (k < 0)
                continue;
            x[s->answered] = a[k].score;
            y[s->answered] = total[p] - a[k].score;
            s->answered++;
            s->correct += a[k].correct;
            s->score += a[k].score;
            s->max += a[k].max;
        }
        s->facility = s->max > 0 ? s->score / s->max : -1;
        s->discrimination = stats_correlation(x, y, s->answered);
    }
    free(grid);
    free(total);
    free(x);
    free(y);
}

size_t learn_count_choices(const char *list, unsigned *counts, size_t ncounts)
{
    size_t counted = 0;
    const char *p = list ? list : "";
    while (*p) {
        char *end;
        long k = strtol(p, &end, 10);
        if (end == p) { /* not a number: skip one character */
            p++;
            continue;
        }
        if (k >= 1 && (size_t)k <= ncounts) {
            counts[k - 1]++;
            counted++;
        }
        p = end;
    }
    return counted;
}
