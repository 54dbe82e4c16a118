#![cfg(feature = "parquet")]
//! CSV and Parquet outputs (read back here), and output order at any thread count.

mod common;

use arrow_schema::DataType;
use common::TempDir;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use saywho_io::{Options, OutputFormat};

fn corpus(dir: &TempDir) -> std::path::PathBuf {
    let mut lines = String::new();
    for i in 0..300 {
        lines.push_str(&format!(
            "{{\"id\": \"d{i}\", \"title\": \"T{i}\", \"text\": \"“Number {i} is fine,” Ann Lee said.\\nOfficials said the road would reopen.\"}}\n"
        ));
    }
    lines.push_str("{broken\n");
    dir.write("c.jsonl", lines.as_bytes())
}

#[test]
fn parquet_reads_back_with_typed_columns() {
    let dir = TempDir::new("parquet");
    let input = corpus(&dir);
    let options = Options {
        format: OutputFormat::Parquet,
        ..common::jsonl_options(2)
    };
    let (summary, bytes, _) = common::run(&dir, &[input], None, &options);
    let reader = ParquetRecordBatchReaderBuilder::try_new(bytes::Bytes::from(bytes)).unwrap();
    let schema = reader.schema().clone();
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    assert_eq!(names, saywho_io::COLUMNS);
    let types = [
        ("doc_id", DataType::Utf8),
        ("quote", DataType::Utf8),
        ("group", DataType::Int64),
        ("confidence", DataType::Float32),
        ("start", DataType::Int64),
        ("end", DataType::Int64),
        ("error_kind", DataType::Utf8),
    ];
    for (name, data_type) in types {
        assert_eq!(schema.field_with_name(name).unwrap().data_type(), &data_type, "{name}");
    }
    let batches: Vec<_> = reader.build().unwrap().collect::<Result<_, _>>().unwrap();
    let rows: usize = batches.iter().map(|b| b.num_rows()).sum();
    assert_eq!(
        rows as u64,
        summary.quotes + summary.failed,
        "one row per quote and per failure"
    );
    assert!(summary.quotes >= 300);
}

#[test]
fn csv_has_a_header_and_a_row_per_quote() {
    let dir = TempDir::new("csv");
    let input = corpus(&dir);
    let options = Options {
        format: OutputFormat::Csv,
        ..common::jsonl_options(2)
    };
    let (summary, bytes, _) = common::run(&dir, &[input], None, &options);
    let mut reader = csv::Reader::from_reader(&bytes[..]);
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), saywho_io::COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len() as u64, summary.quotes + summary.failed);
    let column = |name: &str| saywho_io::COLUMNS.iter().position(|&c| c == name).unwrap();
    assert_eq!(
        (
            &rows[0][column("doc_id")],
            &rows[0][column("title")],
            &rows[0][column("speaker")]
        ),
        ("d0", "T0", "Ann Lee")
    );
    assert_eq!(&rows[0][column("speaker_key")], "ann-lee");
    assert_eq!(&rows.last().unwrap()[column("error_kind")], "malformed_json");
}

#[test]
fn output_is_in_input_order_at_any_thread_count() {
    let dir = TempDir::new("order");
    let input = corpus(&dir);
    let (_, one, _) = common::run(&dir, std::slice::from_ref(&input), None, &common::jsonl_options(1));
    for threads in [2, 5] {
        let (_, many, _) = common::run(
            &dir,
            std::slice::from_ref(&input),
            None,
            &common::jsonl_options(threads),
        );
        assert_eq!(one, many, "{threads} threads");
    }
    let unordered = Options {
        ordered: false,
        ..common::jsonl_options(3)
    };
    let (summary, out, _) = common::run(&dir, &[input], None, &unordered);
    let mut a: Vec<&str> = std::str::from_utf8(&one).unwrap().lines().collect();
    let mut b: Vec<&str> = std::str::from_utf8(&out).unwrap().lines().collect();
    a.sort_unstable();
    b.sort_unstable();
    assert_eq!(a, b, "unordered output has the same records");
    assert_eq!(summary.read, 301);
}
