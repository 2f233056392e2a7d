//! A small pretty-printer in the style of Wadler's "prettier printer": a
//! document of texts, possible line breaks and groups; a group is laid out
//! on one line when it fits in the width, and otherwise every break of the
//! group (not of the groups inside it) becomes a new line. Widths count
//! display columns, so that a Chinese character counts two.

use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone)]
pub enum Doc {
    /// Text without line breaks.
    Text(String),
    /// A space on one line, or a line break to the current indentation.
    Line,
    /// Laid out on one line if it fits, else with its own breaks broken.
    Group(Vec<Doc>),
    /// Sets the indentation of the breaks inside to the current column.
    Align(Vec<Doc>),
    Concat(Vec<Doc>),
}

pub fn text(s: impl Into<String>) -> Doc {
    Doc::Text(s.into())
}

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Flat,
    Break,
}

/// Lays `doc` out in `max` columns, its first line starting at column
/// `start`. Lines after the first carry their indentation.
pub fn render(doc: &Doc, max: usize, start: usize) -> String {
    let mut out = String::new();
    let mut column = start;
    let mut stack: Vec<(usize, Mode, &Doc)> = vec![(start, Mode::Break, doc)];
    while let Some((indent, mode, doc)) = stack.pop() {
        match doc {
            Doc::Text(s) => {
                out.push_str(s);
                column += width(s);
            }
            Doc::Line => match mode {
                Mode::Flat => {
                    out.push(' ');
                    column += 1;
                }
                Mode::Break => {
                    out.push('\n');
                    out.extend(std::iter::repeat_n(' ', indent));
                    column = indent;
                }
            },
            Doc::Group(parts) => {
                let mode = match mode {
                    Mode::Flat => Mode::Flat,
                    Mode::Break => {
                        let room = max as isize - column as isize;
                        if fits(parts, &stack, room) {
                            Mode::Flat
                        } else {
                            Mode::Break
                        }
                    }
                };
                stack.extend(parts.iter().rev().map(|d| (indent, mode, d)));
            }
            Doc::Align(parts) => {
                stack.extend(parts.iter().rev().map(|d| (column, mode, d)));
            }
            Doc::Concat(parts) => {
                stack.extend(parts.iter().rev().map(|d| (indent, mode, d)));
            }
        }
    }
    out
}

/// Whether `parts` laid out flat, and what follows them up to the next
/// break, fit in `room` columns.
fn fits(parts: &[Doc], rest: &[(usize, Mode, &Doc)], mut room: isize) -> bool {
    let mut local: Vec<(Mode, &Doc)> = parts.iter().rev().map(|d| (Mode::Flat, d)).collect();
    let mut rest = rest.iter().rev();
    loop {
        if room < 0 {
            return false;
        }
        let (mode, doc) = match local.pop() {
            Some(next) => next,
            None => match rest.next() {
                Some(&(_, mode, doc)) => (mode, doc),
                None => return true,
            },
        };
        match doc {
            Doc::Text(s) => room -= width(s) as isize,
            Doc::Line => match mode {
                Mode::Flat => room -= 1,
                Mode::Break => return true,
            },
            Doc::Group(parts) | Doc::Align(parts) | Doc::Concat(parts) => {
                local.extend(parts.iter().rev().map(|d| (mode, d)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(words: &[&str]) -> Doc {
        let mut parts = vec![text(words[0])];
        for w in &words[1..] {
            parts.push(Doc::Line);
            parts.push(text(format!("and {w}")));
        }
        Doc::Group(vec![Doc::Align(parts)])
    }

    #[test]
    fn a_group_breaks_only_when_it_does_not_fit() {
        let doc = Doc::Concat(vec![text("require "), chain(&["aaaa", "bbbb", "cccc"])]);
        assert_eq!(render(&doc, 80, 2), "require aaaa and bbbb and cccc");
        assert_eq!(
            render(&doc, 20, 2),
            "require aaaa\n          and bbbb\n          and cccc"
        );
    }

    #[test]
    fn wide_characters_count_two_columns() {
        let doc = chain(&["党风廉政", "专题会议"]);
        assert_eq!(render(&doc, 21, 0), "党风廉政 and 专题会议");
        assert_eq!(render(&doc, 20, 0), "党风廉政\nand 专题会议");
    }
}
