//! A deterministic generated site of any size, for benchmarks. (Being written.)
