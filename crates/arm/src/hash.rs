//! The two hashes of the ARM template language, bit for bit as Azure Resource Manager computes
//! them: `uniqueString` and `guid`.
//!
//! Both join their arguments with `-` and hash the UTF-8 bytes of the result, so
//! `uniqueString('a', 'b')` and `uniqueString('a-b')` are the same string (ARM documents the
//! join for `guid`; the vectors below show it for both).
//!
//! - `uniqueString` is a 64-bit MurmurHash variant with seed 0 (two 32-bit lanes mixed as
//!   MurmurHash3's x86 128-bit body does, finished with MurmurHash3's 32-bit `fmix`), written
//!   as 13 characters of lower-case base 32 taken from the top bit down. It is not
//!   MurmurHash64A, which some reimplementations use and which gives other strings.
//! - `guid` is an RFC 4122 §4.3 name-based UUID, version 5 (SHA-1), under ARM's own namespace
//!   `11fb06fb-712d-4ddd-98c7-e71bbd588830`, printed in lower case.

use sha1::{Digest, Sha1};

/// ARM's namespace for `guid`, in network byte order as RFC 4122 hashes it.
const GUID_NAMESPACE: [u8; 16] = [
    0x11, 0xfb, 0x06, 0xfb, 0x71, 0x2d, 0x4d, 0xdd, 0x98, 0xc7, 0xe7, 0x1b, 0xbd, 0x58, 0x88, 0x30,
];

/// The 32 characters `uniqueString` writes, each standing for 5 bits.
const BASE32: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

/// `uniqueString(parts...)`: 13 characters from `[a-z2-7]`.
pub fn unique_string(parts: &[&str]) -> String {
    let mut hash = murmur64(parts.join("-").as_bytes());
    // 13 × 5 = 65 bits: the last character holds the lowest 4 bits and a zero.
    let mut out = String::with_capacity(13);
    for _ in 0..13 {
        out.push(char::from(BASE32[(hash >> 59) as usize]));
        hash <<= 5;
    }
    out
}

/// `guid(parts...)`: a version-5 UUID such as `228d27cc-6fdb-5934-b7ac-1efccebade04`.
pub fn guid(parts: &[&str]) -> String {
    let mut sha = Sha1::new();
    sha.update(GUID_NAMESPACE);
    sha.update(parts.join("-").as_bytes());
    let digest = sha.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let mut out = String::with_capacity(36);
    for (i, byte) in b.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    out
}

const HEX: &[u8; 16] = b"0123456789abcdef";

const C1: u32 = 0x239b_961b;
const C2: u32 = 0xab0e_9789;

fn mix_k1(k: u32) -> u32 {
    k.wrapping_mul(C1).rotate_left(15).wrapping_mul(C2)
}

fn mix_k2(k: u32) -> u32 {
    k.wrapping_mul(C2).rotate_left(17).wrapping_mul(C1)
}

/// MurmurHash3's 32-bit finalizer.
fn fmix(mut h: u32) -> u32 {
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^= h >> 16;
    h
}

/// Little-endian, as the hash reads its blocks; `bytes` holds at most 4.
fn le32(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .rev()
        .fold(0u32, |acc, &b| (acc << 8) | u32::from(b))
}

