// Tries to reach files and directories; every attempt must fail with an errno, none may crash.
// Returns normally from main, so the exit code is 0 without proc_exit.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>

int main(void) {
    errno = 0;
    FILE *file = fopen("/etc/passwd", "r");
    printf("fopen absolute: %s errno=%d (%s)\n", file ? "opened" : "NULL", errno, strerror(errno));

    errno = 0;
    file = fopen("data.txt", "w");
    printf("fopen relative: %s errno=%d\n", file ? "opened" : "NULL", errno);

    errno = 0;
    int fd = open("/tmp/x", O_RDONLY);
    printf("open: %d errno=%d\n", fd, errno);

    errno = 0;
    DIR *dir = opendir(".");
    printf("opendir: %s errno=%d\n", dir ? "opened" : "NULL", errno);

    errno = 0;
    printf("unlink: %d errno=%d\n", unlink("/x"), errno);

    char buffer[8];
    errno = 0;
    printf("read stdin: %zd errno=%d\n", read(0, buffer, sizeof buffer), errno);

    errno = 0;
    printf("write fd 9: %zd errno=%d\n", write(9, "x", 1), errno);

    errno = 0;
    printf("lseek stdout: %lld errno=%d\n", (long long)lseek(1, 0, SEEK_SET), errno);

    errno = 0;
    printf("isatty stdout: %d\n", isatty(1));
    return 0;
}
