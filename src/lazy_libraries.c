/* Loads libLLVM and libz3 on their first use instead of at process start: reqc calls them
 * through trampolines written by build.rs, whose first call of each function lands here.
 * Relocating libLLVM took most of the 9 ms every `reqc --version` or `reqc check
 * --no-solver` paid; a command that needs neither library now never maps it. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

/* One library: its soname, the functions reqc may call and where each one's address is
 * kept (the trampolines jump through these slots; each starts at the function's stub). */
struct reqc_lazy_library {
    const char *soname;
    const char *what;
    const char *const *names;
    void **slots;
};

static void write_text(const char *text) {
    size_t length = strlen(text);
    while (length > 0) {
        ssize_t written = write(2, text, length);
        if (written <= 0) {
            return;
        }
        text += written;
        length -= (size_t)written;
    }
}

/* No caller can take an error from a function it called, so a missing library ends the
 * process with the message and exit status 2, as reqc's other installation errors do. */
static void fail(const struct reqc_lazy_library *library, const char *problem) {
    write_text("error: reqc needs ");
    write_text(library->soname);
    write_text(" (");
    write_text(library->what);
    write_text(") for this command and cannot load it: ");
    write_text(problem != NULL ? problem : "unknown reason");
    write_text("\nhelp: install it with `bash scripts/setup.sh`\n");
    _exit(2);
}

/* Called by the trampolines' common entry with the arguments of the real call saved:
 * returns the function's address and keeps it in its slot, so later calls go there
 * directly. Racing threads store the same address. */
void *reqc_lazy_resolve(struct reqc_lazy_library *library, unsigned long index) {
    /* dlopen counts references, so a second open of a loaded library is cheap. */
    void *handle = dlopen(library->soname, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        fail(library, dlerror());
    }
    dlerror();
    void *address = dlsym(handle, library->names[index]);
    if (address == NULL) {
        fail(library, dlerror());
    }
    __atomic_store_n(&library->slots[index], address, __ATOMIC_RELEASE);
    return address;
}
