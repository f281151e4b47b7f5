// libpng's simplified API (png_image_*), which handles its own errors without setjmp in Swift.
#include <png.h>