/// The 64-bit MurmurHash variant behind `uniqueString`: 8-byte blocks in two 32-bit lanes,
/// the high half of the result from the second lane.
fn murmur64(data: &[u8]) -> u64 {
    let (mut h1, mut h2) = (0u32, 0u32);
    let mut blocks = data.chunks_exact(8);
    for block in &mut blocks {
        h1 ^= mix_k1(le32(&block[..4]));
        h1 = h1
            .rotate_left(19)
            .wrapping_add(h2)
            .wrapping_mul(5)
            .wrapping_add(0x561c_cd1b);
        h2 ^= mix_k2(le32(&block[4..]));
        h2 = h2
            .rotate_left(13)
            .wrapping_add(h1)
            .wrapping_mul(5)
            .wrapping_add(0x0bca_a747);
    }
    let tail = blocks.remainder();
    if !tail.is_empty() {
        let (first, second) = tail.split_at(tail.len().min(4));
        h1 ^= mix_k1(le32(first));
        if !second.is_empty() {
            h2 ^= mix_k2(le32(second));
        }
    }
    // The length enters as .NET's 32-bit count of bytes: truncation is the reference's own.
    let len = data.len() as u32;
    h1 ^= len;
    h2 ^= len;
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    h1 = fmix(h1);
    h2 = fmix(h2);
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    (u64::from(h2) << 32) | u64::from(h1)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Every expected value below was printed by Azure itself or by Microsoft's own template
    // engine (Azure.Deployments.Expression / Azure.Deployments.Engine, the libraries Resource
    // Manager and Bicep evaluate templates with), never by a reimplementation. The comment
    // above each names where.

    // Azure/bicep files are cited at commit 9beb0fee60ca53458f41492b699af440367b240b.

    #[test]
    fn unique_string_matches_azure() {
        let cases: &[(&[&str], &str)] = &[
            // Outputs of a real deployment (New-AzResourceGroupDeployment), recorded in
            // https://github.com/KingslandConsulting/Kingsland.ArmLinter/blob/be4e531e0a2d8b811b7c582beaab6ab235495186/src/Kingsland.ArmLinter/Functions/ArmStringFunctions.cs
            (&["aaa"], "zavj67f3en4hc"),
            (&["bbb"], "w5eragfxe33cy"),
            (&["zzz"], "cryksdzzzawae"),
            (&["xxx", "yyy", "zzz"], "lghi7k5js7itq"),
            // Bicep's .bicepparam baseline, evaluated by the ARM expression engine:
            // https://github.com/Azure/bicep/blob/9beb0fee60ca53458f41492b699af440367b240b/src/Bicep.Core.Samples/Files/baselines_bicepparam/Expressions/parameters.json
            (&["asd", "asdf", "asdf"], "iizpqit7ih3cc"),
            // Bicep folds literal calls with the ARM engine; a row of its expectations:
            // https://github.com/Azure/bicep/blob/9beb0fee60ca53458f41492b699af440367b240b/src/Bicep.Core.UnitTests/TypeSystem/FunctionResolverTests.cs
            (&["snap", "crackle", "pop"], "byghxckddilkc"),
            // `bicep snapshot` (the deployment engine's preflight expansion) naming a storage
            // account 'store${uniqueString(resourceGroup().id)}', all-zero subscription,
            // group myRg: the predicted name is storejs26ofeqkqeve.
            // https://github.com/Azure/bicep/blob/9beb0fee60ca53458f41492b699af440367b240b/src/Bicep.Cli.IntegrationTests/SnapshotCommandTests.cs
            (
                &["/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myRg"],
                "js26ofeqkqeve",
            ),
            // The same template through the JSON-RPC snapshot: storepwt7yebfrftwu.
            // https://github.com/Azure/bicep/blob/9beb0fee60ca53458f41492b699af440367b240b/src/Bicep.Cli.IntegrationTests/JsonRpcCommandTests.cs
            (
                &["/subscriptions/11068ed9-6c31-4a47-8183-4eca6d84bb32/resourceGroups/myRg"],
                "pwt7yebfrftwu",
            ),
            // A PowerShell module that calls Azure.Deployments.Expression, its documented example:
            // https://github.com/SimonWahlin/AzExpression/blob/e956918e660bd6b76d8d742e42d7fccb05168d02/docs/en-US/New-AzUniqueString.md
            (&["test", "value"], "bhxq2thzm5dym"),
            // A test of Azure.Deployments.Expression's uniqueString on a VM's id:
            // https://github.com/microsoft/commercial-marketplace-offer-deploy/blob/93be226fd091671c24d8ffdc1beb7139531ce3fc/tests/UnitTests/ArmFunctionsTests.cs
            (
                &["/subscriptions/31e9f9a0-9fd2-4294-a0a3-0101246d9700/resourceGroups/rg-modm201-20230913120256/providers/Microsoft.Compute/virtualMachines/bobjacmodm201"],
                "yvjxno3je5on2",
            ),
        ];
        for (parts, want) in cases {
            assert_eq!(unique_string(parts), *want, "uniqueString{parts:?}");
        }
    }

    #[test]
    fn guid_matches_azure() {
        let cases: &[(&[&str], &str)] = &[
            // https://github.com/Azure/bicep/blob/9beb0fee60ca53458f41492b699af440367b240b/src/Bicep.Core.Samples/Files/baselines_bicepparam/Expressions/parameters.json
            (&["asdf"], "228d27cc-6fdb-5934-b7ac-1efccebade04"),
            // https://github.com/Azure/bicep/blob/9beb0fee60ca53458f41492b699af440367b240b/src/Bicep.Core.UnitTests/TypeSystem/FunctionResolverTests.cs
            (
                &["foo", "bar", "baz"],
                "2ed86837-7c7c-5eaa-9864-dd077fd19b0d",
            ),
            // https://github.com/SimonWahlin/AzExpression/blob/20e9a8e5cc48936efa10a3277b559e06e705070e/docs/en-US/New-AzGuid.md
            (&["test", "value"], "95b33d6a-06a0-5961-9b94-a0f6c648352b"),
        ];
        for (parts, want) in cases {
            assert_eq!(guid(parts), *want, "guid{parts:?}");
        }
    }

    #[test]
    fn arguments_are_joined_with_a_dash() {
        assert_eq!(unique_string(&["a", "b"]), unique_string(&["a-b"]));
        assert_eq!(guid(&["a", "b"]), guid(&["a-b"]));
        assert_ne!(unique_string(&["ab"]), unique_string(&["a", "b"]));
    }

    #[test]
    fn every_tail_length_is_hashed() {
        // Lengths 0 to 17 cover every tail (none, 1 to 3 bytes in one lane, 4 to 7 across
        // both) after zero, one and two blocks; no two may collide on such short inputs.
        let text = "abcdefghijklmnopq";
        let mut seen: Vec<String> = Vec::new();
        for n in 0..=text.len() {
            let s = unique_string(&[&text[..n]]);
            assert_eq!(s.len(), 13);
            assert!(s.bytes().all(|b| BASE32.contains(&b)), "{s}");
            assert!(!seen.contains(&s), "{n}: {s}");
            seen.push(s);
        }
    }
}
