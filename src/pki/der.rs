//! A minimal DER writer: just the ASN.1 types a PKCS#10 request needs.
//!
//! We write CSRs ourselves rather than through rcgen because Kubernetes maps
//! every `O` RDN to a group and rcgen's distinguished name keeps one value per
//! attribute type; it also fixes the criticality of KeyUsage, which
//! `--critical` has to control.

/// Encodes one TLV with the given tag byte.
pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len() + 6);
    out.push(tag);
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

pub fn sequence(items: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x30, &items.concat())
}

/// A SET OF: DER requires the encodings sorted as octet strings.
pub fn set_of(items: &[Vec<u8>]) -> Vec<u8> {
    let mut sorted: Vec<&Vec<u8>> = items.iter().collect();
    sorted.sort();
    let content: Vec<u8> = sorted.into_iter().flatten().copied().collect();
    tlv(0x31, &content)
}

pub fn integer_small(v: u8) -> Vec<u8> {
    if v & 0x80 != 0 {
        tlv(0x02, &[0, v])
    } else {
        tlv(0x02, &[v])
    }
}

pub fn boolean(v: bool) -> Vec<u8> {
    tlv(0x01, &[if v { 0xff } else { 0x00 }])
}

pub fn null() -> Vec<u8> {
    vec![0x05, 0x00]
}

pub fn octet_string(v: &[u8]) -> Vec<u8> {
    tlv(0x04, v)
}

/// A BIT STRING holding whole bytes (signatures).
pub fn bit_string(bytes: &[u8]) -> Vec<u8> {
    let mut content = Vec::with_capacity(bytes.len() + 1);
    content.push(0);
    content.extend_from_slice(bytes);
    tlv(0x03, &content)
}

/// A named-bit BIT STRING (KeyUsage): bit 0 is the most significant bit of the
/// first byte, and DER drops trailing zero bits.
pub fn named_bits(bits: &[usize]) -> Vec<u8> {
    let Some(&max) = bits.iter().max() else {
        return tlv(0x03, &[0]);
    };
    let mut bytes = vec![0u8; max / 8 + 1];
    for &b in bits {
        bytes[b / 8] |= 0x80 >> (b % 8);
    }
    let unused = 7 - (max % 8);
    let mut content = vec![unused as u8];
    content.extend_from_slice(&bytes);
    tlv(0x03, &content)
}

pub fn utf8_string(s: &str) -> Vec<u8> {
    tlv(0x0c, s.as_bytes())
}

pub fn printable_string(s: &str) -> Vec<u8> {
    tlv(0x13, s.as_bytes())
}

pub fn oid(arcs: &[u64]) -> Vec<u8> {
    let mut content = Vec::new();
    push_base128(&mut content, arcs[0] * 40 + arcs[1]);
    for &arc in &arcs[2..] {
        push_base128(&mut content, arc);
    }
    tlv(0x06, &content)
}

fn push_base128(out: &mut Vec<u8>, mut v: u64) {
    let mut tmp = [0u8; 10];
    let mut i = tmp.len();
    loop {
        i -= 1;
        tmp[i] = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            break;
        }
    }
    let last = tmp.len() - 1;
    for (j, b) in tmp.iter().enumerate().skip(i) {
        out.push(if j == last { *b } else { *b | 0x80 });
    }
}

/// `[n] IMPLICIT` primitive context tag around raw content.
pub fn context_primitive(n: u8, content: &[u8]) -> Vec<u8> {
    tlv(0x80 | n, content)
}

/// `[n] IMPLICIT` constructed context tag around raw content.
pub fn context_constructed(n: u8, content: &[u8]) -> Vec<u8> {
    tlv(0xa0 | n, content)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oid_encodes_multi_byte_arcs() {
        // 1.2.840.113549.1.1.11 (sha256WithRSAEncryption)
        assert_eq!(
            oid(&[1, 2, 840, 113549, 1, 1, 11]),
            vec![
                0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b
            ]
        );
    }

    #[test]
    fn long_lengths_use_long_form() {
        let v = tlv(0x04, &[0u8; 300]);
        assert_eq!(&v[..4], &[0x04, 0x82, 0x01, 0x2c]);
        assert_eq!(v.len(), 304);
    }

    #[test]
    fn named_bits_drop_trailing_zeros() {
        // digitalSignature(0) + keyEncipherment(2) => 0b101 with 5 unused bits
        assert_eq!(named_bits(&[0, 2]), vec![0x03, 0x02, 0x05, 0xa0]);
        // decipherOnly(8) needs a second byte
        assert_eq!(named_bits(&[0, 8]), vec![0x03, 0x03, 0x07, 0x80, 0x80]);
    }

    #[test]
    fn set_of_is_sorted() {
        let a = utf8_string("b");
        let b = utf8_string("a");
        assert_eq!(set_of(&[a.clone(), b.clone()]), set_of(&[b, a]));
    }
}
