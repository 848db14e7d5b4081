//! Compact text encodings for the search index, decoded by `search.js`.
//! Base64 digits, so every file is plain text that any host will gzip.

pub const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Appends `n` as a variable-length number: 5 bits per digit, low bits
/// first, with the 6th bit set on every digit but the last (the VLQ of
/// source maps, without the sign).
pub fn vlq(out: &mut String, mut n: u64) {
    loop {
        let low = (n & 31) as usize;
        n >>= 5;
        if n == 0 {
            out.push(DIGITS[low] as char);
            return;
        }
        out.push(DIGITS[low | 32] as char);
    }
}

/// A sorted list of document numbers, each with a small tag (`bits` wide):
/// the gaps between numbers, shifted left to make room for the tag.
pub fn postings(docs: impl IntoIterator<Item = (u32, u8)>, bits: u32) -> String {
    let mut out = String::new();
    let mut last = 0u32;
    for (i, (doc, tag)) in docs.into_iter().enumerate() {
        let gap = if i == 0 { doc } else { doc - last - 1 };
        vlq(&mut out, (u64::from(gap) << bits) | u64::from(tag));
        last = doc;
    }
    out
}

/// How many digits a fixed-width column needs to hold values below `n`.
pub fn width(n: usize) -> usize {
    let mut width = 1;
    while n > 1usize << (6 * width) {
        width += 1;
    }
    width
}

/// Appends `n` as exactly `width` digits, high digits first.
pub fn fixed(out: &mut String, n: usize, width: usize) {
    for i in (0..width).rev() {
        out.push(DIGITS[(n >> (6 * i)) & 63] as char);
    }
}

/// Names a version of the index so browsers never mix files from two
/// builds: FNV-1a over each file's length and CRC-32, in order. (FNV-1a
/// over every byte took 9 ms of each save at 10,000 activities; CRC-32 is
/// done by the processor, and, unlike a hash map's hasher, the same on
/// every machine and version, so a site builds the same anywhere.)
pub fn fingerprint(parts: &[&[u8]]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        let sums = [
            (part.len() as u64).to_le_bytes().as_slice(),
            crc32fast::hash(part).to_le_bytes().as_slice(),
        ]
        .concat();
        for byte in sums {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{:012x}", hash >> 16)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The name changes with any file's bytes, and with where one file
    /// ends and the next begins.
    #[test]
    fn a_fingerprint_follows_every_byte_and_boundary() {
        let named = fingerprint(&[b"ab", b"c"]);
        assert_eq!(named.len(), 12);
        assert_eq!(named, fingerprint(&[b"ab", b"c"]));
        assert_ne!(named, fingerprint(&[b"ab", b"d"]));
        assert_ne!(named, fingerprint(&[b"a", b"bc"]));
    }

    #[test]
    fn vlq_digits() {
        let mut s = String::new();
        for n in [0, 1, 31, 32, 1000] {
            vlq(&mut s, n);
        }
        // 0, 1, 31 fit one digit; 32 = (0|32) then 1; 1000 = (8|32) then 31.
        assert_eq!(s, "ABfgBof");
    }

    #[test]
    fn postings_store_gaps_and_tags() {
        // docs 0 (tag 3), 1 (tag 0), 5 (tag 1): gaps 0, 0, 3.
        assert_eq!(postings([(0, 3), (1, 0), (5, 1)], 2), "DAN");
    }

    #[test]
    fn fixed_width_columns() {
        assert_eq!(width(1), 1);
        assert_eq!(width(64), 1);
        assert_eq!(width(65), 2);
        assert_eq!(width(4096), 2);
        assert_eq!(width(4097), 3);
        let mut s = String::new();
        fixed(&mut s, 65, 2);
        assert_eq!(s, "BB");
    }
}
