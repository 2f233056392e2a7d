//! Writing one cell into its column: the parsing that CSV and JSON Lines
//! share. A cell arrives as trimmed, non-empty text; empty means missing.

use super::interner::Interner;
use super::slots::Bound;
use super::table::{Column, DayCell, RowRef};
use super::value_parse::{
    parse_bool, parse_date, parse_datetime, parse_decimal, parse_int, ValueError,
};

/// A cell that could not be written: the value found (a list item for a list)
/// and why it was refused.
#[derive(Debug, Clone)]
pub(crate) struct CellError {
    /// Which item of a list cell, counting the items kept.
    pub item: Option<usize>,
    pub found: String,
    pub error: ValueError,
}

/// The separators between the items of a list written in one cell. The ASCII
/// `;` and the full-width `；` are interchangeable, since both are typed.
#[derive(Debug, Clone)]
pub(crate) enum ListSeparator {
    /// Any of these characters (the common case), searched for by their
    /// first bytes.
    Chars {
        chars: Vec<char>,
        first_bytes: Vec<u8>,
    },
    Text(String),
}

impl ListSeparator {
    pub fn new(configured: &str) -> Self {
        let mut chars = configured.chars();
        let chars = match (chars.next(), chars.next()) {
            (Some(';' | '；'), None) => vec![';', '；'],
            (Some(c), None) => vec![c],
            (None, _) => Vec::new(),
            _ => return ListSeparator::Text(configured.to_owned()),
        };
        let mut first_bytes: Vec<u8> = chars
            .iter()
            .map(|c| c.encode_utf8(&mut [0; 4]).as_bytes()[0])
            .collect();
        first_bytes.dedup();
        ListSeparator::Chars { chars, first_bytes }
    }

    /// Where the first separator in `text` starts and ends.
    fn find(&self, text: &str) -> Option<(usize, usize)> {
        match self {
            ListSeparator::Chars { chars, first_bytes } => {
                let bytes = text.as_bytes();
                let mut from = 0;
                loop {
                    let rest = &bytes[from..];
                    let at = from
                        + match first_bytes[..] {
                            [a] => memchr::memchr(a, rest),
                            [a, b] => memchr::memchr2(a, b, rest),
                            _ => rest.iter().position(|b| first_bytes.contains(b)),
                        }?;
                    // A first byte found starts a character.
                    let found = text.get(at..)?.chars().next()?;
                    if chars.contains(&found) {
                        return Some((at, at + found.len_utf8()));
                    }
                    from = at + 1;
                }
            }
            ListSeparator::Text(separator) => text
                .find(separator.as_str())
                .map(|at| (at, at + separator.len())),
        }
    }

    /// The trimmed, non-empty items of `cell` with their byte offsets in it.
    /// Empty items (`a;;b`, a trailing `;`) are not values and are skipped.
    pub fn items<'c>(&self, cell: &'c str) -> impl Iterator<Item = (usize, &'c str)> + use<'_, 'c> {
        let mut next_start = 0;
        std::iter::from_fn(move || loop {
            let rest = cell.get(next_start..)?;
            let (end, after) = self.find(rest).unwrap_or((rest.len(), rest.len() + 1));
            let start = next_start;
            next_start += after;
            let raw = &rest[..end];
            let item = raw.trim();
            if !item.is_empty() {
                return Some((start + raw.len() - raw.trim_start().len(), item));
            }
        })
    }
}

/// Parses `text` (trimmed, non-empty) into `column`.
pub(crate) fn push_text(
    column: &mut Column,
    bound: Bound,
    text: &str,
    separator: &ListSeparator,
    interner: &mut Interner,
) -> Result<(), CellError> {
    let whole = |error| CellError {
        item: None,
        found: text.to_owned(),
        error,
    };
    match (column, bound) {
        (Column::Lifetime { from, .. }, Bound::From) => {
            from.push(Some(parse_date(text).map_err(whole)?))
        }
        (Column::Lifetime { to, .. }, Bound::To) => to.push(Some(parse_date(text).map_err(whole)?)),
        (Column::List { offsets, items }, _) => {
            for (index, (_, item)) in separator.items(text).enumerate() {
                push_item(items, item, interner).map_err(|error| CellError {
                    item: Some(index),
                    found: item.to_owned(),
                    error,
                })?;
            }
            offsets.push(items.len() as u32);
        }
        (column, _) => push_item(column, text, interner).map_err(whole)?,
    }
    Ok(())
}

/// Appends a missing value for `bound` of the field.
pub(crate) fn push_missing(column: &mut Column, bound: Bound) {
    match (column, bound) {
        (Column::Lifetime { from, .. }, Bound::From) => from.push(None),
        (Column::Lifetime { to, .. }, Bound::To) => to.push(None),
        (column, _) => column.push_missing(),
    }
}

/// Parses one scalar value into `column`.
pub(crate) fn push_item(
    column: &mut Column,
    text: &str,
    interner: &mut Interner,
) -> Result<(), ValueError> {
    match column {
        Column::Text(values) => values.push(Some(interner.intern(text))),
        Column::Int(values) => values.push(Some(parse_int(text)?)),
        Column::Decimal(values) => values.push(Some(parse_decimal(text)?)),
        Column::Bool(values) => values.push(Some(parse_bool(text)?)),
        Column::Date(values) => values.push(Some(DayCell::new(parse_date(text)?))),
        Column::DateTime(values) => values.push(Some(parse_datetime(text)?)),
        // The key as written, interned; it becomes a row index once every
        // dataset is read (see `resolve`).
        Column::Ref(values) => values.push(Some(RowRef::new(interner.intern(text).index()))),
        Column::UniqueText { text: all, ends } => {
            all.push_str(text);
            ends.push(all.len() as u32);
        }
        Column::List { .. } | Column::Lifetime { .. } => return Err(ValueError::NotAnItem),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_items_skip_empty_ones_and_accept_full_width_separators() {
        let separator = ListSeparator::new(";");
        let items: Vec<_> = separator.items(" P1；P2;;P3 ; ").collect();
        assert_eq!(items, [(1, "P1"), (6, "P2"), (10, "P3")]);
        assert_eq!(separator.items("").count(), 0);
        let pipe = ListSeparator::new("|");
        assert_eq!(
            pipe.items("a;b|c").map(|(_, s)| s).collect::<Vec<_>>(),
            ["a;b", "c"]
        );
    }
}
