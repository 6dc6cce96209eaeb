//! Secret tokens (API tokens, manage links): random, shown once, stored only as SHA-256.

use sha2::{Digest, Sha256};

/// `bytes` random bytes from the operating system's generator, hex-encoded.
#[must_use]
pub fn random_hex(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    rand::fill(buffer.as_mut_slice());
    hex(&buffer)
}

/// SHA-256 of a token, hex: what the database stores.
#[must_use]
pub fn hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_are_random_and_hashes_stable() {
        assert_eq!(super::random_hex(24).len(), 48);
        assert_ne!(super::random_hex(24), super::random_hex(24));
        assert_eq!(
            super::hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
