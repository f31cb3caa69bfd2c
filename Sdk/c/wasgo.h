/*
 * wasgo.h — the WasGo ABI v1 for scripts written in C (see ../ABI.md).
 *
 * Header-only and freestanding: no libc. Build a script with Debian's clang-14:
 *
 *   clang-14 --target=wasm32 -O2 -ffreestanding -nostdlib -c script.c -o script.o
 *   wasm-ld-14 --no-entry --export-dynamic script.o -o script.wasm
 *
 * Methods are exported with WASGO_METHOD(name); lifecycle functions (_ready, _process, ...) with
 * WASGO_EXPORT(name). Strings cross as pointer + length; the helpers below take C strings.
 */
#ifndef WASGO_H
#define WASGO_H

#include <stdint.h>

#define WASGO_IMPORT(name) __attribute__((import_module("wasgo"), import_name(#name)))
#define WASGO_EXPORT(name) __attribute__((export_name(#name)))
#define WASGO_METHOD(name) __attribute__((export_name(#name)))

/* Value tags. */
enum { WASGO_NIL = 0, WASGO_INTEGER = 1, WASGO_FLOAT = 2, WASGO_STRING = 3, WASGO_BYTES = 4, WASGO_ERROR = 5 };

/* Log levels. */
enum { WASGO_TRACE = 0, WASGO_DEBUG = 1, WASGO_INFO = 2, WASGO_WARNING = 3, WASGO_ERROR_LEVEL = 4 };

/* Godot's notification numbers, as _notification receives them. */
enum { WASGO_NOTIFICATION_PREDELETE = 1, WASGO_NOTIFICATION_READY = 13, WASGO_NOTIFICATION_PHYSICS_PROCESS = 16, WASGO_NOTIFICATION_PROCESS = 17 };

/* Arguments of the current call, and its result. */
WASGO_IMPORT(arg_count) int32_t wasgo_arg_count(void);
WASGO_IMPORT(arg_type) int32_t wasgo_arg_type(int32_t index);
WASGO_IMPORT(arg_int) int64_t wasgo_arg_int(int32_t index);
WASGO_IMPORT(arg_float) double wasgo_arg_float(int32_t index);
WASGO_IMPORT(arg_len) int32_t wasgo_arg_len(int32_t index);
WASGO_IMPORT(arg_read) int32_t wasgo_arg_read(int32_t index, void *buffer, int32_t capacity);
WASGO_IMPORT(return_nil) void wasgo_return_nil(void);
WASGO_IMPORT(return_int) void wasgo_return_int(int64_t value);
WASGO_IMPORT(return_float) void wasgo_return_float(double value);
WASGO_IMPORT(return_string) int32_t wasgo_return_string(const char *text, int32_t length);
WASGO_IMPORT(return_bytes) int32_t wasgo_return_bytes(const void *bytes, int32_t length);

/* Own state. */
WASGO_IMPORT(state_type) int32_t wasgo_state_type(const char *name, int32_t name_length);
WASGO_IMPORT(state_int) int64_t wasgo_state_int(const char *name, int32_t name_length);
WASGO_IMPORT(state_float) double wasgo_state_float(const char *name, int32_t name_length);
WASGO_IMPORT(state_len) int32_t wasgo_state_len(const char *name, int32_t name_length);
WASGO_IMPORT(state_read) int32_t wasgo_state_read(const char *name, int32_t name_length, void *buffer, int32_t capacity);
WASGO_IMPORT(state_set_nil) int32_t wasgo_state_set_nil(const char *name, int32_t name_length);
WASGO_IMPORT(state_set_int) int32_t wasgo_state_set_int(const char *name, int32_t name_length, int64_t value);
WASGO_IMPORT(state_set_float) int32_t wasgo_state_set_float(const char *name, int32_t name_length, double value);
WASGO_IMPORT(state_set_string) int32_t wasgo_state_set_string(const char *name, int32_t name_length, const char *text, int32_t length);
WASGO_IMPORT(state_set_bytes) int32_t wasgo_state_set_bytes(const char *name, int32_t name_length, const void *bytes, int32_t length);

