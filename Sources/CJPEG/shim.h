// libjpeg(-turbo) behind two calls that return an error message instead of exiting.
//
// libjpeg's default error handler calls exit(), and a replacement must not return to the
// library, so each call below sets a jump point here, in C, where setjmp is safe; Swift never
// sees it. Warnings (such as "Premature end of JPEG file", which libjpeg only warns about while
// it fills the missing rows with gray) are kept as errors too: a damaged photo must not decode
// silently into a wrong image.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <jpeglib.h>

enum { CJPEG_MESSAGE_LENGTH = JMSG_LENGTH_MAX };

struct cjpeg_error {
    struct jpeg_error_mgr manager;
    jmp_buf jump;
    char *message;  // CJPEG_MESSAGE_LENGTH bytes, owned by the caller
};

static void cjpeg_error_exit(j_common_ptr info) {
    struct cjpeg_error *error = (struct cjpeg_error *)info->err;
    (*info->err->format_message)(info, error->message);
    longjmp(error->jump, 1);
}

// Called for the first warning (and for traces, which trace_level 0 turns off): keep its text
// instead of printing it to stderr.
static void cjpeg_keep_message(j_common_ptr info) {
    struct cjpeg_error *error = (struct cjpeg_error *)info->err;
    (*info->err->format_message)(info, error->message);
}

static void cjpeg_install(struct cjpeg_error *error, char *message) {
    jpeg_std_error(&error->manager);
    error->manager.error_exit = cjpeg_error_exit;
    error->manager.output_message = cjpeg_keep_message;
    error->message = message;
    message[0] = 0;
}

/// Reads the header into `width`, `height` and `channels` (1 for grayscale JPEGs, else 3
/// for RGB); then, unless `pixels` is NULL, decodes into it (width × height × channels bytes,
/// as a first call with NULL reported). Returns 0, or -1 with `message` set (also for any
/// warning, such as a truncated file).
static inline int cjpeg_decode(const unsigned char *data, unsigned long size,
                               int *width, int *height, int *channels, unsigned char *pixels,
                               char *message) {
    struct jpeg_decompress_struct info;
    struct cjpeg_error error;
    memset(&info, 0, sizeof info);
    cjpeg_install(&error, message);
    info.err = &error.manager;
    if (setjmp(error.jump)) {
        jpeg_destroy_decompress(&info);
        return -1;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, data, size);
    jpeg_read_header(&info, TRUE);
    if (pixels == NULL) {
        *width = (int)info.image_width;
        *height = (int)info.image_height;
        *channels = info.jpeg_color_space == JCS_GRAYSCALE ? 1 : 3;
        jpeg_destroy_decompress(&info);
        return 0;
    }
    info.out_color_space = *channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_start_decompress(&info);
    if ((int)info.output_width != *width || (int)info.output_height != *height
        || info.output_components != *channels) {
        jpeg_destroy_decompress(&info);
        snprintf(message, CJPEG_MESSAGE_LENGTH, "the decoder's output size differs from the header's");
        return -1;
    }
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = pixels + (size_t)info.output_scanline * (size_t)*width * (size_t)*channels;
        jpeg_read_scanlines(&info, &row, 1);
    }
    jpeg_finish_decompress(&info);
    int warnings = (int)error.manager.num_warnings;
    jpeg_destroy_decompress(&info);
    return warnings == 0 ? 0 : -1;
}

/// Encodes `pixels` (1 channel: grayscale, 3: RGB) at `quality` (1-100) into a buffer that
/// the caller releases with free(). Returns 0, or -1 with `message` set.
static inline int cjpeg_encode(const unsigned char *pixels, int width, int height, int channels,
                               int quality, unsigned char **output, unsigned long *output_size,
                               char *message) {
    struct jpeg_compress_struct info;
    struct cjpeg_error error;
    memset(&info, 0, sizeof info);
    *output = NULL;
    *output_size = 0;
    cjpeg_install(&error, message);
    info.err = &error.manager;
    if (setjmp(error.jump)) {
        jpeg_destroy_compress(&info);
        free(*output);
        *output = NULL;
        return -1;
    }
    jpeg_create_compress(&info);
    jpeg_mem_dest(&info, output, output_size);
    info.image_width = (JDIMENSION)width;
    info.image_height = (JDIMENSION)height;
    info.input_components = channels;
    info.in_color_space = channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality, TRUE);
    jpeg_start_compress(&info, TRUE);
    while (info.next_scanline < info.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)info.next_scanline * (size_t)width * (size_t)channels);
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    return 0;
}
