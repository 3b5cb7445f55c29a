/*
 * sort: sorts 40,000 pseudo-random 32-bit signed integers twice, once with
 * an in-place quicksort (median-of-three, insertion sort for short ranges)
 * and once with a bottom-up merge sort, then verifies both agree and hashes
 * the sorted data. Exercises compares, branches and memory traffic.
 */
#include <stdint.h>

#define COUNT 40000

static int32_t data[COUNT];
static int32_t copy[COUNT];
static int32_t scratch[COUNT];

static void insertion_sort(int32_t *a, int lo, int hi) { /* inclusive bounds */
    for (int i = lo + 1; i <= hi; i++) {
        int32_t v = a[i];
        int j = i - 1;
        while (j >= lo && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static inline void swap(int32_t *a, int i, int j) {
    int32_t t = a[i];
    a[i] = a[j];
    a[j] = t;
}

static void quicksort(int32_t *a, int lo, int hi) {
    while (hi - lo > 16) {
        int mid = lo + (hi - lo) / 2;
        if (a[mid] < a[lo]) swap(a, mid, lo);
        if (a[hi] < a[lo]) swap(a, hi, lo);
        if (a[hi] < a[mid]) swap(a, hi, mid);
        int32_t pivot = a[mid];
        int i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) {
                swap(a, i, j);
                i++;
                j--;
            }
        }
        /* recurse into the smaller half, loop on the larger */
        if (j - lo < hi - i) {
            quicksort(a, lo, j);
            lo = i;
        } else {
            quicksort(a, i, hi);
            hi = j;
        }
    }
    insertion_sort(a, lo, hi);
}

static void merge_sort(int32_t *a, int32_t *tmp, int n) {
    int32_t *src = a, *dst = tmp;
    for (int width = 1; width < n; width *= 2) {
        for (int lo = 0; lo < n; lo += 2 * width) {
            int mid = lo + width < n ? lo + width : n;
            int hi = lo + 2 * width < n ? lo + 2 * width : n;
            int i = lo, j = mid, k = lo;
            while (i < mid && j < hi) dst[k++] = (src[i] <= src[j]) ? src[i++] : src[j++];
            while (i < mid) dst[k++] = src[i++];
            while (j < hi) dst[k++] = src[j++];
        }
        int32_t *t = src; src = dst; dst = t;
    }
    if (src != a) {
        for (int i = 0; i < n; i++) a[i] = src[i];
    }
}

__attribute__((export_name("run")))
long long run(int scale) {
    uint64_t acc = 0;
    uint64_t s = 0x853c49e6748fea9bull;
    for (int rep = 0; rep < scale; rep++) {
        for (int i = 0; i < COUNT; i++) {
            s = s * 6364136223846793005ull + 1442695040888963407ull;
            /* narrow range so there are many duplicates */
            int32_t v = (int32_t)(uint32_t)(s >> 32);
            if (i & 1) v %= 5000;
            data[i] = v;
            copy[i] = v;
        }
        quicksort(data, 0, COUNT - 1);
        merge_sort(copy, scratch, COUNT);
        uint64_t h = 0;
        int ok = 1;
        for (int i = 0; i < COUNT; i++) {
            if (data[i] != copy[i]) ok = 0;
            if (i > 0 && data[i - 1] > data[i]) ok = 0;
            h = (h + (uint32_t)data[i]) * 0x100000001b3ull;
        }
        acc = acc * 31u + h + (uint64_t)ok;
        if (!ok) acc ^= 0xdeadull << 48; /* poison the checksum on a mis-sort */
    }
    return (long long)acc;
}
