// Synthetic CLEVR-like datasets for `scenelens sample` and the benchmarks.
