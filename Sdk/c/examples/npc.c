/* An NPC: it wanders at random (the same walk on every machine), counts its steps, and greets. */
#include "../wasgo.h"

WASGO_EXPORT(_process) void process(double delta)
{
    double angle_x = wasgo_random_unit() * 2.0 - 1.0;
    double angle_y = wasgo_random_unit() * 2.0 - 1.0;
    wasgo_set_float("x", wasgo_get_float("x") + angle_x * delta);
    wasgo_set_float("y", wasgo_get_float("y") + angle_y * delta);
    wasgo_set_int("steps", wasgo_get_int("steps") + 1);
}

/* greet(name) -> "Hello, <name>! I am <self>." */
WASGO_METHOD(greet) void greet(void)
{
    char text[256];
    int32_t at = 0;
    const char *hello = "Hello, ";
    for (int32_t i = 0; hello[i] != 0; i++) {
        text[at++] = hello[i];
    }
    int32_t name = wasgo_arg_read(0, text + at, 64);
    at += name < 0 ? 0 : (name > 64 ? 64 : name);
    const char *middle = "! I am ";
    for (int32_t i = 0; middle[i] != 0; i++) {
        text[at++] = middle[i];
    }
    int32_t self = wasgo_self_id(text + at, 64);
    at += self > 64 ? 64 : self;
    text[at++] = '.';
    wasgo_return_string(text, at);
}

WASGO_METHOD(steps) int64_t steps(void) { return wasgo_get_int("steps"); }
