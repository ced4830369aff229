/*
 * escape.wasm: tries to leave its preopen through symbolic links, `..` and absolute paths,
 * with raw WASI calls (no libc file API: every attempt is exactly one WASI call, plus an
 * fd_read / fd_write / fd_readdir / fd_close after an open that succeeded).
 *
 * Usage:
 *   escape.wasm all [OUT]  every attempt below, one line each. OUT is the outside directory's
 *                          absolute host path (default: what path_readlink says abs_dir
 *                          points to); the guest uses it as an absolute path and as the
 *                          target of a link it makes.
 *   escape.wasm race N     N rounds of calls through `flip` while the host flips it
 *
 * Layout (made by the host test before the run; the guest finds the preopen named /sandbox
 * with fd_prestat_get / fd_prestat_dir_name from fd 3):
 *
 *   T/root/out/                 OUT, outside the sandbox
 *     secret.txt                "OUTSIDE-SECRET-..."
 *     target.txt                aimed at by creat+write, trunc, set_times
 *     victim.txt                aimed at by unlink and rename
 *     emptydir/                 aimed at by rmdir
 *     sub/inner.txt             "OUTSIDE-INNER..."
 *     outlink -> secret.txt     aimed at by readlink
 *   T/root/sandbox/             P, preopened as /sandbox
 *     inside.txt                "INSIDE-FILE\n"
 *     d/note.txt                "INSIDE-NOTE\n"
 *     d/uplink -> ../inside.txt inside P, but above the directory fd of d
 *     in_file -> inside.txt     in_dir -> d
 *     ichain00 -> ichain01 -> ... -> ichain29 -> inside.txt    30 links, inside
 *     abs_file -> OUT/secret.txt
 *     abs_dangling -> OUT/dangling.txt                          target does not exist
 *     abs_dir -> OUT
 *     rel_file -> ../out/secret.txt
 *     up -> ..                  upup -> ../..
 *     l1 -> up                  l2 -> l1
 *     chain00 -> chain01 -> ... -> chain29 -> ../out           30 links, ending outside
 *     loopa -> loopb            loopb -> loopa
 *     long00 -> long01 -> ... -> long49 -> inside.txt          50 links (> 40), inside
 *     flip, .flipdir/, .fliplink -> OUT                         race mode only
 *   T/root/jvm-cwd/             the host's working directory (empty)
 *   The guest makes: mylink -> inside.txt, mydir -> d (inside), mine -> ../out and
 *   mine_abs -> OUT (an absolute target: refused, so never made).
 *
 * Output (`all`): one line per attempt, `<name> errno=<n>`, plus for a successful read
 * ` bytes=<first 32 bytes>`, readdir ` bytes=<first 32 bytes of the names, each followed by a
 * comma>`, readlink ` bytes=<the whole target>`, filestat ` filetype=<n>`, write
 * ` written=<n>`. Escaped: printable ASCII as is, `\\`, `\n`, any other byte `\xHH`. Last
 * line `done`. Setup failures print `FAIL <step> errno=<n>` and exit 1. The attempts, in order:
 *
 *   ok.*  positive checks, all errno 0 except ok.mylink.gone (44): readlink of abs_dir,
 *         abs_file, up, upup (the target string, even outside); filestat without follow of
 *         abs_file, abs_dangling, rel_file, abs_dir, up, loopa, long00, chain00 (filetype 7);
 *         in_file (open+read followed, filestat followed = 4 and not = 7, readlink),
 *         in_dir/note.txt, readdir of in_dir, creat in_dir/made.txt then unlink it,
 *         d/uplink followed, d/../inside.txt, ichain00 followed; open d (DFD), DFD note.txt,
 *         DFD uplink filestat/readlink; path_symlink mylink -> inside.txt, readlink, filestat
 *         (7), open followed, unlink, filestat again (gone: 44); mydir -> d and mydir/note.txt;
 *         path_symlink mine -> ../out and mine_abs -> OUT, readlink / filestat of them.
 *   <dirkind>.<op> for each way to name OUT as a directory D, relative to P unless noted:
 *         abs_dir (abs_dir), up (up/out), upup (upup/root/out), l2 (l2/out), chain (chain00),
 *         mine (mine), mine_abs (mine_abs), dotdot (../out), dotdot_mid (d/../../out),
 *         dfd_dotdot (../../out from DFD), abspath (OUT), loop_dir (loopa);
 *         reads first: open_read (D/secret.txt), open_read_follow, open_read_sub
 *         (D/sub/inner.txt), open_dir_readdir (D, then fd_readdir), filestat (D/secret.txt),
 *         filestat_follow, readlink (D/outlink);
 *   <filekind>.<op> for each link used as the last component: abs_file, abs_dangling,
 *         rel_file, dfd_uplink (uplink from DFD), loop_file (loopa), long (long00):
 *         open_read_follow, open_read_nofollow, filestat_follow, open_dir_readdir;
 *   abspath_file.open_read (OUT/secret.txt), dfd_dotdot_file.open_read (../inside.txt from
 *         DFD), *_only.open_dir_readdir of `..`, up, upup, `..` from DFD, and abs_root (`/`);
 *   then the writes, <dirkind>.<op>: open_creat (D/created-<kind>.txt, CREAT), open_trunc
 *         (D/target.txt, CREAT|TRUNC), set_times (D/target.txt), rename_old (D/victim.txt ->
 *         stolen-<kind>), rename_new (mv-src.txt -> D/planted-<kind>), link_old
 *         (D/secret.txt -> hard-<kind>), link_new (inside.txt -> D/hard-<kind>), unlink
 *         (D/victim.txt), rmdir (D/emptydir), mkdir (D/newdir-<kind>), symlink
 *         (D/link-<kind> -> secret.txt);
 *   and <filekind>.<op>: open_creat_follow, open_creat_nofollow, open_trunc_follow,
 *         set_times_follow, link_old_follow (SYMLINK_FOLLOW, -> hardf-<kind>).
 *   Expected after the fix: every escape attempt ENOTCAPABLE (76), loop_dir/loop_file/long
 *   ELOOP (32); *_nofollow on a last-component link: some error (POSIX says ELOOP).
 *
 * Output (`race N`): `race escapes=<k> ok=<n> failed=<m>`. Each round: open+read
 * flip/secret.txt (k counts reads that returned the outside secret), creat+write flip/made,
 * unlink flip/made, mkdir flip/d, rmdir flip/d; n and m count those calls that succeeded or
 * failed (n + m = 5N minus k).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

#define FOLLOW __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW
#define NOFOLLOW 0

static __wasi_fd_t P = (__wasi_fd_t)-1;
static __wasi_fd_t DFD = (__wasi_fd_t)-1;
static __wasi_rights_t MAX_RIGHTS;

static char OUT[512]; /* the outside directory's absolute host path (argv[2] or abs_dir's target) */
static char line[1024];
static size_t line_len;

