//! Built-in datasets filled by the program rather than read from files: the
//! official holiday calendar as the `holidays` dataset.

use chrono::Datelike;

use crate::calendar::Calendar;
use crate::data::{Column, Database, DayCell, Origin, Table};
use crate::schema::Schema;

/// Fills the `holidays` table from `calendar`, if the schema declares it.
/// Each record's origin line is its holiday's position in the calendar.
pub fn fill_holidays(schema: &Schema, db: &mut Database, calendar: &Calendar) {
    let Some(id) = schema.dataset("holidays") else {
        return;
    };
    let dataset = &schema.datasets[id];
    let mut columns = Vec::with_capacity(dataset.fields.len());
    let holidays = calendar.holidays();
    for field in &dataset.fields {
        let column = match field.name.as_str() {
            "id" => Column::Text(
                holidays
                    .iter()
                    .map(|h| Some(db.interner.intern(&format!("{}-{}", h.year, h.name))))
                    .collect(),
            ),
            "name" => Column::Text(
                holidays
                    .iter()
                    .map(|h| Some(db.interner.intern(&h.name)))
                    .collect(),
            ),
            "year" => Column::Int(holidays.iter().map(|h| Some(i64::from(h.year))).collect()),
            "start" => Column::Date(
                holidays
                    .iter()
                    .map(|h| Some(DayCell::new(h.first.num_days_from_ce())))
                    .collect(),
            ),
            "end" => Column::Date(
                holidays
                    .iter()
                    .map(|h| Some(DayCell::new(h.last.num_days_from_ce())))
                    .collect(),
            ),
            _ => {
                let mut offsets = vec![0u32];
                let mut items = Vec::new();
                for h in holidays {
                    items.extend(
                        h.adjusted_workdays
                            .iter()
                            .map(|d| Some(DayCell::new(d.num_days_from_ce()))),
                    );
                    offsets.push(items.len() as u32);
                }
                Column::List {
                    offsets,
                    items: Box::new(Column::Date(items)),
                }
            }
        };
        columns.push(column);
    }
    let origins = (0..holidays.len())
        .map(|i| Origin {
            file: u32::MAX,
            line: i as u32 + 2,
        })
        .collect();
    db.tables[id] = Table::from_rows(dataset, id, columns, origins);
}
