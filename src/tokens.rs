//! Secret tokens (API tokens, manage links): random, shown once, stored only as SHA-256.

use sha2::{Digest, Sha256};

/// `bytes` random bytes from the operating system's generator, hex-encoded.
#[must_use]
pub fn random_hex(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    rand::fill(buffer.as_mut_slice());
    hex(&buffer)
}

/// `chars` random letters and digits (62 signs, about 5.95 bits each): the short manage
/// links of SMS, which count every character. 16 of them carry 95 random bits.
#[must_use]
pub fn random_short(chars: usize) -> String {
    const SIGNS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut out = String::with_capacity(chars);
    while out.len() < chars {
        let mut byte = [0u8; 1];
        rand::fill(&mut byte);
        // 248 = 4 × 62: bytes above it would favour the first signs.
        if byte[0] < 248 {
            out.push(char::from(SIGNS[usize::from(byte[0] % 62)]));
        }
    }
    out
}

/// A six-digit code, uniformly drawn, for typing by hand.
#[must_use]
pub fn random_code() -> String {
    loop {
        let mut bytes = [0u8; 4];
        rand::fill(&mut bytes);
        let n = u32::from_le_bytes(bytes);
        // The largest multiple of a million below 2^32 keeps every code equally likely.
        if n < 4_294_000_000 {
            return format!("{:06}", n % 1_000_000);
        }
    }
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
        let short = super::random_short(16);
        assert_eq!(short.len(), 16);
        assert!(short.chars().all(|c| c.is_ascii_alphanumeric()), "{short}");
        assert_ne!(super::random_short(16), super::random_short(16));
        let code = super::random_code();
        assert!(
            code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()),
            "{code}"
        );
        assert_eq!(
            super::hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