/* ---- output ------------------------------------------------------------------------------ */

static void put(const char *s) {
    size_t n = strlen(s);
    if (line_len + n >= sizeof line) {
        n = sizeof line - 1 - line_len;
    }
    memcpy(line + line_len, s, n);
    line_len += n;
    line[line_len] = 0;
}

static void put_num(long long v) {
    char buf[24];
    int i = sizeof buf - 1;
    int neg = v < 0;
    unsigned long long u = neg ? (unsigned long long)(-v) : (unsigned long long)v;
    buf[i] = 0;
    do {
        buf[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (neg) {
        buf[--i] = '-';
    }
    put(buf + i);
}

/* Appends b[0..n) escaped: printable ASCII as is, `\\`, `\n`, else `\xHH`. */
static void put_escaped(const uint8_t *b, size_t n) {
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        char e[5];
        uint8_t c = b[i];
        if (c == '\\') {
            put("\\\\");
        } else if (c == '\n') {
            put("\\n");
        } else if (c >= 0x21 && c < 0x7f) {
            e[0] = (char)c;
            e[1] = 0;
            put(e);
        } else {
            e[0] = '\\';
            e[1] = 'x';
            e[2] = hex[c >> 4];
            e[3] = hex[c & 15];
            e[4] = 0;
            put(e);
        }
    }
}

static void flush(void) {
    put("\n");
    __wasi_ciovec_t iov = {(const uint8_t *)line, line_len};
    __wasi_size_t written;
    (void)__wasi_fd_write(1, &iov, 1, &written);
    line_len = 0;
    line[0] = 0;
}

static void begin(const char *kind, const char *op, __wasi_errno_t err) {
    line_len = 0;
    line[0] = 0;
    put(kind);
    put(".");
    put(op);
    put(" errno=");
    put_num(err);
}

static void fail(const char *step, __wasi_errno_t err) {
    line_len = 0;
    put("FAIL ");
    put(step);
    put(" errno=");
    put_num(err);
    flush();
    __wasi_proc_exit(1);
}

static void report(const char *kind, const char *op, __wasi_errno_t err) {
    begin(kind, op, err);
    flush();
}

/* ---- path building ------------------------------------------------------------------------ */

static char pbuf[4][768];

/* join(slot, a, b): "a/b" in a static buffer (a may be empty: then just b). */
static const char *join(int slot, const char *a, const char *b) {
    char *p = pbuf[slot];
    size_t la = strlen(a), lb = strlen(b);
    if (la + lb + 2 > sizeof pbuf[slot]) {
        fail("path too long", 0);
    }
    memcpy(p, a, la);
    size_t n = la;
    if (la > 0) {
        p[n++] = '/';
    }
    memcpy(p + n, b, lb);
    p[n + lb] = 0;
    return p;
}

/* ---- single attempts --------------------------------------------------------------------- */

#define R_READ                                                                     \
    (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL |       \
     __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_READDIR |                    \
     __WASI_RIGHTS_POLL_FD_READWRITE)
#define R_WRITE                                                                    \
    (R_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE |        \
     __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_FD_DATASYNC | __WASI_RIGHTS_FD_SYNC)

static __wasi_errno_t open_at(__wasi_fd_t dir, __wasi_lookupflags_t lf, const char *path,
                              __wasi_oflags_t of, __wasi_rights_t want, __wasi_fd_t *fd) {
    return __wasi_path_open(dir, lf, path, of, want & MAX_RIGHTS, MAX_RIGHTS, 0, fd);
}

/* path_open for reading; on success fd_read and print the first bytes. */
static void try_read(const char *kind, const char *op, __wasi_fd_t dir,
                     __wasi_lookupflags_t lf, const char *path) {
    __wasi_fd_t fd;
    __wasi_errno_t err = open_at(dir, lf, path, 0, R_READ, &fd);
    begin(kind, op, err);
    if (err == 0) {
        uint8_t buf[64];
        __wasi_iovec_t iov = {buf, sizeof buf};
        __wasi_size_t n = 0;
        __wasi_errno_t rerr = __wasi_fd_read(fd, &iov, 1, &n);
        if (rerr != 0) {
            put(" read_errno=");
            put_num(rerr);
        } else {
            put(" bytes=");
            put_escaped(buf, n < 32 ? n : 32);
        }
        (void)__wasi_fd_close(fd);
    }
    flush();
}

/* path_open for writing with extra oflags; on success write a marker. */
static void try_write(const char *kind, const char *op, __wasi_fd_t dir,
                      __wasi_lookupflags_t lf, const char *path, __wasi_oflags_t of) {
    __wasi_fd_t fd;
    __wasi_errno_t err = open_at(dir, lf, path, of, R_WRITE, &fd);
    begin(kind, op, err);
    if (err == 0) {
        static const char marker[] = "ESCAPED-BY-GUEST\n";
        __wasi_ciovec_t iov = {(const uint8_t *)marker, sizeof marker - 1};
        __wasi_size_t n = 0;
        __wasi_errno_t werr = __wasi_fd_write(fd, &iov, 1, &n);
        if (werr != 0) {
            put(" write_errno=");
            put_num(werr);
        } else {
            put(" written=");
            put_num(n);
        }
        (void)__wasi_fd_close(fd);
    }
    flush();
}

/* path_open of a directory, then fd_readdir; prints the names (without . and ..). */
static void try_readdir(const char *kind, const char *op, __wasi_fd_t dir,
                        __wasi_lookupflags_t lf, const char *path) {
    __wasi_fd_t fd;
    __wasi_errno_t err = open_at(dir, lf, path, __WASI_OFLAGS_DIRECTORY, R_READ, &fd);
    begin(kind, op, err);
    if (err == 0) {
        static uint8_t buf[4096];
        __wasi_size_t used = 0;
        __wasi_errno_t rerr = __wasi_fd_readdir(fd, buf, sizeof buf, 0, &used);
        if (rerr != 0) {
            put(" readdir_errno=");
            put_num(rerr);
        } else {
            uint8_t names[256];
            size_t nl = 0;
            size_t at = 0;
            while (at + sizeof(__wasi_dirent_t) <= used) {
                __wasi_dirent_t ent;
                memcpy(&ent, buf + at, sizeof ent);
                at += sizeof ent;
                size_t len = ent.d_namlen;
                if (at + len > used) {
                    len = used - at;
                }
                const uint8_t *name = buf + at;
                at += ent.d_namlen;
                if ((len == 1 && name[0] == '.') ||
                    (len == 2 && name[0] == '.' && name[1] == '.')) {
                    continue;
                }
                for (size_t i = 0; i < len && nl < sizeof names - 1; i++) {
                    names[nl++] = name[i];
                }
                if (nl < sizeof names - 1) {
                    names[nl++] = ',';
                }
            }
            put(" bytes=");
            put_escaped(names, nl < 32 ? nl : 32);
        }
        (void)__wasi_fd_close(fd);
    }
    flush();
}

static void try_filestat(const char *kind, const char *op, __wasi_fd_t dir,
                         __wasi_lookupflags_t lf, const char *path) {
    __wasi_filestat_t st;
    __wasi_errno_t err = __wasi_path_filestat_get(dir, lf, path, &st);
    begin(kind, op, err);
    if (err == 0) {
        put(" filetype=");
        put_num(st.filetype);
    }
    flush();
}

static void try_readlink(const char *kind, const char *op, __wasi_fd_t dir, const char *path) {
    uint8_t buf[512];
    __wasi_size_t n = 0;
    __wasi_errno_t err = __wasi_path_readlink(dir, path, buf, sizeof buf, &n);
    begin(kind, op, err);
    if (err == 0) {
        put(" bytes=");
        put_escaped(buf, n);
    }
    flush();
}

static void try_set_times(const char *kind, const char *op, __wasi_fd_t dir,
                          __wasi_lookupflags_t lf, const char *path) {
    /* 2001-09-09T01:46:40Z: far from any file's real times. */
    __wasi_timestamp_t t = 1000000000ull * 1000000000ull;
    report(kind, op,
           __wasi_path_filestat_set_times(dir, lf, path, t, t,
                                          __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
}

/* Makes sure P/mv-src.txt exists (the source of rename_new attempts). */
static void make_mv_src(void) {
    __wasi_fd_t fd;
    __wasi_errno_t err = open_at(P, NOFOLLOW, "mv-src.txt", __WASI_OFLAGS_CREAT, R_WRITE, &fd);
    if (err != 0) {
        fail("create mv-src.txt", err);
    }
    (void)__wasi_fd_close(fd);
}

/* ---- kinds --------------------------------------------------------------------------------- */

/* A way to name OUT (a directory outside the sandbox) from a directory fd. */
struct dir_kind {
    const char *name;
    int relative_to_dfd; /* 0: relative to P; 1: relative to d */
    const char *dir;     /* NULL: OUT's absolute host path */
};

static const struct dir_kind DIR_KINDS[] = {
    {"abs_dir", 0, "abs_dir"},
    {"up", 0, "up/out"},
    {"upup", 0, "upup/root/out"},
    {"l2", 0, "l2/out"},
    {"chain", 0, "chain00"},
    {"mine", 0, "mine"},
    {"mine_abs", 0, "mine_abs"},
    {"dotdot", 0, "../out"},
    {"dotdot_mid", 0, "d/../../out"},
    {"dfd_dotdot", 1, "../../out"},
    {"abspath", 0, NULL},
    {"loop_dir", 0, "loopa"},
};

/* A path whose final component leads outside (or loops) when followed. */
struct file_kind {
    const char *name;
    int relative_to_dfd;
    const char *path;
};

static const struct file_kind FILE_KINDS[] = {
    {"abs_file", 0, "abs_file"},
    {"abs_dangling", 0, "abs_dangling"},
    {"rel_file", 0, "rel_file"},
    {"dfd_uplink", 1, "uplink"},
    {"loop_file", 0, "loopa"},
    {"long", 0, "long00"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static __wasi_fd_t base_of(int relative_to_dfd) { return relative_to_dfd ? DFD : P; }

static const char *dir_of(const struct dir_kind *k) { return k->dir ? k->dir : OUT; }

static void dir_reads(const struct dir_kind *k) {
    __wasi_fd_t b = base_of(k->relative_to_dfd);
    const char *d = dir_of(k);
    try_read(k->name, "open_read", b, NOFOLLOW, join(0, d, "secret.txt"));
    try_read(k->name, "open_read_follow", b, FOLLOW, join(0, d, "secret.txt"));
    try_read(k->name, "open_read_sub", b, NOFOLLOW, join(0, d, "sub/inner.txt"));
    try_readdir(k->name, "open_dir_readdir", b, FOLLOW, d);
    try_filestat(k->name, "filestat", b, NOFOLLOW, join(0, d, "secret.txt"));
    try_filestat(k->name, "filestat_follow", b, FOLLOW, join(0, d, "secret.txt"));
    try_readlink(k->name, "readlink", b, join(0, d, "outlink"));
}

static void dir_writes(const struct dir_kind *k) {
    __wasi_fd_t b = base_of(k->relative_to_dfd);
    const char *d = dir_of(k);
    char created[96];
    strcpy(created, "created-");
    strcat(created, k->name);
    strcat(created, ".txt");
    try_write(k->name, "open_creat", b, FOLLOW, join(0, d, created), __WASI_OFLAGS_CREAT);
    try_write(k->name, "open_trunc", b, FOLLOW, join(0, d, "target.txt"),
              __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC);
    try_set_times(k->name, "set_times", b, FOLLOW, join(0, d, "target.txt"));

    char stolen[96];
    strcpy(stolen, "stolen-");
    strcat(stolen, k->name);
    report(k->name, "rename_old", __wasi_path_rename(b, join(0, d, "victim.txt"), P, stolen));
    make_mv_src();
    char planted[96];
    strcpy(planted, "planted-");
    strcat(planted, k->name);
    report(k->name, "rename_new", __wasi_path_rename(P, "mv-src.txt", b, join(0, d, planted)));

    char hard[96];
    strcpy(hard, "hard-");
    strcat(hard, k->name);
    report(k->name, "link_old",
           __wasi_path_link(b, NOFOLLOW, join(0, d, "secret.txt"), P, hard));
    report(k->name, "link_new", __wasi_path_link(P, NOFOLLOW, "inside.txt", b, join(0, d, hard)));
    report(k->name, "unlink", __wasi_path_unlink_file(b, join(0, d, "victim.txt")));
    report(k->name, "rmdir", __wasi_path_remove_directory(b, join(0, d, "emptydir")));
    char newdir[96];
    strcpy(newdir, "newdir-");
    strcat(newdir, k->name);
    report(k->name, "mkdir", __wasi_path_create_directory(b, join(0, d, newdir)));
    char link[96];
    strcpy(link, "link-");
    strcat(link, k->name);
    report(k->name, "symlink", __wasi_path_symlink("secret.txt", b, join(0, d, link)));
}

static void file_reads(const struct file_kind *k) {
    __wasi_fd_t b = base_of(k->relative_to_dfd);
    try_read(k->name, "open_read_follow", b, FOLLOW, k->path);
    try_read(k->name, "open_read_nofollow", b, NOFOLLOW, k->path);
    try_filestat(k->name, "filestat_follow", b, FOLLOW, k->path);
    try_readdir(k->name, "open_dir_readdir", b, FOLLOW, k->path);
}

static void file_writes(const struct file_kind *k) {
    __wasi_fd_t b = base_of(k->relative_to_dfd);
    try_write(k->name, "open_creat_follow", b, FOLLOW, k->path, __WASI_OFLAGS_CREAT);
    try_write(k->name, "open_creat_nofollow", b, NOFOLLOW, k->path, __WASI_OFLAGS_CREAT);
    try_write(k->name, "open_trunc_follow", b, FOLLOW, k->path,
              __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC);
    try_set_times(k->name, "set_times_follow", b, FOLLOW, k->path);
    char hard[96];
    strcpy(hard, "hardf-");
    strcat(hard, k->name);
    report(k->name, "link_old_follow", __wasi_path_link(b, FOLLOW, k->path, P, hard));
}

/* ---- modes ---------------------------------------------------------------------------------- */

static void find_sandbox(void) {
    for (__wasi_fd_t fd = 3;; fd++) {
        __wasi_prestat_t ps;
        __wasi_errno_t err = __wasi_fd_prestat_get(fd, &ps);
        if (err == __WASI_ERRNO_BADF) {
            break;
        }
        if (err != 0 || ps.tag != __WASI_PREOPENTYPE_DIR) {
            continue;
        }
        char name[256];
        size_t len = ps.u.dir.pr_name_len;
        if (len >= sizeof name) {
            continue;
        }
        err = __wasi_fd_prestat_dir_name(fd, (uint8_t *)name, len);
        if (err != 0) {
            continue;
        }
        name[len] = 0;
        if (strcmp(name, "/sandbox") == 0) {
            P = fd;
            break;
        }
    }
    if (P == (__wasi_fd_t)-1) {
        fail("no preopen named /sandbox", __WASI_ERRNO_NOENT);
    }
    __wasi_fdstat_t st;
    __wasi_errno_t err = __wasi_fd_fdstat_get(P, &st);
    if (err != 0) {
        fail("fd_fdstat_get /sandbox", err);
    }
    MAX_RIGHTS = st.fs_rights_inheriting | st.fs_rights_base;
}

static void positive_checks(void) {
    /* Reading link targets is never an escape, wherever they point. */
    uint8_t target[512];
    __wasi_size_t n = 0;
    __wasi_errno_t err = __wasi_path_readlink(P, "abs_dir", target, sizeof target - 1, &n);
    begin("ok.abs_dir", "readlink", err);
    if (err == 0) {
        put(" bytes=");
        put_escaped(target, n);
        if (OUT[0] == 0) {
            memcpy(OUT, target, n < sizeof OUT ? n : sizeof OUT - 1);
        }
    }
    flush();
    if (OUT[0] != '/') {
        fail("no absolute path for OUT (argv[2] or abs_dir's target)", err);
    }
    try_readlink("ok.abs_file", "readlink", P, "abs_file");
    try_readlink("ok.up", "readlink", P, "up");
    try_readlink("ok.upup", "readlink", P, "upup");

    /* The links themselves can be looked at without following them. */
    try_filestat("ok.abs_file", "filestat_nofollow", P, NOFOLLOW, "abs_file");
    try_filestat("ok.abs_dangling", "filestat_nofollow", P, NOFOLLOW, "abs_dangling");
    try_filestat("ok.rel_file", "filestat_nofollow", P, NOFOLLOW, "rel_file");
    try_filestat("ok.abs_dir", "filestat_nofollow", P, NOFOLLOW, "abs_dir");
    try_filestat("ok.up", "filestat_nofollow", P, NOFOLLOW, "up");
    try_filestat("ok.loop_file", "filestat_nofollow", P, NOFOLLOW, "loopa");
    try_filestat("ok.long", "filestat_nofollow", P, NOFOLLOW, "long00");
    try_filestat("ok.chain", "filestat_nofollow", P, NOFOLLOW, "chain00");

    /* Links inside the sandbox work. */
    try_read("ok.in_file", "open_read_follow", P, FOLLOW, "in_file");
    try_filestat("ok.in_file", "filestat_follow", P, FOLLOW, "in_file");
    try_filestat("ok.in_file", "filestat_nofollow", P, NOFOLLOW, "in_file");
    try_readlink("ok.in_file", "readlink", P, "in_file");
    try_read("ok.in_dir", "open_read", P, NOFOLLOW, "in_dir/note.txt");
    try_readdir("ok.in_dir", "open_dir_readdir", P, FOLLOW, "in_dir");
    try_write("ok.in_dir", "open_creat", P, NOFOLLOW, "in_dir/made.txt", __WASI_OFLAGS_CREAT);
    report("ok.in_dir", "unlink", __wasi_path_unlink_file(P, "in_dir/made.txt"));
    try_read("ok.d_uplink", "open_read_follow", P, FOLLOW, "d/uplink");
    try_read("ok.dotdot_inside", "open_read", P, NOFOLLOW, "d/../inside.txt");
    try_read("ok.ichain", "open_read_follow", P, FOLLOW, "ichain00");

    __wasi_fd_t dfd;
    /* No FD_WRITE: Chicory answers EISDIR to a directory opened for writing. */
    err = open_at(P, NOFOLLOW, "d", __WASI_OFLAGS_DIRECTORY, MAX_RIGHTS & ~__WASI_RIGHTS_FD_WRITE,
                  &dfd);
    report("ok.d", "open_dir", err);
    if (err != 0) {
        fail("open d", err);
    }
    DFD = dfd;
    try_read("ok.dfd", "open_read", DFD, NOFOLLOW, "note.txt");
    try_filestat("ok.dfd_uplink", "filestat_nofollow", DFD, NOFOLLOW, "uplink");
    try_readlink("ok.dfd_uplink", "readlink", DFD, "uplink");

    /* Links the guest makes itself. */
    report("ok.mylink", "symlink_create", __wasi_path_symlink("inside.txt", P, "mylink"));
    try_readlink("ok.mylink", "readlink", P, "mylink");
    try_filestat("ok.mylink", "filestat_nofollow", P, NOFOLLOW, "mylink");
    try_read("ok.mylink", "open_read_follow", P, FOLLOW, "mylink");
    report("ok.mylink", "unlink", __wasi_path_unlink_file(P, "mylink"));
    try_filestat("ok.mylink", "gone", P, NOFOLLOW, "mylink");
    report("ok.mydir", "symlink_create", __wasi_path_symlink("d", P, "mydir"));
    try_read("ok.mydir", "open_read", P, NOFOLLOW, "mydir/note.txt");

    /* Links to the outside may be made; using them is what must fail. */
    report("ok.mine", "symlink_create", __wasi_path_symlink("../out", P, "mine"));
    try_readlink("ok.mine", "readlink", P, "mine");
    try_filestat("ok.mine", "filestat_nofollow", P, NOFOLLOW, "mine");
    report("ok.mine_abs", "symlink_create", __wasi_path_symlink(OUT, P, "mine_abs"));
    try_filestat("ok.mine_abs", "filestat_nofollow", P, NOFOLLOW, "mine_abs");
}

static void all(void) {
    find_sandbox();
    positive_checks();
    /* Everything that only looks first, then everything that changes something. */
    for (size_t i = 0; i < COUNT(DIR_KINDS); i++) {
        dir_reads(&DIR_KINDS[i]);
    }
    for (size_t i = 0; i < COUNT(FILE_KINDS); i++) {
        file_reads(&FILE_KINDS[i]);
    }
    try_read("abspath_file", "open_read", P, NOFOLLOW, join(1, OUT, "secret.txt"));
    try_read("dfd_dotdot_file", "open_read", DFD, NOFOLLOW, "../inside.txt");
    try_readdir("dotdot_only", "open_dir_readdir", P, NOFOLLOW, "..");
    try_readdir("up_only", "open_dir_readdir", P, FOLLOW, "up");
    try_readdir("upup_only", "open_dir_readdir", P, FOLLOW, "upup");
    try_readdir("dfd_dotdot_only", "open_dir_readdir", DFD, NOFOLLOW, "..");
    try_readdir("abs_root", "open_dir_readdir", P, NOFOLLOW, "/");

    for (size_t i = 0; i < COUNT(DIR_KINDS); i++) {
        dir_writes(&DIR_KINDS[i]);
    }
    for (size_t i = 0; i < COUNT(FILE_KINDS); i++) {
        file_writes(&FILE_KINDS[i]);
    }
    line_len = 0;
    put("done");
    flush();
}

static void race(long rounds) {
    find_sandbox();
    long escapes = 0, ok = 0, failed = 0;
    for (long i = 0; i < rounds; i++) {
        __wasi_fd_t fd;
        __wasi_errno_t err = open_at(P, NOFOLLOW, "flip/secret.txt", 0, R_READ, &fd);
        if (err == 0) {
            uint8_t buf[64];
            __wasi_iovec_t iov = {buf, sizeof buf};
            __wasi_size_t n = 0;
            __wasi_errno_t rerr = __wasi_fd_read(fd, &iov, 1, &n);
            (void)__wasi_fd_close(fd);
            if (rerr == 0 && n >= 7 && memcmp(buf, "OUTSIDE", 7) == 0) {
                escapes++;
            } else if (rerr == 0) {
                ok++;
            } else {
                failed++;
            }
        } else {
            failed++;
        }

        err = open_at(P, NOFOLLOW, "flip/made", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, R_WRITE,
                      &fd);
        if (err == 0) {
            static const char marker[] = "ESCAPED-BY-GUEST\n";
            __wasi_ciovec_t iov = {(const uint8_t *)marker, sizeof marker - 1};
            __wasi_size_t n = 0;
            (void)__wasi_fd_write(fd, &iov, 1, &n);
            (void)__wasi_fd_close(fd);
            ok++;
        } else {
            failed++;
        }
        err = __wasi_path_unlink_file(P, "flip/made");
        err == 0 ? ok++ : failed++;
        err = __wasi_path_create_directory(P, "flip/d");
        err == 0 ? ok++ : failed++;
        err = __wasi_path_remove_directory(P, "flip/d");
        err == 0 ? ok++ : failed++;
    }
    line_len = 0;
    put("race escapes=");
    put_num(escapes);
    put(" ok=");
    put_num(ok);
    put(" failed=");
    put_num(failed);
    flush();
}

int main(int argc, char **argv) {
    if (argc >= 2 && strcmp(argv[1], "all") == 0) {
        if (argc >= 3) {
            strncpy(OUT, argv[2], sizeof OUT - 1);
        }
        all();
        return 0;
    }
    if (argc >= 3 && strcmp(argv[1], "race") == 0) {
        race(atol(argv[2]));
        return 0;
    }
    line_len = 0;
    put("usage: escape.wasm all | race N");
    flush();
    return 2;
}
