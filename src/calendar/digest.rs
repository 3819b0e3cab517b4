//! The digest behind data versions: `sha256:` and the first 16 hex digits of a SHA-256.

use sha2::{Digest, Sha256};

/// `sha256:` and the first 16 hex digits of the SHA-256 of some bytes: the data version of a
/// calendar, the digest of a policy.
pub(crate) fn digest(bytes: &[u8]) -> String {
    let hash = Sha256::digest(bytes);
    let mut text = String::from("sha256:");
    for byte in &hash[..8] {
        text.push_str(&format!("{byte:02x}"));
    }
    text
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_digest_is_the_prefix_of_the_sha256() {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        assert_eq!(super::digest(b"abc"), "sha256:ba7816bf8f01cfea");
    }
}
