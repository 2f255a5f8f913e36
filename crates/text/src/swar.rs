//! Eight bytes at a time in one `u64` ("SIMD within a register"): masks that mark the
//! bytes of a class, for the scans that run over every byte of every sentence (word
//! counts, the name scan's white space and capitals). A marked byte has its high bit set
//! in the mask; every other bit is clear.

/// `0x01` in every byte.
pub const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte.
pub const HIGH: u64 = ONES * 0x80;

/// The first eight bytes of `chunk` as one little-endian word (zero bytes past its end).
#[inline]
pub fn load(chunk: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    let n = chunk.len().min(8);
    word[..n].copy_from_slice(&chunk[..n]);
    u64::from_le_bytes(word)
}

/// The bytes of `x` that are at least `k`, when every byte of `x` is below `0x80` (clear
/// the high bits first otherwise): each sum stays within its byte, so no byte's answer
/// depends on another's.
#[inline]
pub fn at_least(x: u64, k: u8) -> u64 {
    x.wrapping_add(ONES * u64::from(0x80u8.saturating_sub(k))) & HIGH
}

/// The bytes of `x` in `lo..=hi`, under [`at_least`]'s condition.
#[inline]
pub fn within(x: u64, lo: u8, hi: u8) -> u64 {
    at_least(x, lo) & !at_least(x, hi.saturating_add(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every ASCII byte in every lane, against the plain comparison.
    #[test]
    fn masks_match_the_byte_comparisons() {
        for start in (0..0x80u8).step_by(8) {
            let bytes: Vec<u8> = (start..start + 8).collect();
            let x = load(&bytes);
            for (lo, hi) in [
                (b'A', b'Z'),
                (0x09, 0x0D),
                (b' ', b' '),
                (0, 0x7F),
                (1, 0x7F),
                (0x7F, 0xFF),
            ] {
                let marks = within(x, lo, hi);
                for (i, &b) in bytes.iter().enumerate() {
                    assert_eq!(marks >> (8 * i + 7) & 1 == 1, (lo..=hi).contains(&b));
                }
                assert_eq!(marks & !HIGH, 0);
            }
            let marks = at_least(x, 0x80);
            assert_eq!(marks, 0);
        }
        assert_eq!(load(b"ab"), u64::from_le_bytes(*b"ab\0\0\0\0\0\0"));
    }
}
