//! A text file's bytes as text, in the encoding the project declares:
//! without a byte-order mark, with `\r\n` line ends made `\n`, and with each
//! byte that is not valid in the encoding replaced by `?` (so that a UTF-8
//! file's byte offsets stay those of the file). The records holding such
//! bytes are rejected; the rest of the file loads.
//!
//! A file whose bytes plainly belong to another encoding than the declared
//! one (a GBK export read as UTF-8, a UTF-8 file declared GBK) is decoded in
//! the encoding it is in, for the diagnostic to show it legibly, and marked
//! as a [`Mismatch`]: loading it would mean guessing, so the file is refused.

use encoding_rs::{DecoderResult, Encoding};
use rayon::prelude::*;

use crate::project::TextEncoding;

/// A run of bytes that are not valid in the file's encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InvalidBytes {
    /// Where the run is in the decoded text, where each byte is one `?`.
    pub start: usize,
    pub len: usize,
    /// Where it is in the file as stored.
    pub file_offset: usize,
    /// 1-based byte of the line, in the file as stored.
    pub byte_in_line: usize,
    /// The bytes, as `0xB0 0xEC`.
    pub hex: String,
}

/// The file is in another encoding than the declared one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mismatch {
    /// The encoding the file was decoded in, which is not the declared one.
    pub actual: TextEncoding,
    /// Where the first character that shows it is, in the decoded text.
    pub at: usize,
    pub len: usize,
    /// For a UTF-8 file declared GBK: what its text from that character on
    /// would read as GBK.
    pub garbled: Option<String>,
}

#[derive(Debug)]
pub(crate) struct Decoded {
    pub text: String,
    /// In file order.
    pub invalid: Vec<InvalidBytes>,
    /// The encoding the text was decoded from: the declared one, unless
    /// there is a [`Mismatch`].
    pub encoding: TextEncoding,
    pub mismatch: Option<Mismatch>,
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const GB18030_BOM: &[u8] = b"\x84\x31\x95\x33";

pub(crate) fn decode(bytes: Vec<u8>, encoding: TextEncoding) -> Decoded {
    match encoding {
        TextEncoding::Utf8 => decode_utf8(bytes),
        TextEncoding::Gbk | TextEncoding::Gb18030 => decode_chinese(bytes, encoding),
    }
}

/// The `encoding_rs` decoder of a Chinese encoding. Its GBK decoder is the
/// GB18030 one, as the Encoding Standard defines it.
fn chinese(encoding: TextEncoding) -> &'static Encoding {
    match encoding {
        TextEncoding::Gb18030 => encoding_rs::GB18030,
        _ => encoding_rs::GBK,
    }
}

fn decode_utf8(bytes: Vec<u8>) -> Decoded {
    let bytes = match utf8_text(bytes) {
        // Valid text needs no invalid byte marked; a byte-order mark and the
        // `\r` of each `\r\n` (as spreadsheet programs write) are removed.
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..UTF8_BOM.len());
            }
            // SAFETY: only ASCII `\r` bytes are removed, which leaves valid
            // UTF-8 valid.
            normalise_line_ends(unsafe { text.as_mut_vec() });
            return Decoded {
                text,
                invalid: Vec::new(),
                encoding: TextEncoding::Utf8,
                mismatch: None,
            };
        }
        Err(bytes) => match as_gbk_instead(&bytes) {
            Some(decoded) => return decoded,
            None => bytes,
        },
    };
    decode_utf8_marking_invalid(bytes)
}

/// Files larger than this are checked for UTF-8 in parallel parts.
const PARALLEL_CHECK_FROM_BYTES: usize = 1 << 20;

/// `bytes` as text if they are valid UTF-8, checked in parallel parts with
/// SIMD (a large Chinese file's check otherwise takes a good part of its
/// load).
fn utf8_text(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    let parts = match bytes.len() >= PARALLEL_CHECK_FROM_BYTES {
        true => rayon::current_num_threads().max(1) * 4,
        false => 1,
    };
    let mut bounds: Vec<usize> = (0..parts).map(|i| bytes.len() / parts * i).collect();
    // Each later part starts at the start of a character: a valid sequence
    // is never cut, so the whole is valid exactly when every part is. The
    // first part starts at byte 0 whatever that byte is, so a stray
    // continuation byte there is checked too.
    for bound in bounds.iter_mut().skip(1) {
        while bytes.get(*bound).is_some_and(|b| b & 0xC0 == 0x80) {
            *bound += 1;
        }
    }
    bounds.push(bytes.len());
    let valid = bounds
        .par_windows(2)
        .all(|part| simdutf8::basic::from_utf8(&bytes[part[0]..part[1].max(part[0])]).is_ok());
    match valid {
        // SAFETY: every byte is in a part checked above, and the parts,
        // cut at character starts, cover the bytes end to end.
        true => Ok(unsafe { String::from_utf8_unchecked(bytes) }),
        false => Err(bytes),
    }
}

