//! The corpus's only source of randomness: splitmix64, seeded by a
//! constant, with one independent stream per entry so that files do not
//! depend on the order they are written in.

const SEED: u64 = 0x5369_676e_706f_7374; // "Signpost"

// Streams, one per kind of thing generated. The numbers seed the output, so
// changing one changes every file of that kind.
pub(super) const S_PRACTICE: u64 = 2;
pub(super) const S_ORG: u64 = 3;
pub(super) const S_ACTIVITY: u64 = 4;
pub(super) const S_JOB: u64 = 5;
pub(super) const S_PRACTICE_COUNT: u64 = 6;
pub(super) const S_PCN_BODY: u64 = 11;
pub(super) const S_PRACTICE_BODY: u64 = 12;
pub(super) const S_ORG_BODY: u64 = 13;
pub(super) const S_ACTIVITY_BODY: u64 = 14;
pub(super) const S_JOB_BODY: u64 = 15;

/// The splitmix64 finaliser: a bijection that scatters nearby inputs.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// splitmix64, one independent stream per (kind, index).
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(stream: u64, index: usize) -> Rng {
        Rng(mix(
            mix(SEED ^ stream) ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// A number in `0..n` (n > 0).
    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub(super) fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True `percent` times in a hundred.
    pub(super) fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub(super) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// `count` distinct items (all of them if there are fewer), in a random
    /// order.
    pub(super) fn sample<'a, T>(&mut self, items: &'a [T], count: usize) -> Vec<&'a T> {
        let mut order: Vec<usize> = (0..items.len()).collect();
        let count = count.min(items.len());
        for i in 0..count {
            let j = i + self.below(items.len() - i);
            order.swap(i, j);
        }
        order[..count].iter().map(|&i| &items[i]).collect()
    }
}
