/* A counter: the smallest useful entity. */
#include "../wasgo.h"

WASGO_METHOD(increment) int64_t increment(int64_t by)
{
    int64_t count = wasgo_get_int("count") + by;
    wasgo_set_int("count", count);
    return count;
}

WASGO_METHOD(get) int64_t get(void) { return wasgo_get_int("count"); }

WASGO_METHOD(reset) void reset(void) { wasgo_set_int("count", 0); }