/// UTF-8 with every invalid byte made `?`.
fn decode_utf8_marking_invalid(mut bytes: Vec<u8>) -> Decoded {
    let bom_len = if bytes.starts_with(UTF8_BOM) {
        UTF8_BOM.len()
    } else {
        0
    };
    bytes.drain(..bom_len);
    let removed_crs = normalise_line_ends(&mut bytes);
    let mut invalid: Vec<InvalidBytes> = Vec::new();
    let mut checked = 0;
    while let Err(error) = std::str::from_utf8(&bytes[checked..]) {
        let start = checked + error.valid_up_to();
        let len = error.error_len().unwrap_or(bytes.len() - start);
        let hex = hex(&bytes[start..start + len]);
        bytes[start..start + len].fill(b'?');
        checked = start + len;
        // Adjacent invalid sequences (a word in another encoding) are one run.
        if let Some(last) = invalid
            .last_mut()
            .filter(|last| last.start + last.len == start)
        {
            last.len += len;
            last.hex = format!("{} {hex}", last.hex);
            continue;
        }
        let crs_before = removed_crs.partition_point(|&at| at <= start);
        let line_start = memchr::memrchr(b'\n', &bytes[..start]).map_or(0, |at| at + 1);
        let bom = if line_start == 0 { bom_len } else { 0 };
        invalid.push(InvalidBytes {
            start,
            len,
            file_offset: start + crs_before + bom_len,
            byte_in_line: start - line_start + bom + 1,
            hex,
        });
    }
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Decoded {
        text,
        invalid,
        encoding: TextEncoding::Utf8,
        mismatch: None,
    }
}

/// A file that is not UTF-8, decoded as GBK if it plainly is GBK: it decodes
/// without a fault, its characters are nearly all common ones (of GB2312),
/// and most of its non-ASCII bytes are not UTF-8 (a UTF-8 file with a few
/// damaged bytes stays UTF-8).
fn as_gbk_instead(bytes: &[u8]) -> Option<Decoded> {
    if bytes.starts_with(UTF8_BOM) || !mostly_gb2312(bytes) {
        return None;
    }
    let gbk = encoding_rs::GBK
        .decode_without_bom_handling_and_without_replacement(bytes)?
        .into_owned();
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    let as_utf8 = decode_utf8_marking_invalid(bytes.to_vec());
    let invalid: usize = as_utf8.invalid.iter().map(|run| run.len).sum();
    if invalid * 2 < non_ascii {
        return None;
    }
    let mut text = gbk.into_bytes();
    normalise_line_ends(&mut text);
    let text = String::from_utf8(text).ok()?;
    let (at, len) = first_non_ascii(&text)?;
    Some(Decoded {
        text,
        invalid: Vec::new(),
        encoding: TextEncoding::Gbk,
        mismatch: Some(Mismatch {
            actual: TextEncoding::Gbk,
            at,
            len,
            garbled: None,
        }),
    })
}

/// Whether the two-byte characters of `bytes`, read as GBK, are at least two
/// and nearly all of GB2312 (the characters and symbols of everyday text),
/// which bytes of another kind seldom are.
fn mostly_gb2312(bytes: &[u8]) -> bool {
    let (mut pairs, mut common) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        if lead.is_ascii() {
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            // A four-byte GB18030 sequence.
            Some(b'0'..=b'9') => i += 4,
            Some(&trail) => {
                pairs += 1;
                common +=
                    usize::from((0xA1..=0xF7).contains(&lead) && (0xA1..=0xFE).contains(&trail));
                i += 2;
            }
            None => i += 1,
        }
    }
    pairs >= 2 && common * 10 >= pairs * 9
}

