//! Interned strings: every distinct text value is stored once and named by a
//! small integer, so that columns compare and hash strings as numbers.

use std::fmt;
use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

/// An interned string. Ordered by interning order, not alphabetically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(pub u32);

/// The store of interned strings. All texts live end to end in one buffer;
/// the hash table holds only ids, hashed by the text they name.
#[derive(Clone, Default)]
pub struct Interner {
    text: String,
    ends: Vec<usize>,
    table: HashTable<u32>,
}

impl Interner {
    pub fn new() -> Self {
        Self::default()
    }

    /// The symbol of `s`, adding it if it is new.
    pub fn intern(&mut self, s: &str) -> Sym {
        let hash = FxBuildHasher.hash_one(s);
        let Interner { text, ends, table } = self;
        if let Some(&id) = table.find(hash, |&id| text_of(text, ends, id) == s) {
            return Sym(id);
        }
        let id = u32::try_from(ends.len()).expect("more than 2^32 distinct strings");
        text.push_str(s);
        ends.push(text.len());
        table.insert_unique(hash, id, |&id| {
            FxBuildHasher.hash_one(text_of(text, ends, id))
        });
        Sym(id)
    }

    /// The symbol of `s` if it has been interned.
    pub fn get(&self, s: &str) -> Option<Sym> {
        let hash = FxBuildHasher.hash_one(s);
        self.table
            .find(hash, |&id| text_of(&self.text, &self.ends, id) == s)
            .map(|&id| Sym(id))
    }

    /// The text of a symbol of this interner.
    ///
    /// # Panics
    /// If `sym` was made by another interner and is out of range.
    pub fn resolve(&self, sym: Sym) -> &str {
        text_of(&self.text, &self.ends, sym.0)
    }

    /// The number of distinct strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

fn text_of<'a>(text: &'a str, ends: &[usize], id: u32) -> &'a str {
    let id = id as usize;
    let start = if id == 0 { 0 } else { ends[id - 1] };
    &text[start..ends[id]]
}

impl fmt::Debug for Interner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Interner")
            .field("strings", &self.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_is_idempotent_and_reversible() {
        let mut interner = Interner::new();
        let a = interner.intern("党支部");
        let b = interner.intern("");
        let c = interner.intern("党支部");
        assert_eq!(a, c);
        assert_ne!(a, b);
        assert_eq!(interner.resolve(a), "党支部");
        assert_eq!(interner.resolve(b), "");
        assert_eq!(interner.get("党支部"), Some(a));
        assert_eq!(interner.get("支部"), None);
        assert_eq!(interner.len(), 2);
    }
}
