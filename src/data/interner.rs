//! Interned strings: every distinct text value is stored once and named by a
//! small integer, so that columns compare and hash strings as numbers.

use std::fmt;
use std::hash::BuildHasher;
use std::num::NonZeroU32;

use hashbrown::hash_table::{self, HashTable};
use rustc_hash::FxBuildHasher;

/// An interned string, numbered from 0 in interning order (and ordered so,
/// not alphabetically). The number is stored plus one, so that an
/// `Option<Sym>`, a text cell, takes no more room than a `Sym`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(NonZeroU32);

impl Sym {
    /// # Panics
    /// If `index` is `u32::MAX`.
    pub fn new(index: u32) -> Sym {
        Sym(plus_one(index, "string"))
    }

    pub fn index(self) -> u32 {
        self.0.get() - 1
    }
}

/// `number + 1`, for numbers kept plus one so that an `Option` of them takes
/// no more room than one of them (`what` names them in the panic).
///
/// # Panics
/// If `number` is `u32::MAX`.
pub(super) fn plus_one(number: u32, what: &str) -> NonZeroU32 {
    match number.checked_add(1).and_then(NonZeroU32::new) {
        Some(stored) => stored,
        None => panic!("{what} number {number} is out of range"),
    }
}

/// The store of interned strings. All texts live end to end in one buffer.
/// The hash table keeps each text's hash next to its symbol, so that growing
/// the table rehashes no text and most mismatches are found without reading
/// one.
#[derive(Clone)]
pub struct Interner {
    text: String,
    ends: Vec<usize>,
    table: HashTable<Entry>,
    /// Strings found again recently, by the high bits of their hash.
    /// Columns repeat few values (kinds, units, people) among many unique
    /// ones; this small table keeps the repeated ones in the processor's
    /// cache where the large table cannot.
    recent: Box<[Recent]>,
}

/// 65,536 slots of 32 bytes: room for the repeated values of a large
/// file (tens of thousands of people), small enough for the cache.
const RECENT_BITS: u32 = 16;
const RECENT_SLOTS: usize = 1 << RECENT_BITS;

impl Default for Interner {
    fn default() -> Self {
        let empty = Recent {
            hash: 0,
            sym: Sym::new(u32::MAX - 1),
            len: Recent::LONG,
            bytes: [0; Recent::INLINE],
        };
        Interner {
            text: String::new(),
            ends: Vec::new(),
            table: HashTable::new(),
            recent: vec![empty; RECENT_SLOTS].into(),
        }
    }
}

#[derive(Clone, Copy)]
struct Entry {
    hash: u64,
    sym: Sym,
}

/// A string found recently: its hash and symbol and, when it is short (as
/// codes and ids are), its bytes, so that a hit is confirmed without
/// reading the interner's text.
#[derive(Clone, Copy)]
struct Recent {
    hash: u64,
    sym: Sym,
    /// The length of `bytes` in use, or `LONG`: compare with the text.
    len: u8,
    bytes: [u8; Recent::INLINE],
}

impl Recent {
    const INLINE: usize = 19;
    const LONG: u8 = u8::MAX;

    fn new(hash: u64, sym: Sym, s: &str) -> Self {
        let mut bytes = [0; Recent::INLINE];
        let len = match bytes.get_mut(..s.len()) {
            Some(inline) => {
                inline.copy_from_slice(s.as_bytes());
                s.len() as u8
            }
            None => Recent::LONG,
        };
        Recent {
            hash,
            sym,
            len,
            bytes,
        }
    }
}

impl Interner {
    pub fn new() -> Self {
        Self::default()
    }

    /// The symbol of `s`, adding it if it is new.
    pub fn intern(&mut self, s: &str) -> Sym {
        let hash = FxBuildHasher.hash_one(s);
        // The high bits: Fx hashes mix the low ones poorly.
        let recent = (hash >> (64 - RECENT_BITS)) as usize;
        let hit = self.recent[recent];
        if hit.hash == hash {
            let same = match hit.bytes.get(..usize::from(hit.len)) {
                Some(inline) => inline == s.as_bytes(),
                None => self.is(Entry { hash, sym: hit.sym }, hash, s),
            };
            if same {
                return hit.sym;
            }
        }
        let (text, ends) = (&self.text, &self.ends);
        let found = self.table.entry(
            hash,
            |entry| entry.hash == hash && text_of(text, ends, entry.sym.index()) == s,
            |entry| entry.hash,
        );
        match found {
            hash_table::Entry::Occupied(entry) => {
                // Only strings seen twice are kept close: a column of
                // unique ids would otherwise push out the repeated values.
                let sym = entry.get().sym;
                self.recent[recent] = Recent::new(hash, sym, s);
                sym
            }
            hash_table::Entry::Vacant(slot) => {
                let sym = Sym::new(
                    u32::try_from(self.ends.len()).expect("more than 2^32 - 1 distinct strings"),
                );
                slot.insert(Entry { hash, sym });
                self.text.push_str(s);
                self.ends.push(self.text.len());
                sym
            }
        }
    }

    /// The symbol of `s` if it has been interned.
    pub fn get(&self, s: &str) -> Option<Sym> {
        self.find(FxBuildHasher.hash_one(s), s)
    }

    fn find(&self, hash: u64, s: &str) -> Option<Sym> {
        self.table
            .find(hash, |entry| self.is(*entry, hash, s))
            .map(|entry| entry.sym)
    }

    /// Whether `entry` is the string `s` of hash `hash`.
    fn is(&self, entry: Entry, hash: u64, s: &str) -> bool {
        entry.hash == hash
            && self.ends.len() > entry.sym.index() as usize
            && text_of(&self.text, &self.ends, entry.sym.index()) == s
    }

    /// Makes room for `additional` more strings, when many are expected.
    pub fn reserve(&mut self, additional: usize) {
        self.ends.reserve(additional);
        self.table.reserve(additional, |entry| entry.hash);
    }

    /// The text of a symbol of this interner.
    ///
    /// # Panics
    /// If `sym` was made by another interner and is out of range.
    pub fn resolve(&self, sym: Sym) -> &str {
        text_of(&self.text, &self.ends, sym.index())
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
