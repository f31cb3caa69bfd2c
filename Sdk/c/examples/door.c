/* A door: opened and closed by calls; each change is a signal its subscribers see. */
#include "../wasgo.h"

static void set_open(int64_t open, const char *signal)
{
    if (wasgo_get_int("open") == open) {
        return;
    }
    wasgo_set_int("open", open);
    wasgo_set_int("changes", wasgo_get_int("changes") + 1);
    char who[64];
    int32_t length = wasgo_arg_count() > 0 ? wasgo_arg_read(0, who, sizeof who) : -1;
    if (length > 0) {
        wasgo_out_string(who, length < (int32_t)sizeof who ? length : (int32_t)sizeof who);
    } else {
        wasgo_out_nil();
    }
    wasgo_signal(signal);
}

/* open([who]) and close([who]): the optional argument says who did it. */
WASGO_METHOD(open) void open(void) { set_open(1, "opened"); }
WASGO_METHOD(close) void close(void) { set_open(0, "closed"); }
WASGO_METHOD(is_open) int64_t is_open(void) { return wasgo_get_int("open"); }
