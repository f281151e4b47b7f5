// OpenBLAS's CBLAS interface plus its thread and configuration controls.
#include <cblas.h>
