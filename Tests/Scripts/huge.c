/*
 * huge.c — a script whose memory can never be instantiated: 32 MiB of zeroed static memory is twice the
 * host's default memory limit. It compiles and passes the ABI check; only instantiation fails.
 */
#include "../../Sdk/c/wasgo.h"

static char s_huge[32 * 1024 * 1024];

WASGO_METHOD(get) int64_t get(void) { return s_huge[wasgo_get_int("i") & 0x1FFFFFF]; }

WASGO_METHOD(set) void set(int64_t value) { s_huge[wasgo_get_int("i") & 0x1FFFFFF] = (char)value; }
