/*
 * test_rowfmt.c - classify's hand-written number formatting gives the
 * same bytes as printf, on random values and on every rounding tie.
 */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "rowfmt.h"
#include "testutil.h"

static int same_fixed4(double v)
{
    char a[ROWFMT_MAX], b[ROWFMT_MAX];
    size_t n = rowfmt_fixed4(a, v);
    int m = snprintf(b, sizeof b, "%.4f", v);
    return (int)n == m && !memcmp(a, b, n);
}

static void test_fixed4(void)
{
    uint64_t x = 88172645463325252ULL;
    size_t bad = 0;
    for (long i = 0; i <= 20000; i++) {
        double t = ((double)i - 0.5) / 10000.0; /* near every tie */
        bad += !same_fixed4(t) + !same_fixed4(nextafter(t, 0)) +
               !same_fixed4(nextafter(t, 2)) + !same_fixed4(i / 10000.0);
    }
    for (int i = 0; i < 1000000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        bad += !same_fixed4((double)(x >> 11) / 9007199254740992.0);
    }
    const double odd[] = {0.0, -0.0, 1.0, 0.99995, 0.00005, 0.00015,
                          1e-300, 12345.678951, -0.25, 1e13, INFINITY,
                          NAN};
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++)
        bad += !same_fixed4(odd[i]);
    CU_ASSERT_EQUAL(bad, 0);
}

static void test_size(void)
{
    const size_t v[] = {0, 7, 10, 99, 1000000, (size_t)-1};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
        char a[ROWFMT_MAX], b[ROWFMT_MAX];
        size_t n = rowfmt_size(a, v[i]);
        int m = snprintf(b, sizeof b, "%zu", v[i]);
        CU_ASSERT(n == (size_t)m && !memcmp(a, b, n));
    }
}

void suite_rowfmt(void)
{
    CU_pSuite s = CU_add_suite("rowfmt", NULL, NULL);
    CU_add_test(s, "%.4f as printf", test_fixed4);
    CU_add_test(s, "%zu as printf", test_size);
}
