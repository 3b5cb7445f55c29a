/*
 * mandelbrot: escape-time iteration counts of the Mandelbrot set over a
 * 224x168 grid (max 200 iterations), in double precision. The checksum is
 * a hash of every pixel's iteration count plus the total.
 * Exercises tight f64 loops with data-dependent exits.
 */
#include <stdint.h>

#define WIDTH 224
#define HEIGHT 168
#define MAX_ITER 200

__attribute__((export_name("run")))
long long run(int scale) {
    uint64_t hash = 0xcbf29ce484222325ull;
    uint64_t total = 0;
    for (int rep = 0; rep < scale; rep++) {
        /* shift the view slightly per repetition so repeats are not identical */
        double x0 = -2.2 + rep * 1e-3, y0 = -1.2;
        double dx = 3.2 / WIDTH, dy = 2.4 / HEIGHT;
        for (int py = 0; py < HEIGHT; py++) {
            double ci = y0 + py * dy;
            for (int px = 0; px < WIDTH; px++) {
                double cr = x0 + px * dx;
                double zr = 0.0, zi = 0.0, zr2 = 0.0, zi2 = 0.0;
                int it = 0;
                while (it < MAX_ITER && zr2 + zi2 <= 4.0) {
                    zi = 2.0 * zr * zi + ci;
                    zr = zr2 - zi2 + cr;
                    zr2 = zr * zr;
                    zi2 = zi * zi;
                    it++;
                }
                total += (uint64_t)it;
                hash = (hash ^ (uint64_t)it) * 0x100000001b3ull;
            }
        }
    }
    return (long long)(hash ^ (total << 40) ^ total);
}
