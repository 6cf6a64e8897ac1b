//! Bytes → text. UTF-8 with or without a byte-order mark, UTF-16 with a BOM (and without one when
//! the NUL pattern is unmistakable). Invalid sequences are replaced and reported once, with the
//! offset of the first bad byte. Binary files are refused rather than decoded into noise.

use crate::document::Encoding;

/// The decoded text and what happened on the way.
#[derive(Debug)]
pub struct Decoded {
    /// The text, with any byte-order mark removed.
    pub text: String,
    /// The encoding found.
    pub encoding: Encoding,
    /// A warning for lossy decoding, naming the first bad byte offset in the input.
    pub lossy: Option<String>,
}

/// Decodes `bytes`, or explains why they are not text.
/// Takes the bytes by value so that valid UTF-8 (the common case) becomes the text without a copy.
pub fn decode(mut bytes: Vec<u8>) -> Result<Decoded, String> {
    // A byte-order mark says which encoding, not that what follows is text: the binary checks
    // run after it too (a BOM then NUL bytes, or a UTF-16 BOM then an ELF header).
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
        if let Some(kind) = magic(&bytes) {
            return Err(format!(
                "binary file ({kind} after a byte-order mark), not a text report"
            ));
        }
        if let Some(nul) = bytes.iter().position(|&b| b == 0) {
            return Err(format!(
                "binary file (NUL byte at offset {}), not a text report",
                nul + 3
            ));
        }
        return text_or_binary(utf8(bytes, Encoding::Utf8Bom, 3));
    }
    for (bom, big_endian) in [([0xFF, 0xFE], false), ([0xFE, 0xFF], true)] {
        if let Some(rest) = bytes.strip_prefix(&bom) {
            if let Some(kind) = magic(rest) {
                return Err(format!(
                    "binary file ({kind} after a byte-order mark), not a text report"
                ));
            }
            let decoded = utf16(rest, big_endian, 2);
            if decoded.text.contains('\0') {
                return Err(
                    "binary file (NUL characters after a byte-order mark), not a text report"
                        .into(),
                );
            }
            return text_or_binary(decoded);
        }
    }
    if let Some(kind) = magic(&bytes) {
        return Err(format!("binary file ({kind}), not a text report"));
    }
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        if let Some(big_endian) = utf16_without_bom(&bytes) {
            return Ok(utf16(&bytes, big_endian, 0));
        }
        return Err(format!(
            "binary file (NUL byte at offset {nul}), not a text report"
        ));
    }
    text_or_binary(utf8(bytes, Encoding::Utf8, 0))
}

/// The decoded text, unless it is mostly what no text holds.
fn text_or_binary(decoded: Decoded) -> Result<Decoded, String> {
    if mostly_binary(&decoded.text) {
        return Err("binary file (mostly non-text bytes), not a text report".to_string());
    }
    Ok(decoded)
}

fn utf8(bytes: Vec<u8>, encoding: Encoding, offset: usize) -> Decoded {
    match String::from_utf8(bytes) {
        Ok(text) => Decoded {
            text,
            encoding,
            lossy: None,
        },
        Err(e) => {
            let at = e.utf8_error().valid_up_to() + offset;
            Decoded {
                text: String::from_utf8_lossy(e.as_bytes()).into_owned(),
                encoding,
                lossy: Some(format!(
                    "invalid UTF-8 at byte {at}; bad bytes replaced with U+FFFD"
                )),
            }
        }
    }
}

