//! Plain-text tables whose columns line up when cells hold Chinese text:
//! widths are measured in terminal columns, not characters.

use unicode_width::UnicodeWidthStr;

/// Alignment of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// Writes `cell` with `pad` spaces on the side its alignment leaves free
/// (left-aligned when none is given).
pub fn push_padded(out: &mut String, cell: &str, pad: usize, align: Option<Align>) {
    let spaces = std::iter::repeat_n(' ', pad);
    match align.unwrap_or(Align::Left) {
        Align::Left => {
            out.push_str(cell);
            out.extend(spaces);
        }
        Align::Right => {
            out.extend(spaces);
            out.push_str(cell);
        }
    }
}

/// Renders a header and rows, columns separated by two spaces, with no
/// trailing spaces.
pub fn render(header: &[&str], align: &[Align], rows: &[Vec<String>]) -> String {
    let columns = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(columns) {
            widths[i] = widths[i].max(cell.width());
        }
    }
    let mut out = String::new();
    let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    for row in std::iter::once(&header).chain(rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate().take(columns) {
            let pad = widths[i] - cell.width();
            if i > 0 {
                line.push_str("  ");
            }
            push_padded(&mut line, cell, pad, align.get(i).copied());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_cells_line_up() {
        let rows = vec![
            vec!["D01".to_owned(), "办公室".to_owned(), "1".to_owned()],
            vec!["D02".to_owned(), "Finance".to_owned(), "12".to_owned()],
        ];
        let out = render(
            &["unit", "name", "n"],
            &[Align::Left, Align::Left, Align::Right],
            &rows,
        );
        assert_eq!(
            out,
            "unit  name      n\nD01   办公室    1\nD02   Finance  12\n"
        );
    }
}