fn decode_chinese(bytes: Vec<u8>, encoding: TextEncoding) -> Decoded {
    // A UTF-8 byte-order mark, or valid UTF-8 beyond ASCII, is UTF-8: as GBK
    // it would decode without a fault into other characters.
    let has_utf8_bom = bytes.starts_with(UTF8_BOM);
    if has_utf8_bom || (std::str::from_utf8(&bytes).is_ok() && !bytes.is_ascii()) {
        let mut decoded = decode_utf8_marking_invalid(bytes.clone());
        if let Some((at, len)) = first_non_ascii(&decoded.text) {
            // The rest of the line from that character on, as GBK would read it.
            let bom = if has_utf8_bom { UTF8_BOM.len() } else { 0 };
            let from = bom + bytes[bom..].iter().position(|b| !b.is_ascii()).unwrap_or(0);
            let to = memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |i| from + i);
            let (garbled, _) = chinese(encoding).decode_without_bom_handling(&bytes[from..to]);
            decoded.mismatch = Some(Mismatch {
                actual: TextEncoding::Utf8,
                at,
                len,
                garbled: Some(garbled.trim_end_matches('\r').to_owned()),
            });
            return decoded;
        }
    }
    let bom_len = if bytes.starts_with(GB18030_BOM) {
        GB18030_BOM.len()
    } else {
        0
    };
    let (text, invalid) = decode_marking_invalid(chinese(encoding), &bytes, bom_len);
    let mut text = text.into_bytes();
    let removed_crs = normalise_line_ends(&mut text);
    let invalid = invalid
        .into_iter()
        .map(|mut run| {
            // The i-th `\r` removed was at `removed_crs[i] + i` before.
            run.start -= removed_crs
                .iter()
                .enumerate()
                .take_while(|(i, &at)| at + i < run.start)
                .count();
            run
        })
        .collect();
    Decoded {
        text: String::from_utf8(text).unwrap_or_default(),
        invalid,
        encoding,
        mismatch: None,
    }
}

