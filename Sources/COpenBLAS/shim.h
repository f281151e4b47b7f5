// OpenBLAS's CBLAS interface plus its thread and configuration controls.
#include <cblas.h>

// Stops OpenBLAS's worker threads; its next multi-threaded call starts them again. Not in
// <cblas.h>, but exported by every OpenBLAS built with threads (its fork handler calls it).
int blas_thread_shutdown_(void);
