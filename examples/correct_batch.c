/* Corrects prediction rows with a library from `reqc compile FILE --emit lib`.
 *
 * Build (with the header from `reqc compile FILE --emit header -o DIR/reqc_shield.h`):
 *     cc -O2 -I DIR examples/correct_batch.c DIR/libshield.so -Wl,-rpath,DIR -o correct_batch
 * Run:
 *     correct_batch f32|f64 INPUT OUTPUT BATCH [STATUS]
 * INPUT holds raw little-endian rows (reqc_columns() values each); OUTPUT receives the
 * corrected rows. Rows go through the kernel BATCH at a time (BATCH 0 makes one empty
 * call first, then uses batches of 1). Prints counts per status on standard output, and
 * writes one status byte per row to STATUS when given.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reqc_shield.h"

int main(int argc, char **argv) {
    if (argc != 5 && argc != 6) {
        fprintf(stderr, "usage: %s f32|f64 INPUT OUTPUT BATCH [STATUS]\n", argv[0]);
        return 2;
    }
    int single = strcmp(argv[1], "f32") == 0;
    size_t width = single ? sizeof(float) : sizeof(double);
    size_t columns = reqc_columns();
    long batch = atol(argv[4]);
    if (columns != REQC_COLUMNS || reqc_requirements_hash() != REQC_REQUIREMENTS_HASH) {
        fprintf(stderr, "the library does not match the header\n");
        return 1;
    }
    FILE *input = fopen(argv[2], "rb");
    if (!input) {
        perror(argv[2]);
        return 2;
    }
    fseek(input, 0, SEEK_END);
    long bytes = ftell(input);
    fseek(input, 0, SEEK_SET);
    size_t rows = columns ? (size_t)bytes / (width * columns) : 0;
    /* Exactly sized buffers, so a tool like valgrind sees any access past the rows. */
    unsigned char *data = malloc(rows * columns * width + 1);
    uint8_t *status = malloc(rows + 1);
    if (!data || !status || fread(data, width * columns, rows, input) != rows) {
        fprintf(stderr, "cannot read %s\n", argv[2]);
        return 2;
    }
    fclose(input);
    size_t undecided = 0;
    if (batch <= 0) {
        /* An empty batch must touch nothing. */
        undecided += single ? reqc_correct_f32((float *)data, 0, status)
                            : reqc_correct_f64((double *)data, 0, status);
        batch = 1;
    }
    for (size_t start = 0; start < rows; start += (size_t)batch) {
        size_t count = rows - start < (size_t)batch ? rows - start : (size_t)batch;
        uint8_t *batch_status = malloc(count);
        if (single) {
            undecided += reqc_correct_f32((float *)data + start * columns, count, batch_status);
        } else {
            undecided += reqc_correct_f64((double *)data + start * columns, count, batch_status);
        }
        memcpy(status + start, batch_status, count);
        free(batch_status);
    }
    size_t counts[6] = {0, 0, 0, 0, 0, 0};
    for (size_t row = 0; row < rows; row++) {
        if (status[row] < 6) counts[status[row]]++;
    }
    FILE *output = fopen(argv[3], "wb");
    if (!output || fwrite(data, width * columns, rows, output) != rows) {
        fprintf(stderr, "cannot write %s\n", argv[3]);
        return 2;
    }
    fclose(output);
    if (argc == 6) {
        FILE *status_file = fopen(argv[5], "wb");
        if (!status_file || fwrite(status, 1, rows, status_file) != rows) {
            fprintf(stderr, "cannot write %s\n", argv[5]);
            return 2;
        }
        fclose(status_file);
    }
    printf("%s: %zu rows, %zu unchanged, %zu corrected, %zu inexact, %zu impossible, %zu undecided, "
           "%zu non-finite\n",
           reqc_version(), rows, counts[REQC_UNCHANGED], counts[REQC_CORRECTED],
           counts[REQC_INEXACT], counts[REQC_IMPOSSIBLE], counts[REQC_UNDECIDED],
           counts[REQC_NON_FINITE]);
    free(data);
    free(status);
    return undecided == counts[REQC_UNDECIDED] ? 0 : 1;
}
