/*
 * fileio.c - filesystem calls inside a preopened directory.
 *
 * Exercises: fd_prestat_get/fd_prestat_dir_name (preopen discovery),
 * path_open (create/read), fd_write, fd_read, fd_seek,
 * fd_filestat_get, path_filestat_get, path_create_directory,
 * path_rename, fd_readdir, path_unlink_file, path_remove_directory, fd_close.
 *
 * Usage: fileio.wasm [DIR]   (DIR defaults to "/sandbox"; it must be a
 * preopened, initially empty directory; it is left empty at the end)
 *
 * Expected stdout:
 *   write ok: 33 bytes
 *   read 33 bytes:
 *   hello file
 *   hello file
 *   hello file
 *   seek 6: file
 *   fstat size=33
 *   stat size=33
 *   mkdir sub ok
 *   rename a.txt -> sub/b.txt ok
 *   stat sub/b.txt size=33
 *   list .: sub
 *   list sub: b.txt
 *   unlink sub/b.txt ok
 *   rmdir sub ok
 *   list after cleanup: (empty)
 *   done
 *
 * On any failure prints "FAIL <step>: <strerror(errno)>" and exits 1.
 * Note: plain Chicory 1.7.5 WASI on a real (non-jimfs) directory fails the
 * rename step with ENOTSUP ("FAIL rename: Not supported"), because its
 * path_rename calls Files.move(..., ATOMIC_MOVE, COPY_ATTRIBUTES), which the
 * JDK's Unix file system rejects. a.txt and sub/ are then left behind.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CONTENT "hello file\n"
#define REPEAT 3
#define MAX_ENTRIES 64

static void fail(const char *step) {
    printf("FAIL %s: %s\n", step, strerror(errno));
    exit(1);
}

static int cmp_names(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Prints "list <label>: name1 name2 ..." (sorted, without "." and ".."). */
static void list_dir(const char *path, const char *label) {
    char *names[MAX_ENTRIES];
    int n = 0;
    DIR *d = opendir(path);
    if (d == NULL) fail("opendir");
    errno = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        if (n < MAX_ENTRIES) names[n++] = strdup(e->d_name);
    }
    if (errno != 0) fail("readdir");
    if (closedir(d) != 0) fail("closedir");
    qsort(names, n, sizeof names[0], cmp_names);
    printf("list %s:", label);
    if (n == 0) printf(" (empty)");
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "/sandbox";
    char a_path[512], sub_path[512], b_path[512];
    snprintf(a_path, sizeof a_path, "%s/a.txt", dir);
    snprintf(sub_path, sizeof sub_path, "%s/sub", dir);
    snprintf(b_path, sizeof b_path, "%s/sub/b.txt", dir);

    /* 1. create and write with stdio */
    FILE *f = fopen(a_path, "w");
    if (f == NULL) fail("fopen-write");
    size_t total = 0;
    for (int i = 0; i < REPEAT; i++) {
        size_t len = strlen(CONTENT);
        if (fwrite(CONTENT, 1, len, f) != len) fail("fwrite");
        total += len;
    }
    if (fclose(f) != 0) fail("fclose-write");
    printf("write ok: %zu bytes\n", total);

    /* 2. read it back */
    char buf[256];
    f = fopen(a_path, "r");
    if (f == NULL) fail("fopen-read");
    size_t got = fread(buf, 1, sizeof buf - 1, f);
    if (ferror(f)) fail("fread");
    buf[got] = '\0';
    if (fclose(f) != 0) fail("fclose-read");
    printf("read %zu bytes:\n%s", got, buf);

    /* 3. lseek + read, 4. fstat (low-level fd API) */
    int fd = open(a_path, O_RDONLY);
    if (fd < 0) fail("open");
    if (lseek(fd, 6, SEEK_SET) != 6) fail("lseek");
    ssize_t r = read(fd, buf, 4);
    if (r != 4) fail("read");
    buf[4] = '\0';
    printf("seek 6: %s\n", buf);
    struct stat st;
    if (fstat(fd, &st) != 0) fail("fstat");
    printf("fstat size=%lld\n", (long long)st.st_size);
    if (close(fd) != 0) fail("close");
    if (stat(a_path, &st) != 0) fail("stat");
    printf("stat size=%lld\n", (long long)st.st_size);

    /* 5. mkdir */
    if (mkdir(sub_path, 0755) != 0) fail("mkdir");
    printf("mkdir sub ok\n");

    /* 6. rename */
    if (rename(a_path, b_path) != 0) fail("rename");
    printf("rename a.txt -> sub/b.txt ok\n");
    if (stat(b_path, &st) != 0) fail("stat-renamed");
    printf("stat sub/b.txt size=%lld\n", (long long)st.st_size);

    /* 7. readdir */
    list_dir(dir, ".");
    list_dir(sub_path, "sub");

    /* 8. cleanup */
    if (unlink(b_path) != 0) fail("unlink");
    printf("unlink sub/b.txt ok\n");
    if (rmdir(sub_path) != 0) fail("rmdir");
    printf("rmdir sub ok\n");
    list_dir(dir, "after cleanup");

    printf("done\n");
    return 0;
}
