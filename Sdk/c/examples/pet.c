/*
 * A pet: it follows its owner at a set speed, gets hungry on a timer, and wags its tail now and
 * then, at random but the same way on every machine.
 */
#include "../wasgo.h"

#define HUNGER_TIMER 1
#define SPEED 2.0

static double sqrt_approx(double value)
{
    if (value <= 0.0) {
        return 0.0;
    }
    return __builtin_sqrt(value);
}

WASGO_EXPORT(_ready) void ready(void)
{
    if (!wasgo_has("hunger")) {
        wasgo_set_int("hunger", 0);
    }
    wasgo_timer_start(HUNGER_TIMER, 1000, 1);
}

/* set_owner(name) */
WASGO_METHOD(set_owner) void set_owner(void)
{
    char name[64];
    int32_t length = wasgo_arg_read(0, name, sizeof name);
    if (length > 0 && length <= (int32_t)sizeof name) {
        wasgo_state_set_string("owner", 5, name, length);
    }
}

/* owner_moved(x, y): the owner's new position. */
WASGO_METHOD(owner_moved) void owner_moved(double x, double y)
{
    wasgo_set_float("target_x", x);
    wasgo_set_float("target_y", y);
}

WASGO_METHOD(feed) int64_t feed(void)
{
    wasgo_set_int("hunger", 0);
    return 0;
}

WASGO_EXPORT(_timer) void on_timer(int64_t id)
{
    if (id == HUNGER_TIMER) {
        wasgo_set_int("hunger", wasgo_get_int("hunger") + 1);
    }
}

WASGO_EXPORT(_process) void process(double delta)
{
    double x = wasgo_get_float("x"), y = wasgo_get_float("y");
    double dx = wasgo_get_float("target_x") - x, dy = wasgo_get_float("target_y") - y;
    double distance = sqrt_approx(dx * dx + dy * dy);
    double step = SPEED * delta;
    if (distance > 0.0) {
        double move = distance < step ? distance : step;
        wasgo_set_float("x", x + dx / distance * move);
        wasgo_set_float("y", y + dy / distance * move);
    }
    if (wasgo_random_unit() < 0.05) {
        wasgo_set_int("wags", wasgo_get_int("wags") + 1);
        wasgo_signal("wag");
    }
}
