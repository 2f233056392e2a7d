//! The checked schema: datasets, their fields and types, resolved from the
//! `dataset` declarations of the rule files. Loaders and the evaluator see
//! only this, never the syntax tree.

use crate::source::Span;

/// Index of a dataset in [`Schema::datasets`].
pub type DatasetId = usize;
/// Index of a field in [`Dataset::fields`].
pub type FieldId = usize;

/// The value types a field may have.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FieldType {
    Text,
    Int,
    Decimal,
    Bool,
    Date,
    DateTime,
    /// A reference to the key of another dataset.
    Ref(DatasetId),
    /// A list of values; in CSV cells items are separated by `;` (or `；`).
    List(Box<FieldType>),
    /// A lifetime: an optional first day and an optional last day.
    /// In a CSV source it is two columns, `<field>_from` and `<field>_to`.
    Lifetime,
}

impl FieldType {
    /// The dataset a ref, or a list of refs, points to.
    pub fn ref_target(&self) -> Option<DatasetId> {
        match self {
            FieldType::Ref(target) => Some(*target),
            FieldType::List(item) => match **item {
                FieldType::Ref(target) => Some(target),
                _ => None,
            },
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub ty: FieldType,
    /// `true` when the value may be missing (`?`).
    pub optional: bool,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Dataset {
    pub name: String,
    pub fields: Vec<Field>,
    /// The field marked `key`: unique, referenced by `ref` fields.
    pub key: Option<FieldId>,
    /// The date or datetime field marked `@time`: it places a record in a period.
    pub time: Option<FieldId>,
    /// The field of type lifetime, if any: the record exists between its bounds.
    pub lifetime: Option<FieldId>,
    /// `true` for datasets the program supplies (the holiday calendar).
    pub builtin: bool,
    pub span: Span,
}

impl Dataset {
    pub fn field(&self, name: &str) -> Option<FieldId> {
        self.fields.iter().position(|f| f.name == name)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Schema {
    pub datasets: Vec<Dataset>,
}

impl Schema {
    pub fn dataset(&self, name: &str) -> Option<DatasetId> {
        self.datasets.iter().position(|d| d.name == name)
    }
}
