//! The comments of a rule file, found by a scan that skips strings as the
//! grammar does, with what the formatter needs to place them again.

use super::doc::width;
use crate::syntax::StringLiterals;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// Byte offset of the `#`.
    pub start: usize,
    /// Byte offset of the end of the line (trailing spaces excluded).
    pub end: usize,
    /// From `#` to the end of the line, trailing spaces removed.
    pub text: String,
    /// 0-based line.
    pub line: usize,
    /// The display column of the `#`.
    pub column: usize,
    /// Code precedes it on its line.
    pub trailing: bool,
}

/// Every comment of `text`, in order.
pub fn scan(text: &str) -> Vec<Comment> {
    let mut comments = Vec::new();
    let mut strings = StringLiterals::default();
    let mut line = 0;
    let mut line_start = 0;
    let mut code_on_line = false;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\n' {
            line += 1;
            line_start = i + 1;
            code_on_line = false;
            // A string literal holds no unescaped line break: one left
            // open ends with its line.
            strings = StringLiterals::default();
            continue;
        }
        if strings.step(c) {
            code_on_line = true;
            continue;
        }
        match c {
            '#' => {
                let rest = &text[i..];
                let len = rest.find('\n').unwrap_or(rest.len());
                let body = rest[..len].trim_end();
                comments.push(Comment {
                    start: i,
                    end: i + body.len(),
                    text: body.to_owned(),
                    line,
                    column: width(&text[line_start..i]),
                    trailing: code_on_line,
                });
                while chars.peek().is_some_and(|&(j, _)| j < i + len) {
                    chars.next();
                }
            }
            c if c.is_whitespace() => {}
            _ => code_on_line = true,
        }
    }
    comments
}

/// Line starts, to find the line of an offset.
pub struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { starts }
    }

    /// The 0-based line of a byte offset.
    pub fn of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }
}

/// Whether a line holding nothing but spaces lies between `from` and `to`.
pub fn blank_line_between(text: &str, from: usize, to: usize) -> bool {
    let Some(between) = text.get(from.min(to)..to) else {
        return false;
    };
    let mut lines = between.split('\n');
    // The first piece ends the line of `from`, the last begins that of `to`.
    lines.next();
    let mut middle: Vec<&str> = lines.collect();
    middle.pop();
    middle.iter().any(|l| l.chars().all(char::is_whitespace))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_in_strings_are_not_comments() {
        let text = "rule A \"#1\" {  # head\n  # own line\n  cite \"x#\"\n}\n";
        let found = scan(text);
        let texts: Vec<&str> = found.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["# head", "# own line"]);
        assert!(found[0].trailing);
        assert!(!found[1].trailing);
        assert_eq!(found[1].line, 1);
        assert_eq!(found[1].column, 2);
    }

    #[test]
    fn blank_lines_are_found_between_offsets() {
        let text = "a\n\n  \nb\nc";
        assert!(blank_line_between(text, 1, 6));
        assert!(!blank_line_between(text, 7, 9));
    }
}