/// Decodes `bytes` after a byte-order mark of `bom_len` bytes, putting a `?`
/// for each byte of a malformed sequence.
fn decode_marking_invalid(
    encoding: &'static Encoding,
    bytes: &[u8],
    bom_len: usize,
) -> (String, Vec<InvalidBytes>) {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let input = &bytes[bom_len..];
    let mut text = String::with_capacity(input.len() + input.len() / 2 + 16);
    let mut invalid: Vec<InvalidBytes> = Vec::new();
    let mut read = 0;
    loop {
        let (result, consumed) =
            decoder.decode_to_string_without_replacement(&input[read..], &mut text, true);
        read += consumed;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => text.reserve(input.len() - read + 16),
            DecoderResult::Malformed(bad, after) => {
                let end = read - usize::from(after);
                let start = end.saturating_sub(usize::from(bad));
                let file_offset = bom_len + start;
                let run_start = text.len();
                text.extend(std::iter::repeat_n('?', end - start));
                let hex = hex(&input[start..end]);
                if let Some(last) = invalid
                    .last_mut()
                    .filter(|last| last.start + last.len == run_start)
                {
                    last.len += end - start;
                    last.hex = format!("{} {hex}", last.hex);
                    continue;
                }
                let line_start =
                    memchr::memrchr(b'\n', &bytes[..file_offset]).map_or(0, |at| at + 1);
                invalid.push(InvalidBytes {
                    start: run_start,
                    len: end - start,
                    file_offset,
                    byte_in_line: file_offset - line_start + 1,
                    hex,
                });
            }
        }
    }
    (text, invalid)
}

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("0x{b:02X}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The offset and length of the first character beyond ASCII.
fn first_non_ascii(text: &str) -> Option<(usize, usize)> {
    text.char_indices()
        .find(|(_, c)| !c.is_ascii())
        .map(|(at, c)| (at, c.len_utf8()))
}

/// Turns every `\r\n` into `\n` in place; returns the offsets (in the result)
/// of the `\n`s that lost their `\r`.
fn normalise_line_ends(bytes: &mut Vec<u8>) -> Vec<usize> {
    let mut removed = Vec::new();
    let Some(first) = memchr::memmem::find(bytes, b"\r\n") else {
        return removed;
    };
    let (mut read, mut write) = (first, first);
    while read < bytes.len() {
        let next = memchr::memmem::find(&bytes[read + 1..], b"\r\n")
            .map_or(bytes.len(), |at| read + 1 + at);
        // bytes[read] is the '\r' of a "\r\n": skip it, keep the rest up to the next one.
        bytes.copy_within(read + 1..next, write);
        removed.push(write);
        write += next - read - 1;
        read = next;
    }
    bytes.truncate(write);
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gbk(text: &str) -> Vec<u8> {
        encoding_rs::GBK.encode(text).0.into_owned()
    }

    #[test]
    fn bom_crlf_and_invalid_bytes() {
        let decoded = decode(
            b"\xEF\xBB\xBFid,name\r\n1,caf\xE9\r\n2,ok\r\nlast\r".to_vec(),
            TextEncoding::Utf8,
        );
        assert_eq!(decoded.text, "id,name\n1,caf?\n2,ok\nlast\r");
        let expected = InvalidBytes {
            start: 13,
            len: 1,
            file_offset: 17,
            byte_in_line: 6,
            hex: "0xE9".into(),
        };
        assert_eq!(decoded.invalid, [expected]);
        assert_eq!(decoded.mismatch, None);
    }

    #[test]
    fn stray_continuation_bytes_are_invalid_wherever_they_are() {
        for len in [8, PARALLEL_CHECK_FROM_BYTES * 2] {
            // Every fourth byte is an ASCII `a`, where a continuation byte
            // cannot be.
            let valid = "a学".repeat(len / 4).into_bytes();
            assert!(utf8_text(valid.clone()).is_ok());
            let cuts = rayon::current_num_threads().max(1) * 4;
            for at in [0, 4, valid.len() / cuts, valid.len() / 2, valid.len() - 4] {
                let at = at / 4 * 4;
                let mut bytes = valid.clone();
                bytes[at] = 0x80;
                assert!(utf8_text(bytes).is_err(), "stray byte at {at} of {len}");
            }
        }
    }

    #[test]
    fn adjacent_invalid_bytes_are_one_run() {
        let decoded = decode(
            b"a,\xbb\xe1\xd2\xe9,\xE5\xAD\xA6\n".to_vec(),
            TextEncoding::Utf8,
        );
        let expected = InvalidBytes {
            start: 2,
            len: 4,
            file_offset: 2,
            byte_in_line: 3,
            hex: "0xBB 0xE1 0xD2 0xE9".into(),
        };
        assert_eq!(decoded.invalid, [expected]);
    }

    #[test]
    fn truncated_sequence_at_the_end() {
        let decoded = decode(b"a\n\xE4\xB8".to_vec(), TextEncoding::Utf8);
        assert_eq!(decoded.text, "a\n??");
        assert_eq!(decoded.invalid[0].hex, "0xE4 0xB8");
    }

    #[test]
    fn gbk_declared_gbk() {
        let mut bytes = gbk("编号,名称\r\nO1,纪检监察室\r\n");
        let decoded = decode(bytes.clone(), TextEncoding::Gbk);
        assert_eq!(decoded.text, "编号,名称\nO1,纪检监察室\n");
        assert!(decoded.invalid.is_empty() && decoded.mismatch.is_none());

        // A lead byte followed by a comma, and a byte no GBK sequence starts with.
        bytes.splice(14..14, [0x81, b',', 0xFF]);
        let decoded = decode(bytes.clone(), TextEncoding::Gb18030);
        assert_eq!(decoded.text, "编号,名称\nO1,?,?纪检监察室\n");
        let runs: Vec<_> = decoded
            .invalid
            .iter()
            .map(|r| {
                (
                    r.start,
                    r.len,
                    r.file_offset,
                    r.byte_in_line,
                    r.hex.as_str(),
                )
            })
            .collect();
        assert_eq!(runs, [(17, 1, 14, 4, "0x81"), (19, 1, 16, 6, "0xFF")]);
    }

    #[test]
    fn gbk_read_as_utf8_is_recognised() {
        let decoded = decode(gbk("编号,名称\nO1,纪检监察室\n"), TextEncoding::Utf8);
        assert_eq!(decoded.text, "编号,名称\nO1,纪检监察室\n");
        let mismatch = decoded.mismatch.unwrap();
        assert_eq!(
            (mismatch.actual, mismatch.at, mismatch.len),
            (TextEncoding::Gbk, 0, 3)
        );
    }

    #[test]
    fn utf8_with_a_few_bad_bytes_stays_utf8() {
        let decoded = decode(
            "学习,会议,\u{ff}".bytes().chain([0xB0]).collect(),
            TextEncoding::Utf8,
        );
        assert!(decoded.mismatch.is_none());
        assert_eq!(decoded.invalid.len(), 1);
    }

    #[test]
    fn utf8_declared_gbk_is_recognised() {
        let decoded = decode("id,name\nO1,学习\n".as_bytes().to_vec(), TextEncoding::Gbk);
        assert_eq!(decoded.text, "id,name\nO1,学习\n");
        let mismatch = decoded.mismatch.unwrap();
        assert_eq!(
            (mismatch.actual, mismatch.at, mismatch.len),
            (TextEncoding::Utf8, 11, 3)
        );
        assert_eq!(mismatch.garbled.as_deref(), Some("瀛︿範"));
        // ASCII is the same in both.
        let ascii = decode(b"id,name\nO1,x\n".to_vec(), TextEncoding::Gbk);
        assert!(ascii.mismatch.is_none());
    }
}
