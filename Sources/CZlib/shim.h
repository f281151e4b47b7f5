#include <zlib.h>

// inflateInit2 is a macro, which Swift cannot call; this wraps it.
static inline int czlib_inflate_init2(z_stream *stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}
