// LAPACK's C interface: LAPACKE_ssyevd, the eigen-decomposition of a symmetric matrix that
// the map of the test set takes its principal axes from (Sources/PrincipalAxes).
#include <lapacke.h>
