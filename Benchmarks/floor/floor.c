/* floor: the hardware floor for `register verify`, written for this benchmark.
 *
 *   floor tree EVENTS          open, read and SHA-256 every event file: the *.json files in the
 *                              events folder, then each NNNN/ shard folder's, all in name order
 *   floor pack EVENTS OUT      write the same bytes, in the same order, concatenated into OUT
 *   floor packed FILE          read FILE in 1 MiB chunks and SHA-256 it (the floor of a packed design)
 *   floor files LIST           open, read and SHA-256 the files LIST names, one path per line, in its
 *                              order (the floor of a question that checks the files it reads)
 *
 * Prints "<files> files <bytes> bytes <digest>" so the work cannot be skipped. The tree digest is
 * the SHA-256 of the per-file digests in order. Build: cc -O2 -o floor floor.c -lcrypto
 */
#include <dirent.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void die(const char *what, const char *path) { perror(path ? path : what); fprintf(stderr, "floor: %s failed\n", what); exit(2); }

struct names { char **v; size_t n, cap; };

static void push(struct names *l, const char *s) {
    if (l->n == l->cap) { l->cap = l->cap ? l->cap * 2 : 1024; l->v = realloc(l->v, l->cap * sizeof *l->v); if (!l->v) die("realloc", NULL); }
    l->v[l->n++] = strdup(s);
}
static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
static int ends_with(const char *s, const char *suffix) { size_t a = strlen(s), b = strlen(suffix); return a >= b && strcmp(s + a - b, suffix) == 0; }
static int is_shard(const char *s) { if (strlen(s) != 4) return 0; for (int i = 0; i < 4; i++) if (s[i] < '0' || s[i] > '9') return 0; return 1; }

/* The event files of one folder (and, when shards is non-NULL, its shard folders), sorted. */
static void list(int dirfd, const char *path, struct names *files, struct names *shards) {
    DIR *d = fdopendir(dup(dirfd));
    if (!d) die("opendir", path);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        int isdir = e->d_type == DT_DIR, isreg = e->d_type == DT_REG;
        if (e->d_type == DT_UNKNOWN) {
            struct stat st;
            if (fstatat(dirfd, e->d_name, &st, 0) != 0) die("stat", e->d_name);
            isdir = S_ISDIR(st.st_mode); isreg = S_ISREG(st.st_mode);
        }
        if (isreg && ends_with(e->d_name, ".json")) push(files, e->d_name);
        else if (isdir && shards && is_shard(e->d_name)) push(shards, e->d_name);
    }
    closedir(d);
    qsort(files->v, files->n, sizeof *files->v, by_name);
    if (shards) qsort(shards->v, shards->n, sizeof *shards->v, by_name);
}

static unsigned char *buf; static size_t bufcap;
static unsigned long long nfiles, nbytes;

/* Reads one whole file into buf; returns its length. */
static size_t slurp(int dirfd, const char *name) {
    int fd = openat(dirfd, name, O_RDONLY);
    if (fd < 0) die("open", name);
    struct stat st;
    if (fstat(fd, &st) != 0) die("fstat", name);
    size_t want = (size_t)st.st_size + 1, got = 0;
    if (want > bufcap) { bufcap = want * 2; buf = realloc(buf, bufcap); if (!buf) die("realloc", NULL); }
    for (;;) {
        ssize_t r = read(fd, buf + got, bufcap - got);
        if (r < 0) die("read", name);
        if (r == 0) break;
        got += (size_t)r;
        if (got == bufcap) { bufcap *= 2; buf = realloc(buf, bufcap); if (!buf) die("realloc", NULL); }
    }
    close(fd);
    nfiles++; nbytes += got;
    return got;
}

typedef void (*visit)(const unsigned char *data, size_t n, void *ctx);

static void folder(int dirfd, const char *path, struct names *shards, visit f, void *ctx) {
    struct names files = {0};
    list(dirfd, path, &files, shards);
    for (size_t i = 0; i < files.n; i++) { size_t n = slurp(dirfd, files.v[i]); f(buf, n, ctx); free(files.v[i]); }
    free(files.v);
}

