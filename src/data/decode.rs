//! A data file's bytes as text: without a byte-order mark, with `\r\n` line
//! ends made `\n`, and with every byte that is not UTF-8 replaced by `?` so
//! that byte offsets stay those of the file. The records holding such bytes
//! are rejected; the rest of the file loads.

/// A run of bytes that are not UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InvalidBytes {
    /// Where the run is in the decoded text.
    pub start: usize,
    pub len: usize,
    /// Where it is in the file as stored.
    pub file_offset: usize,
    /// The bytes, as `0xB0 0xEC`.
    pub hex: String,
}

#[derive(Debug)]
pub(crate) struct Decoded {
    pub text: String,
    /// In file order.
    pub invalid: Vec<InvalidBytes>,
    /// 3 when the file starts with a UTF-8 byte-order mark.
    pub bom_len: usize,
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

pub(crate) fn decode(mut bytes: Vec<u8>) -> Decoded {
    let bom_len = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    bytes.drain(..bom_len);
    let removed_crs = normalise_line_ends(&mut bytes);
    let mut invalid = Vec::new();
    let mut checked = 0;
    while let Err(error) = std::str::from_utf8(&bytes[checked..]) {
        let start = checked + error.valid_up_to();
        let len = error.error_len().unwrap_or(bytes.len() - start);
        let hex = bytes[start..start + len]
            .iter()
            .map(|b| format!("0x{b:02X}"))
            .collect::<Vec<_>>()
            .join(" ");
        bytes[start..start + len].fill(b'?');
        checked = start + len;
        // Adjacent invalid sequences (a word in another encoding) are one run.
        if let Some(last) = invalid
            .last_mut()
            .filter(|last: &&mut InvalidBytes| last.start + last.len == start)
        {
            last.len += len;
            last.hex = format!("{} {hex}", last.hex);
            continue;
        }
        let crs_before = removed_crs.partition_point(|&at| at <= start);
        invalid.push(InvalidBytes {
            start,
            len,
            file_offset: start + crs_before + bom_len,
            hex,
        });
    }
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Decoded {
        text,
        invalid,
        bom_len,
    }
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

    #[test]
    fn bom_crlf_and_invalid_bytes() {
        let decoded = decode(b"\xEF\xBB\xBFid,name\r\n1,caf\xE9\r\n2,ok\r\nlast\r".to_vec());
        assert_eq!(decoded.text, "id,name\n1,caf?\n2,ok\nlast\r");
        assert_eq!(decoded.bom_len, 3);
        let expected = InvalidBytes {
            start: 13,
            len: 1,
            file_offset: 17,
            hex: "0xE9".into(),
        };
        assert_eq!(decoded.invalid, [expected]);
    }

    #[test]
    fn adjacent_invalid_bytes_are_one_run() {
        let decoded = decode(b"a,\xbb\xe1\xd2\xe9\n".to_vec());
        let expected = InvalidBytes {
            start: 2,
            len: 4,
            file_offset: 2,
            hex: "0xBB 0xE1 0xD2 0xE9".into(),
        };
        assert_eq!(decoded.invalid, [expected]);
    }

    #[test]
    fn truncated_sequence_at_the_end() {
        let decoded = decode(b"a\n\xE4\xB8".to_vec());
        assert_eq!(decoded.text, "a\n??");
        assert_eq!(decoded.invalid[0].hex, "0xE4 0xB8");
    }
}
