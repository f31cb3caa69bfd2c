/*
 * hostile.c — a script written to hurt its host, for the hardening tests and the hostile-world
 * benchmark. Every method is something a user can deploy today; the host must contain each one.
 * Built with Sdk/c/wasgo.h like any script (see Tests/Scripts/build.sh).
 */
#include "../../Sdk/c/wasgo.h"

static char s_block[64 * 1024];

/* The counter every test reads back. */
WASGO_METHOD(get) int64_t get(void) { return wasgo_get_int("x"); }

WASGO_METHOD(bump) int64_t bump(void)
{
    int64_t x = wasgo_get_int("x") + 1;
    wasgo_set_int("x", x);
    return x;
}

/* Writes, then moves n blocks of 64 KiB through state_set_bytes: mostly time in host calls. */
WASGO_METHOD(slow) int64_t slow(int64_t n)
{
    int64_t x = bump();
    for (int64_t i = 0; i < n; i++)
    {
        s_block[i & 0xFFFF] = (char)i;
        wasgo_state_set_bytes("pad", 3, s_block, (int32_t)sizeof s_block);
    }
    wasgo_state_set_nil("pad", 3);
    return x;
}

/* Writes, then computes for n rounds: its wall-clock time depends on the machine's load, its fuel does not. */
WASGO_METHOD(work) int64_t work(int64_t n)
{
    int64_t x = bump();
    volatile uint64_t h = 1469598103934665603ULL;
    for (int64_t i = 0; i < n; i++)
    {
        h = (h ^ (uint64_t)i) * 1099511628211ULL;
    }
    return h == 0 ? -x : x;
}

/* Sends n messages `fan(n)` to itself: message amplification. Returns how many sends were refused. */
WASGO_METHOD(fan) int64_t fan(int64_t n)
{
    char self[64];
    int32_t length = wasgo_self_id(self, sizeof self);
    int64_t refused = 0;
    wasgo_set_int("fans", wasgo_get_int("fans") + 1);
    for (int64_t i = 0; i < n; i++)
    {
        wasgo_out_int(n);
        if (wasgo_send(self, length, "fan", 3) != 0)
        {
            refused++;
        }
    }
    wasgo_set_int("refused", wasgo_get_int("refused") + refused);
    return refused;
}

/* Emits 64 signals of 64 KiB: a signal storm within the ABI's per-call limits. Returns how many were refused. */
WASGO_METHOD(storm) int64_t storm(void)
{
    int64_t refused = 0;
    for (int i = 0; i < 64; i++)
    {
        wasgo_out_bytes(s_block, (int32_t)sizeof s_block);
        if (wasgo_signal("storm") != 0)
        {
            refused++;
        }
    }
    return refused;
}

/* Starts n repeating timers of 1 s with new ids. Returns how many were refused. */
WASGO_METHOD(timers) int64_t timers(int64_t n)
{
    int64_t started = wasgo_get_int("timers");
    int64_t refused = 0;
    for (int64_t i = 0; i < n; i++)
    {
        if (wasgo_timer_start(started + i, 1000, 1) != 0)
        {
            refused++;
        }
    }
    wasgo_set_int("timers", started + n);
    return refused;
}

/* Never returns. */
WASGO_METHOD(spin) void spin(void)
{
    for (volatile int forever = 1; forever;)
    {
    }
}

/* Recurses until the stack runs out. */
WASGO_METHOD(recurse) int64_t recurse(int64_t depth)
{
    volatile int64_t frame[16];
    frame[depth & 15] = depth;
    /* The size check keeps clang from seeing (and rejecting) the endless recursion it is. */
    return depth < 0x7FFFFFFFFFFF ? recurse(depth + 1) + frame[depth & 15] : depth;
}

/* Grows its memory until the host says no; returns the pages it ended with. */
WASGO_METHOD(grow) int64_t grow(void)
{
    while (__builtin_wasm_memory_grow(0, 1) != (__SIZE_TYPE__)-1)
    {
    }
    return __builtin_wasm_memory_size(0);
}

/* Sets a column whose name is 65 bytes long: one byte over the ABI's limit. */
WASGO_METHOD(long_name) int64_t long_name(void)
{
    static const char name[] = "ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc";
    return wasgo_state_set_int(name, 65, 1);
}

/* What _process does each tick: 0 nothing, 1 spin, 2 recurse, 3 grow, 4 fan(2), 5 storm. */
WASGO_METHOD(set_mode) void set_mode(int64_t mode) { wasgo_set_int("mode", mode); }

WASGO_EXPORT(_process) void _process(double delta)
{
    (void)delta;
    switch (wasgo_get_int("mode"))
    {
    case 1: spin(); break;
    case 2: recurse(0); break;
    case 3: grow(); break;
    case 4: if (!wasgo_get_int("fans")) { fan(2); } break;
    case 5: storm(); break;
    default: break;
    }
}
