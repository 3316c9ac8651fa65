//! Fresh ids for snapshots and requests, without a uuid or rand crate.
//!
//! They only have to look like the service's and never repeat within one run: a counter keeps
//! them apart, the clock keeps two runs apart, and a mixing function makes them look random.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Milliseconds since the Unix epoch, now.
pub fn now_millis() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

fn now_nanos() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0)
}

/// SplitMix64's finaliser: scatters the bits of a clock reading.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

const LOW_BITS: u64 = (1 << 62) - 1;

/// A bijection on 62 bits (odd multipliers and right xor-shifts are invertible modulo 2^62), so
/// distinct counters give distinct results even after a UUID's variant bits take the top two.
fn scatter62(n: u64) -> u64 {
    let mut z = n.wrapping_mul(0x9E37_79B9_7F4A_7C15) & LOW_BITS;
    z ^= z >> 29;
    z = z.wrapping_mul(0xBF58_476D_1CE4_E5B9) & LOW_BITS;
    z ^ (z >> 31)
}

/// 128 bits whose low 62 differ from every earlier call in this process.
fn fresh() -> u128 {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let high = mix(now_nanos() ^ mix(n));
    // Xor with a constant keeps the bijection and keeps the first id from ending in zeros.
    (u128::from(high) << 64) | u128::from(scatter62(n ^ 0x2545_F491_4F6C_DD1D))
}

/// A snapshot id: 8-4-4-4-12 lowercase hex, marked as a version 4 UUID like the service's.
pub fn snapshot_id() -> String {
    // Version nibble 4 and variant bits 10, as in a random UUID.
    let v = (fresh() & !(0xF << 76)) | (0x4 << 76) | (0x2 << 62);
    let h = format!("{v:032x}");
    format!("{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..])
}

/// A request id: 32 lowercase hex, as the gateway sends in `X-Request-Id`.
pub fn request_id() -> String {
    format!("{:032x}", fresh())
}

#[cfg(test)]
mod tests {
    use super::*;
    use css_snapshot_form::rules::looks_like_uuid;
    use std::collections::HashSet;

    #[test]
    fn snapshot_ids_look_like_uuids_and_do_not_repeat() {
        let ids: HashSet<String> = (0..10_000).map(|_| snapshot_id()).collect();
        assert_eq!(ids.len(), 10_000);
        for id in ids.iter().take(100) {
            assert!(looks_like_uuid(id), "{id}");
            assert_eq!(id.to_lowercase(), *id);
            assert_eq!(&id[14..15], "4", "{id}");
        }
    }

    #[test]
    fn request_ids_are_32_hex() {
        let a = request_id();
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert_ne!(a, request_id());
        for _ in 0..1000 {
            assert!(!request_id().ends_with("00000000"));
        }
    }
}
