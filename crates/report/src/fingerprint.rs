use vigil_model::Finding;

/// The `partialFingerprints` key. The version lets the recipe change later without old and new
/// hashes being compared as if they meant the same thing.
pub const FINGERPRINT_KEY: &str = "vigil/v1";

/// A finding's identity across runs: the rule, the resource (file and address), the property,
/// and the root that created the instance when that is another unit.
///
/// Lines and columns are left out on purpose, so that editing above a resource does not make
/// code scanning (or a baseline) treat an old finding as a new one. The hash is FNV-1a, written
/// out here because std's hasher is randomized per process and its algorithm may change.
pub fn fingerprint(finding: &Finding) -> String {
    let mut parts: Vec<&str> = vec![
        &finding.rule_id,
        &finding.resource.file,
        &finding.resource.address,
        &finding.property,
    ];
    // The root that created the instance, only when it is not the resource's own unit: so that
    // two environments calling one module keep two fingerprints, while every finding of a
    // resource checked in its own unit keeps the fingerprint it always had.
    if let Some(root) = &finding.resource.root {
        parts.push(root);
    }
    // Two 64-bit lanes with different seeds make a 128-bit value: one lane alone would start
    // colliding at a few billion findings, which a large organisation's history can reach.
    let low = fnv1a64(FNV_OFFSET, &parts);
    let high = fnv1a64(FNV_OFFSET ^ 0x9e37_79b9_7f4a_7c15, &parts);
    format!("{high:016x}{low:016x}")
}

/// A fingerprint made distinct from `base` for the `n`-th finding that shares it, for formats
/// that need one value per finding (GitLab keeps only the first issue of a fingerprint). Stable
/// as long as the findings sharing `base` keep their order, which the caller's sort fixes.
pub(crate) fn nth_fingerprint(base: &str, n: usize) -> String {
    let n = n.to_string();
    let parts: [&str; 2] = [base, &n];
    let low = fnv1a64(FNV_OFFSET, &parts);
    let high = fnv1a64(FNV_OFFSET ^ 0x9e37_79b9_7f4a_7c15, &parts);
    format!("{high:016x}{low:016x}")
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn fnv1a64(seed: u64, parts: &[&str]) -> u64 {
    parts.iter().fold(seed, |hash, part| {
        // A separator byte that cannot occur in UTF-8 text keeps ("ab", "c") and ("a", "bc")
        // apart.
        fnv1a64_bytes(fnv1a64_bytes(hash, part.as_bytes()), &[0xff])
    })
}

fn fnv1a64_bytes(mut hash: u64, bytes: &[u8]) -> u64 {
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(FNV_PRIME);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_published_test_vector() {
        assert_eq!(fnv1a64_bytes(FNV_OFFSET, b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64_bytes(FNV_OFFSET, b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64_bytes(FNV_OFFSET, b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn parts_are_separated() {
        assert_ne!(
            fnv1a64(FNV_OFFSET, &["ab", "c"]),
            fnv1a64(FNV_OFFSET, &["a", "bc"])
        );
    }
}
