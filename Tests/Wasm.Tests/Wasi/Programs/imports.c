// Takes the address of every wasi_snapshot_preview1 function wasi-libc declares, so the module imports
// all of them: it links only if the host defines the whole of preview1. Then calls a few on fd 99.
#include <stdio.h>
#include <wasi/api.h>

void *volatile keep;

int main(void) {
    keep = (void *)&__wasi_args_get; keep = (void *)&__wasi_args_sizes_get;
    keep = (void *)&__wasi_clock_res_get; keep = (void *)&__wasi_clock_time_get;
    keep = (void *)&__wasi_environ_get; keep = (void *)&__wasi_environ_sizes_get;
    keep = (void *)&__wasi_fd_advise; keep = (void *)&__wasi_fd_allocate; keep = (void *)&__wasi_fd_close;
    keep = (void *)&__wasi_fd_datasync; keep = (void *)&__wasi_fd_fdstat_get;
    keep = (void *)&__wasi_fd_fdstat_set_flags; keep = (void *)&__wasi_fd_fdstat_set_rights;
    keep = (void *)&__wasi_fd_filestat_get; keep = (void *)&__wasi_fd_filestat_set_size;
    keep = (void *)&__wasi_fd_filestat_set_times; keep = (void *)&__wasi_fd_pread;
    keep = (void *)&__wasi_fd_prestat_dir_name; keep = (void *)&__wasi_fd_prestat_get;
    keep = (void *)&__wasi_fd_pwrite; keep = (void *)&__wasi_fd_read; keep = (void *)&__wasi_fd_readdir;
    keep = (void *)&__wasi_fd_renumber; keep = (void *)&__wasi_fd_seek; keep = (void *)&__wasi_fd_sync;
    keep = (void *)&__wasi_fd_tell; keep = (void *)&__wasi_fd_write;
    keep = (void *)&__wasi_path_create_directory; keep = (void *)&__wasi_path_filestat_get;
    keep = (void *)&__wasi_path_filestat_set_times; keep = (void *)&__wasi_path_link;
    keep = (void *)&__wasi_path_open; keep = (void *)&__wasi_path_readlink;
    keep = (void *)&__wasi_path_remove_directory; keep = (void *)&__wasi_path_rename;
    keep = (void *)&__wasi_path_symlink; keep = (void *)&__wasi_path_unlink_file;
    keep = (void *)&__wasi_poll_oneoff; keep = (void *)&__wasi_proc_exit; keep = (void *)&__wasi_random_get;
    keep = (void *)&__wasi_sched_yield; keep = (void *)&__wasi_sock_accept; keep = (void *)&__wasi_sock_recv;
    keep = (void *)&__wasi_sock_send; keep = (void *)&__wasi_sock_shutdown;

    __wasi_fd_t opened = 0;
    printf("fd_close(99)=%d\n", __wasi_fd_close(99));
    printf("fd_sync(99)=%d\n", __wasi_fd_sync(99));
    printf("fd_sync(1)=%d\n", __wasi_fd_sync(1));
    printf("path_open(99)=%d\n", __wasi_path_open(99, 0, "x", 0, 0, 0, 0, &opened));
    printf("path_open(1)=%d\n", __wasi_path_open(1, 0, "x", 0, 0, 0, 0, &opened));
    printf("sock_shutdown(1)=%d\n", __wasi_sock_shutdown(1, __WASI_SDFLAGS_RD));
    printf("sched_yield=%d\n", __wasi_sched_yield());
    __wasi_timestamp_t resolution = 0;
    printf("clock_res_get(9)=%d\n", __wasi_clock_res_get(9, &resolution));
    return 0;
}
