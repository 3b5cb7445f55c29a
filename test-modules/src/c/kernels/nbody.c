/*
 * nbody: gravitational N-body simulation in double precision.
 * 24 bodies with pseudo-random masses, positions and velocities (generated
 * deterministically), advanced with a simple symplectic Euler step. The
 * checksum mixes the bit patterns of the final energy and positions.
 * Exercises f64 add/mul/div/sqrt and array-of-struct memory access.
 */
#include <stdint.h>

#define NBODIES 24
#define STEPS_PER_SCALE 2000

typedef struct {
    double x, y, z;
    double vx, vy, vz;
    double mass;
} Body;

static Body bodies[NBODIES];

static uint64_t rng_state;

static double rnd(void) { /* uniform in [0,1) from a 64-bit LCG */
    rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
    return (double)(rng_state >> 11) * (1.0 / 9007199254740992.0);
}

static uint64_t bits(double d) {
    union { double d; uint64_t u; } v;
    v.d = d;
    return v.u;
}

static void init(void) {
    rng_state = 42;
    double px = 0, py = 0, pz = 0;
    for (int i = 0; i < NBODIES; i++) {
        Body *b = &bodies[i];
        b->mass = (i == 0) ? 40.0 : 0.001 + 0.05 * rnd();
        double r = (i == 0) ? 0.0 : 1.0 + 30.0 * rnd();
        b->x = r * (rnd() - 0.5);
        b->y = r * (rnd() - 0.5);
        b->z = r * (rnd() - 0.5) * 0.1;
        b->vx = (rnd() - 0.5) * 2.0;
        b->vy = (rnd() - 0.5) * 2.0;
        b->vz = (rnd() - 0.5) * 0.2;
        px += b->vx * b->mass;
        py += b->vy * b->mass;
        pz += b->vz * b->mass;
    }
    /* zero total momentum by adjusting the heavy central body */
    bodies[0].vx -= px / bodies[0].mass;
    bodies[0].vy -= py / bodies[0].mass;
    bodies[0].vz -= pz / bodies[0].mass;
}

static double energy(void) {
    double e = 0.0;
    for (int i = 0; i < NBODIES; i++) {
        Body *a = &bodies[i];
        e += 0.5 * a->mass * (a->vx * a->vx + a->vy * a->vy + a->vz * a->vz);
        for (int j = i + 1; j < NBODIES; j++) {
            Body *b = &bodies[j];
            double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
            e -= a->mass * b->mass / __builtin_sqrt(dx * dx + dy * dy + dz * dz + 0.01);
        }
    }
    return e;
}

static void advance(double dt) {
    for (int i = 0; i < NBODIES; i++) {
        Body *a = &bodies[i];
        for (int j = i + 1; j < NBODIES; j++) {
            Body *b = &bodies[j];
            double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
            /* softened distance avoids blow-ups on close encounters */
            double d2 = dx * dx + dy * dy + dz * dz + 0.01;
            double mag = dt / (d2 * __builtin_sqrt(d2));
            double ma = a->mass * mag, mb = b->mass * mag;
            a->vx -= dx * mb; a->vy -= dy * mb; a->vz -= dz * mb;
            b->vx += dx * ma; b->vy += dy * ma; b->vz += dz * ma;
        }
    }
    for (int i = 0; i < NBODIES; i++) {
        Body *b = &bodies[i];
        b->x += dt * b->vx;
        b->y += dt * b->vy;
        b->z += dt * b->vz;
    }
}

__attribute__((export_name("run")))
long long run(int scale) {
    init();
    uint64_t acc = bits(energy());
    int steps = STEPS_PER_SCALE * scale;
    for (int s = 0; s < steps; s++) {
        advance(0.001);
    }
    acc = acc * 0x9E3779B97F4A7C15ull ^ bits(energy());
    for (int i = 0; i < NBODIES; i++) {
        acc = (acc << 7 | acc >> 57) ^ bits(bodies[i].x);
        acc = (acc << 7 | acc >> 57) ^ bits(bodies[i].y);
        acc = (acc << 7 | acc >> 57) ^ bits(bodies[i].vz);
    }
    return (long long)acc;
}
