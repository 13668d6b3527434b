"""Corrects prediction rows with a library from `reqc compile FILE --emit lib`, through ctypes and numpy.

Usage: python3 examples/correct_batch.py LIBRARY INPUT.npy OUTPUT.bin

INPUT is a 2-D float32 or float64 .npy file; OUTPUT receives the corrected rows as raw
bytes (the data part of the .npy that `reqc correct` would write). Prints counts per status.
"""

import ctypes
import sys

import numpy as np

STATUS_NAMES = ["unchanged", "corrected", "impossible", "undecided", "non-finite", "inexact"]


def load(path):
    library = ctypes.CDLL(path)
    library.reqc_columns.restype = ctypes.c_size_t
    library.reqc_requirements_hash.restype = ctypes.c_uint64
    library.reqc_version.restype = ctypes.c_char_p
    for name, element in (("reqc_correct_f32", ctypes.c_float), ("reqc_correct_f64", ctypes.c_double)):
        function = getattr(library, name)
        function.argtypes = [ctypes.POINTER(element), ctypes.c_size_t, ctypes.POINTER(ctypes.c_uint8)]
        function.restype = ctypes.c_size_t
    return library


def correct(library, rows):
    """Corrects a C-contiguous 2-D float32 or float64 array in place; returns the status per row."""
    if rows.ndim != 2 or rows.shape[1] != library.reqc_columns():
        raise ValueError(f"expected rows of {library.reqc_columns()} columns, got shape {rows.shape}")
    rows = np.ascontiguousarray(rows)
    status = np.zeros(rows.shape[0], dtype=np.uint8)
    if rows.dtype == np.float32:
        kernel, element = library.reqc_correct_f32, ctypes.c_float
    elif rows.dtype == np.float64:
        kernel, element = library.reqc_correct_f64, ctypes.c_double
    else:
        raise ValueError(f"rows must be float32 or float64, not {rows.dtype}")
    kernel(rows.ctypes.data_as(ctypes.POINTER(element)), rows.shape[0],
           status.ctypes.data_as(ctypes.POINTER(ctypes.c_uint8)))
    return rows, status


def main():
    library_path, input_path, output_path = sys.argv[1:4]
    library = load(library_path)
    rows = np.load(input_path)
    rows, status = correct(library, rows)
    with open(output_path, "wb") as output:
        output.write(rows.tobytes())
    counts = np.bincount(status, minlength=len(STATUS_NAMES))
    summary = ", ".join(f"{count} {name}" for name, count in zip(STATUS_NAMES, counts))
    print(f"{library.reqc_version().decode()}: {rows.shape[0]} rows, {summary}")


if __name__ == "__main__":
    main()