/* Other entities, signals and timers. */
WASGO_IMPORT(out_nil) int32_t wasgo_out_nil(void);
WASGO_IMPORT(out_int) int32_t wasgo_out_int(int64_t value);
WASGO_IMPORT(out_float) int32_t wasgo_out_float(double value);
WASGO_IMPORT(out_string) int32_t wasgo_out_string(const char *text, int32_t length);
WASGO_IMPORT(out_bytes) int32_t wasgo_out_bytes(const void *bytes, int32_t length);
WASGO_IMPORT(send) int32_t wasgo_send(const char *target, int32_t target_length, const char *method, int32_t method_length);
WASGO_IMPORT(call) int64_t wasgo_call(const char *target, int32_t target_length, const char *method, int32_t method_length);
WASGO_IMPORT(emit) int32_t wasgo_emit(const char *signal, int32_t signal_length);
WASGO_IMPORT(timer_start) int32_t wasgo_timer_start(int64_t id, int64_t delay_ms, int32_t repeat);
WASGO_IMPORT(timer_cancel) int32_t wasgo_timer_cancel(int64_t id);

/* Log, time, randomness, identity. */
WASGO_IMPORT(log) void wasgo_log(int32_t level, const char *text, int32_t length);
WASGO_IMPORT(time) double wasgo_time(void);
WASGO_IMPORT(random) int64_t wasgo_random(void);
WASGO_IMPORT(self_id) int32_t wasgo_self_id(char *buffer, int32_t capacity);
WASGO_IMPORT(world_id) int32_t wasgo_world_id(char *buffer, int32_t capacity);

/* Helpers over C strings (a freestanding script has no strlen of its own). */
static inline int32_t wasgo_strlen(const char *text)
{
    int32_t length = 0;
    while (text[length] != 0) {
        length++;
    }
    return length;
}

static inline int64_t wasgo_get_int(const char *name) { return wasgo_state_int(name, wasgo_strlen(name)); }
static inline double wasgo_get_float(const char *name) { return wasgo_state_float(name, wasgo_strlen(name)); }
static inline int32_t wasgo_has(const char *name) { return wasgo_state_type(name, wasgo_strlen(name)) != WASGO_NIL; }
static inline int32_t wasgo_get_string(const char *name, char *buffer, int32_t capacity)
{
    return wasgo_state_read(name, wasgo_strlen(name), buffer, capacity);
}
static inline int32_t wasgo_set_int(const char *name, int64_t value) { return wasgo_state_set_int(name, wasgo_strlen(name), value); }
static inline int32_t wasgo_set_float(const char *name, double value) { return wasgo_state_set_float(name, wasgo_strlen(name), value); }
static inline int32_t wasgo_set_string(const char *name, const char *text)
{
    return wasgo_state_set_string(name, wasgo_strlen(name), text, wasgo_strlen(text));
}
static inline int32_t wasgo_return_cstring(const char *text) { return wasgo_return_string(text, wasgo_strlen(text)); }
static inline int32_t wasgo_out_cstring(const char *text) { return wasgo_out_string(text, wasgo_strlen(text)); }
static inline int32_t wasgo_send_to(const char *target, const char *method) { return wasgo_send(target, wasgo_strlen(target), method, wasgo_strlen(method)); }
static inline int64_t wasgo_call_to(const char *target, const char *method) { return wasgo_call(target, wasgo_strlen(target), method, wasgo_strlen(method)); }
static inline int32_t wasgo_signal(const char *signal) { return wasgo_emit(signal, wasgo_strlen(signal)); }
static inline void wasgo_info(const char *text) { wasgo_log(WASGO_INFO, text, wasgo_strlen(text)); }

/* A float in [0, 1) from the entity's deterministic generator. */
static inline double wasgo_random_unit(void) { return (double)((uint64_t)wasgo_random() >> 11) * (1.0 / 9007199254740992.0); }

#endif
