//! The flat table shape shared by CSV and Parquet, defined in `saywho-record`
//! ([`saywho_record::QuoteRow`]): one row per quote, carrying its document's id and metadata; a
//! failed document is one row with the `error_*` columns set.

pub use saywho_record::{quote_rows, QuoteRow, COLUMNS};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_header_matches_the_row_fields() {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.serialize(QuoteRow::default()).unwrap();
        let bytes = w.into_inner().unwrap();
        let header = String::from_utf8(bytes).unwrap();
        assert_eq!(header.lines().next().unwrap(), COLUMNS.join(","));
    }
}
