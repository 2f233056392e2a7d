//! Escaping and Markdown tables.

use unicode_width::UnicodeWidthStr;

use crate::textable::{push_padded, Align};

/// Escapes text for HTML element content and attribute values.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for an XML 1.0 attribute value: line breaks and tabs as
/// character references, characters XML cannot hold (most control
/// characters) as `\u{…}`.
pub fn xml_attr(text: &str) -> String {
    xml_escape(text, true)
}

/// Escapes text for XML 1.0 element content; line breaks stay.
pub fn xml(text: &str) -> String {
    xml_escape(text, false)
}

fn xml_escape(text: &str, attr: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' if !attr => out.push(c),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

/// Text for a Markdown table cell or a one-line item: no line breaks, no
/// bare `|`, and the characters that would start emphasis, code, a link
/// or an HTML tag taken literally. `>=` and intraword `_` stay as they are
/// so that the file reads well as plain text too.
pub fn md(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        match c {
            '|' | '\\' | '*' | '`' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '_' if !(word(before) && word(after)) => out.push_str("\\_"),
            '<' if after.is_some_and(|a| a.is_ascii_alphabetic() || "/!?".contains(a)) => {
                out.push_str("\\<")
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A pipe table whose columns line up in a monospaced font even with
/// Chinese cells (widths in terminal columns). Cells are already escaped.
pub fn md_table(header: &[&str], align: &[Align], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.width().max(3)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let line = |cells: &mut dyn Iterator<Item = (usize, String)>| {
        let mut out = String::from("|");
        for (i, cell) in cells {
            let pad = widths[i].saturating_sub(cell.width());
            out.push(' ');
            push_padded(&mut out, &cell, pad, align.get(i).copied());
            out.push_str(" |");
        }
        out.push('\n');
        out
    };
    let mut out = line(&mut header.iter().map(|h| (*h).to_owned()).enumerate());
    out.push('|');
    for (i, w) in widths.iter().enumerate() {
        let dashes = "-".repeat(*w);
        match align.get(i) {
            Some(Align::Right) => out.push_str(&format!(" {}: |", &dashes[1..])),
            _ => out.push_str(&format!(" {dashes} |")),
        }
    }
    out.push('\n');
    for row in rows {
        out.push_str(&line(&mut row.iter().cloned().enumerate()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_line_up_with_chinese_cells() {
        let t = md_table(
            &["unit", "name", "n"],
            &[Align::Left, Align::Left, Align::Right],
            &[
                vec!["D01".into(), "办公室".into(), "1".into()],
                vec!["D02".into(), "Finance".into(), "12".into()],
            ],
        );
        assert_eq!(
            t,
            "| unit | name    |   n |\n\
             | ---- | ------- | --: |\n\
             | D01  | 办公室  |   1 |\n\
             | D02  | Finance |  12 |\n"
        );
    }

    #[test]
    fn escaping() {
        assert_eq!(
            html("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(xml_attr("a\u{1}b\nc"), "a\\u{1}b&#10;c");
        assert_eq!(xml("a<b\nc"), "a&lt;b\nc");
        assert_eq!(md("a|b*c_d\ne >= <b>_x"), "a\\|b\\*c_d e >= \\<b>\\_x");
    }
}
