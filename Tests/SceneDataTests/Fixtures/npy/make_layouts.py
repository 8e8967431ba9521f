#!/usr/bin/env python3
"""Attention as models emit it (python3 make_layouts.py; needs numpy): each
file is a 6 x 6 map (or a stack of them) whose peak is at row 1, column 4."""
import numpy as np

def peak(scale=1.0):
    a = np.full((6, 6), 0.01, np.float32)
    a[1, 4] = scale
    return a

np.save("flat_36.npy", peak().reshape(36))
np.save("cls_37.npy", np.concatenate([[5.0], peak().reshape(36)]).astype(np.float32))  # CLS first, dropped
heads = np.stack([peak(0.5), peak(1.0), np.full((6, 6), 0.02, np.float32)])
heads[2, 5, 0] = 1.0  # head 2 alone peaks elsewhere (the mean still peaks at 1, 4)
np.save("heads_3x6x6.npy", heads)
np.save("layers_heads_2x3x6x6.npy", np.stack([heads, heads]))
np.save("big_endian_f4.npy", peak().astype(">f4"))
np.save("fortran_big_f8.npy", np.asfortranarray(peak().astype(">f8")))
bf16 = (peak().view(np.uint32) >> 16).astype("<u2")  # bfloat16 bits, as torch saves them via .view(int16)
np.save("bf16_as_u2.npy", bf16)
nan = peak().astype(np.float16)
nan[2, 3] = np.nan
np.save("nan_f2.npy", nan)
inf = peak().astype(np.float16)
inf[0, 5] = np.inf
np.save("inf_f2.npy", inf)
np.save("flat_35.npy", np.zeros(35, np.float32))