static void walk(const char *events, visit f, void *ctx) {
    int top = open(events, O_RDONLY | O_DIRECTORY);
    if (top < 0) die("open", events);
    struct names shards = {0};
    folder(top, events, &shards, f, ctx);
    for (size_t i = 0; i < shards.n; i++) {
        int sub = openat(top, shards.v[i], O_RDONLY | O_DIRECTORY);
        if (sub < 0) die("open", shards.v[i]);
        folder(sub, shards.v[i], NULL, f, ctx);
        close(sub);
        free(shards.v[i]);
    }
    free(shards.v);
    close(top);
}

static void hash_file(const unsigned char *data, size_t n, void *ctx) {
    unsigned char digest[32]; unsigned int len = 0;
    if (!EVP_Digest(data, n, digest, &len, EVP_sha256(), NULL)) die("EVP_Digest", NULL);
    if (!EVP_DigestUpdate((EVP_MD_CTX *)ctx, digest, len)) die("EVP_DigestUpdate", NULL);
}
static void append_file(const unsigned char *data, size_t n, void *ctx) {
    if (fwrite(data, 1, n, (FILE *)ctx) != n) die("fwrite", NULL);
}

static void report(EVP_MD_CTX *md) {
    unsigned char digest[32]; unsigned int len = 0;
    if (!EVP_DigestFinal_ex(md, digest, &len)) die("EVP_DigestFinal_ex", NULL);
    printf("%llu files %llu bytes ", nfiles, nbytes);
    for (unsigned int i = 0; i < len; i++) printf("%02x", digest[i]);
    printf("\n");
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "tree") == 0) {
        EVP_MD_CTX *md = EVP_MD_CTX_new();
        if (!md || !EVP_DigestInit_ex(md, EVP_sha256(), NULL)) die("EVP_DigestInit_ex", NULL);
        walk(argv[2], hash_file, md);
        report(md);
    } else if (argc == 4 && strcmp(argv[1], "pack") == 0) {
        FILE *out = fopen(argv[3], "wb");
        if (!out) die("fopen", argv[3]);
        walk(argv[2], append_file, out);
        if (fclose(out) != 0) die("fclose", argv[3]);
        printf("%llu files %llu bytes packed into %s\n", nfiles, nbytes, argv[3]);
    } else if (argc == 3 && strcmp(argv[1], "packed") == 0) {
        int fd = open(argv[2], O_RDONLY);
        if (fd < 0) die("open", argv[2]);
        EVP_MD_CTX *md = EVP_MD_CTX_new();
        if (!md || !EVP_DigestInit_ex(md, EVP_sha256(), NULL)) die("EVP_DigestInit_ex", NULL);
        enum { CHUNK = 1 << 20 };
        unsigned char *chunk = malloc(CHUNK);
        if (!chunk) die("malloc", NULL);
        ssize_t r;
        while ((r = read(fd, chunk, CHUNK)) > 0) { if (!EVP_DigestUpdate(md, chunk, (size_t)r)) die("EVP_DigestUpdate", NULL); nbytes += (unsigned long long)r; }
        if (r < 0) die("read", argv[2]);
        close(fd);
        nfiles = 1;
        report(md);
    } else if (argc == 3 && strcmp(argv[1], "files") == 0) {
        FILE *list = fopen(argv[2], "r");
        if (!list) die("fopen", argv[2]);
        EVP_MD_CTX *md = EVP_MD_CTX_new();
        if (!md || !EVP_DigestInit_ex(md, EVP_sha256(), NULL)) die("EVP_DigestInit_ex", NULL);
        char line[4096];
        while (fgets(line, sizeof line, list)) {
            line[strcspn(line, "\n")] = 0;
            if (!*line) continue;
            size_t n = slurp(AT_FDCWD, line);
            hash_file(buf, n, md);
        }
        fclose(list);
        report(md);
    } else {
        fprintf(stderr, "usage: floor tree EVENTS | floor pack EVENTS OUT | floor packed FILE | floor files LIST\n");
        return 2;
    }
    return 0;
}
