// Prints its arguments, an environment variable, clock readings and random bytes, then exit(7).
// Built by WasiProgramTests with clang-14 --target=wasm32-wasi.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    printf("hello from wasm\n");
    fprintf(stderr, "warning: to stderr\n");
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++) {
        printf("argv[%d]=%s\n", i, argv[i]);
    }

    const char *greeting = getenv("GREETING");
    printf("GREETING=%s\n", greeting ? greeting : "(unset)");
    printf("MISSING=%s\n", getenv("MISSING") ? "set" : "(unset)");

    struct timespec realtime, monotonic1, monotonic2;
    clock_gettime(CLOCK_REALTIME, &realtime);
    clock_gettime(CLOCK_MONOTONIC, &monotonic1);
    clock_gettime(CLOCK_MONOTONIC, &monotonic2);
    printf("realtime=%lld.%09ld\n", (long long)realtime.tv_sec, realtime.tv_nsec);
    printf("monotonic=%lld.%09ld %lld.%09ld\n", (long long)monotonic1.tv_sec, monotonic1.tv_nsec,
           (long long)monotonic2.tv_sec, monotonic2.tv_nsec);
    printf("monotonic advances=%d\n",
           monotonic2.tv_sec > monotonic1.tv_sec ||
               (monotonic2.tv_sec == monotonic1.tv_sec && monotonic2.tv_nsec >= monotonic1.tv_nsec));

    unsigned char entropy[16];
    if (getentropy(entropy, sizeof entropy) != 0) {
        printf("getentropy failed\n");
        return 3;
    }
    printf("entropy=");
    for (size_t i = 0; i < sizeof entropy; i++) {
        printf("%02x", entropy[i]);
    }
    printf("\narc4random=%08x\n", (unsigned)arc4random());
    exit(7); // flushes stdout through fd_write, then proc_exit(7)
}