fn utf16(bytes: &[u8], big_endian: bool, offset: usize) -> Decoded {
    let chunks = bytes.chunks_exact(2);
    let odd_tail = chunks.remainder().len() == 1;
    let units = chunks.map(|c| {
        let pair = [c[0], c[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    let mut text = String::with_capacity(bytes.len());
    let mut first_bad: Option<usize> = None;
    let mut unit_index = 0usize;
    for r in char::decode_utf16(units) {
        match r {
            Ok(c) => {
                unit_index += c.len_utf16();
                text.push(c);
            }
            Err(_) => {
                first_bad.get_or_insert(offset + unit_index * 2);
                unit_index += 1;
                text.push('\u{FFFD}');
            }
        }
    }
    if odd_tail {
        // An odd trailing byte cannot form a code unit.
        first_bad.get_or_insert(offset + bytes.len() - 1);
        text.push('\u{FFFD}');
    }
    Decoded {
        text,
        encoding: if big_endian {
            Encoding::Utf16Be
        } else {
            Encoding::Utf16Le
        },
        lossy: first_bad.map(|at| {
            format!(
                "invalid UTF-16 (lone surrogate or odd length) at byte {at}; replaced with U+FFFD"
            )
        }),
    }
}

/// UTF-16 without a BOM: in Latin-script text every other byte is NUL. Returns the byte order.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_nul * 10 >= pairs * 9 && even_nul * 10 <= pairs {
        Some(false)
    } else if even_nul * 10 >= pairs * 9 && odd_nul * 10 <= pairs {
        Some(true)
    } else {
        None
    }
}

/// Names well-known binary formats by their first bytes.
fn magic(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF-", "PDF"),
        (b"\x89PNG", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"PK\x03\x04", "ZIP archive or office document"),
        (b"\x1F\x8B", "gzip archive"),
        (b"\x7FELF", "executable"),
        (b"\xD0\xCF\x11\xE0", "office document"),
    ];
    MAGIC
        .iter()
        .find(|(m, _)| bytes.starts_with(m))
        .map(|(_, k)| *k)
}

/// True when more than a tenth of the characters are replacement or control characters
/// (other than tab, line feed, carriage return, form feed and escape sequences' ESC).
fn mostly_binary(text: &str) -> bool {
    let mut bad = 0usize;
    let mut total = 0usize;
    for c in text.chars().take(1 << 16) {
        total += 1;
        // replacement characters, controls, and the private use area (a tenth of random
        // 16-bit units, as random bytes read as UTF-16 give; almost never in a report)
        if c == '\u{FFFD}'
            || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0C' | '\x1B'))
            || ('\u{E000}'..='\u{F8FF}').contains(&c)
        {
            bad += 1;
        }
    }
    total >= 16 && bad * 10 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> Result<Decoded, String> {
        super::decode(bytes.to_vec())
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode(b"\xEF\xBB\xBFhello").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("hello", Encoding::Utf8Bom));
        assert_eq!(decode(b"hello").unwrap().encoding, Encoding::Utf8);
    }

    #[test]
    fn invalid_utf8_is_lossy_with_offset() {
        let d = decode(b"caf\xE9 au lait").unwrap();
        assert_eq!(d.text, "caf\u{FFFD} au lait");
        assert!(d.lossy.unwrap().contains("byte 3"));
        let d = decode(b"\xEF\xBB\xBFab\xFF").unwrap();
        assert!(d.lossy.unwrap().contains("byte 5"), "offset counts the BOM");
    }

    #[test]
    fn utf16_both_orders_and_lone_surrogates() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Hé".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le).unwrap().text, "Hé");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Hé".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be).unwrap().encoding, Encoding::Utf16Be);
        let lone = [0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0];
        let d = decode(&lone).unwrap();
        assert_eq!(d.text, "a\u{FFFD}b");
        assert!(d.lossy.unwrap().contains("byte 4"));
        let no_bom: Vec<u8> = "Hello, world"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(decode(&no_bom).unwrap().text, "Hello, world");
    }

    #[test]
    fn a_byte_order_mark_does_not_make_binary_text() {
        // a UTF-8 BOM then NUL bytes; a UTF-16 BOM then an ELF header; a UTF-16 BOM then
        // random bytes (a fixed sequence from a linear congruential generator)
        let mut nul = vec![0xEF, 0xBB, 0xBF];
        nul.extend_from_slice(b"Hello\0\0\0binary");
        assert!(decode(&nul).unwrap_err().contains("NUL"));
        let mut elf = vec![0xFF, 0xFE];
        elf.extend_from_slice(b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0");
        assert!(decode(&elf).is_err());
        let mut x: u32 = 12345;
        let mut random = vec![0xFF, 0xFE];
        random.extend((0..4000).map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 16) as u8
        }));
        assert!(decode(&random).is_err());
        // real text after a BOM still reads
        let mut utf16: Vec<u8> = vec![0xFF, 0xFE];
        utf16.extend(
            "The minister resigned on Monday."
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        assert_eq!(
            decode(&utf16).unwrap().text,
            "The minister resigned on Monday."
        );
    }

    #[test]
    fn binary_is_refused() {
        assert!(decode(b"abc\0def\x01\x02\x03")
            .unwrap_err()
            .contains("NUL byte at offset 3"));
        assert!(decode(b"%PDF-1.7 ...").unwrap_err().contains("PDF"));
        let noise: Vec<u8> = (0..200u8)
            .map(|i| if i % 3 == 0 { 0x01 } else { b'a' })
            .collect();
        assert!(decode(&noise).unwrap_err().contains("mostly non-text"));
    }
}
