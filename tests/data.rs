//! The input layer as users and phases meet it: Fortran-ordered and big-endian `.npy`,
//! `.npz` archives, quoted CSV with `\r\n`, the header rule and `--header`/`--no-header`,
//! truncated files, and the checker and calibration reading from a `MemoryWorld`.

mod common;

use reqc::data::{self, DataFormat, HeaderRule, ReadOptions};
use reqc::world::{MemoryWorld, World};
use std::path::Path;
use std::process::Output;

use common::{npy, reqc, scratch};

/// Standard output and standard error together.
fn text(output: &Output) -> String {
    common::output_text(output)
}

/// A row-major matrix as `.npy` bytes: `<f8` or `>f8`, C or Fortran order.
fn npy_f64(rows: &[&[f64]], big_endian: bool, fortran_order: bool) -> Vec<u8> {
    let columns = rows[0].len();
    let mut values = Vec::new();
    if fortran_order {
        for column in 0..columns {
            values.extend(rows.iter().map(|row| row[column]));
        }
    } else {
        values.extend(rows.iter().flat_map(|row| row.iter().copied()));
    }
    let data: Vec<u8> = values
        .iter()
        .flat_map(|value| {
            if big_endian {
                value.to_be_bytes()
            } else {
                value.to_le_bytes()
            }
        })
        .collect();
    let descr = if big_endian { ">f8" } else { "<f8" };
    npy(descr, fortran_order, &[rows.len(), columns], &data)
}

/// A zip archive of `.npy` members, stored (numpy.savez) or deflated
/// (numpy.savez_compressed).
fn npz(members: &[(&str, Vec<u8>)], deflated: bool) -> Vec<u8> {
    let mut archive = Vec::new();
    let mut directory = Vec::new();
    for (name, content) in members {
        let name = format!("{name}.npy");
        let crc = reqc::png::crc32(content);
        let (method, stored) = if deflated {
            (8u16, miniz_oxide::deflate::compress_to_vec(content, 6))
        } else {
            (0u16, content.clone())
        };
        let offset = archive.len() as u32;
        let mut fixed = Vec::new();
        fixed.extend_from_slice(&20u16.to_le_bytes()); // version needed
        fixed.extend_from_slice(&0u16.to_le_bytes()); // flags
        fixed.extend_from_slice(&method.to_le_bytes());
        fixed.extend_from_slice(&[0, 0, 0x21, 0]); // time, date
        fixed.extend_from_slice(&crc.to_le_bytes());
        fixed.extend_from_slice(&(stored.len() as u32).to_le_bytes());
        fixed.extend_from_slice(&(content.len() as u32).to_le_bytes());
        fixed.extend_from_slice(&(name.len() as u16).to_le_bytes());
        fixed.extend_from_slice(&0u16.to_le_bytes()); // extra length
        archive.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        archive.extend_from_slice(&fixed);
        archive.extend_from_slice(name.as_bytes());
        archive.extend_from_slice(&stored);
        directory.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        directory.extend_from_slice(&20u16.to_le_bytes()); // version made by
        directory.extend_from_slice(&fixed);
        directory.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
        directory.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        directory.extend_from_slice(&offset.to_le_bytes());
        directory.extend_from_slice(name.as_bytes());
    }
    let directory_offset = archive.len() as u32;
    archive.extend_from_slice(&directory);
    archive.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    archive.extend_from_slice(&[0; 4]);
    archive.extend_from_slice(&(members.len() as u16).to_le_bytes());
    archive.extend_from_slice(&(members.len() as u16).to_le_bytes());
    archive.extend_from_slice(&(directory.len() as u32).to_le_bytes());
    archive.extend_from_slice(&directory_offset.to_le_bytes());
    archive.extend_from_slice(&0u16.to_le_bytes());
    archive
}

/// Every row of a data file in `world`, or the error.
fn rows_of(world: &dyn World, path: &str, header: HeaderRule) -> Result<Vec<f64>, String> {
    let mut reader = data::open_rows(world, Path::new(path), &ReadOptions { header })
        .map_err(|error| error.to_string())?;
    let mut rows = Vec::new();
    // Small blocks, so a Fortran-ordered file is read in several runs per column.
    while reader
        .read_rows(&mut rows, 2)
        .map_err(|error| error.to_string())?
        > 0
    {}
    Ok(rows)
}

const MATRIX: [&[f64]; 5] = [
    &[1.2, 2.5, 2.2],
    &[0.0, 0.0, 0.0],
    &[3.0, 1.0, 5.0],
    &[0.25, -1.5, 7.0],
    &[1e-300, 2.0, -0.0],
];

fn matrix_values() -> Vec<f64> {
    MATRIX.iter().flat_map(|row| row.iter().copied()).collect()
}

#[test]
fn every_npy_layout_reads_the_same_rows() {
    let mut world = MemoryWorld::new();
    let layouts = [
        ("c_little.npy", false, false),
        ("c_big.npy", true, false),
        ("fortran_little.npy", false, true),
        ("fortran_big.npy", true, true),
    ];
    for (name, big_endian, fortran_order) in layouts {
        world.insert(name, npy_f64(&MATRIX, big_endian, fortran_order));
    }
    let member = npy_f64(&MATRIX, false, true);
    world.insert("stored.npz", npz(&[("arr_0", member.clone())], false));
    world.insert("deflated.npz", npz(&[("arr_0", member)], true));
    for name in [
        "c_little.npy",
        "c_big.npy",
        "fortran_little.npy",
        "fortran_big.npy",
        "stored.npz",
        "deflated.npz",
    ] {
        let rows = rows_of(&world, name, HeaderRule::Auto).unwrap();
        let bits = |values: &[f64]| {
            values
                .iter()
                .map(|value| value.to_bits())
                .collect::<Vec<_>>()
        };
        assert_eq!(bits(&rows), bits(&matrix_values()), "{name}");
    }
    // f32 in both byte orders, and Fortran order with one row or one column (C's layout).
    let f32_values = [0.5f32, -2.25, 3.0, 1e-20, 7.5, -0.0];
    for (descr, big_endian) in [("<f4", false), (">f4", true)] {
        let data: Vec<u8> = f32_values
            .iter()
            .flat_map(|value| {
                if big_endian {
                    value.to_be_bytes()
                } else {
                    value.to_le_bytes()
                }
            })
            .collect();
        world.insert("f32.npy", npy(descr, false, &[2, 3], &data));
        let rows = rows_of(&world, "f32.npy", HeaderRule::Auto).unwrap();
        let expected: Vec<f64> = f32_values.iter().map(|value| f64::from(*value)).collect();
        assert_eq!(rows, expected, "{descr}");
        world.insert("column.npy", npy(descr, true, &[6, 1], &data));
        assert_eq!(
            rows_of(&world, "column.npy", HeaderRule::Auto).unwrap(),
            expected
        );
    }
}

/// Rows read for the kernels (`read_rows_single`) replace the buffer's contents, block
/// after block, whether they are read in place (little-endian f32 in C order) or by way
/// of f64 (the other layouts): a block shorter than the one before leaves none of its rows
/// behind, and the end empties the buffer.
#[test]
fn rows_read_as_f32_replace_the_buffer_block_after_block() {
    let values: Vec<f32> = (0..7 * 3).map(|index| index as f32 * 0.5 - 3.0).collect();
    let little: Vec<u8> = values
        .iter()
        .flat_map(|value| value.to_le_bytes())
        .collect();
    let big: Vec<u8> = values
        .iter()
        .flat_map(|value| value.to_be_bytes())
        .collect();
    let mut fortran = Vec::new();
    for column in 0..3 {
        for row in 0..7 {
            fortran.extend_from_slice(&values[row * 3 + column].to_le_bytes());
        }
    }
    let wide: Vec<u8> = values
        .iter()
        .flat_map(|value| f64::from(*value).to_le_bytes())
        .collect();
    let mut world = MemoryWorld::new();
    world.insert("little.npy", npy("<f4", false, &[7, 3], &little));
    world.insert("big.npy", npy(">f4", false, &[7, 3], &big));
    world.insert("fortran.npy", npy("<f4", true, &[7, 3], &fortran));
    world.insert("wide.npy", npy("<f8", false, &[7, 3], &wide));
    for name in ["little.npy", "big.npy", "fortran.npy", "wide.npy"] {
        let mut reader = data::open_rows(&world, Path::new(name), &ReadOptions::default())
            .unwrap_or_else(|error| panic!("{name}: {error}"));
        let mut buffer = vec![99.0f32; 40];
        let mut first = 0;
        for (limit, expected) in [(4, 4), (1, 1), (5, 2), (3, 0)] {
            let count = reader
                .read_rows_single(&mut buffer, limit)
                .unwrap_or_else(|error| panic!("{name}: {error}"));
            assert_eq!(count, expected, "{name}");
            assert_eq!(buffer, values[first * 3..(first + count) * 3], "{name}");
            first += count;
        }
    }
}

#[test]
fn npy_problems_name_what_is_wrong() {
    let mut world = MemoryWorld::new();
    let full = npy_f64(&MATRIX, false, false);
    let data_start = full.len() - 15 * 8;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "truncated data: row 3 is cut inside column 2",
            full[..data_start + 7 * 8 + 3].to_vec(),
            "row 3, column 2: the file ends before this value: the file holds 2 complete rows of the 5 its header declares (it is truncated)",
        ),
        (
            "truncated Fortran data: column 3 is cut at row 4",
            npy_f64(&MATRIX, false, true)[..data_start + 13 * 8].to_vec(),
            "row 4, column 3: the file ends before this value: the array is stored column by column (Fortran order) and the file holds 13 of its 15 values",
        ),
        (
            "more data than the header declares",
            [full.clone(), vec![0; 24]].concat(),
            "the header declares shape (5, 3), 120 bytes of data, but the file holds 144: the shape does not match the data",
        ),
        (
            "a header cut short",
            full[..40].to_vec(),
            "the .npy header is cut short: it declares 118 bytes but the file ends after 30 of them",
        ),
        (
            "a file cut inside the magic string",
            full[..4].to_vec(),
            "the .npy header is cut short: the file ends inside its magic string",
        ),
        (
            "an empty file",
            Vec::new(),
            "the file is empty, not a .npy array",
        ),
        (
            "a dtype reqc does not read as predictions",
            npy("<i8", false, &[1, 1], &[0; 8]),
            "the .npy dtype is `<i8`",
        ),
        (
            "a 3-D array",
            npy("<f8", false, &[1, 1, 1], &[0; 8]),
            "reqc needs a 2-D array (rows, columns)",
        ),
    ];
    for (what, bytes, expected) in cases {
        world.insert("bad.npy", bytes);
        let error = rows_of(&world, "bad.npy", HeaderRule::Auto).expect_err(what);
        assert!(
            error.starts_with("cannot read `bad.npy`: ") && error.contains(expected),
            "{what}: {error}"
        );
    }
}

/// The header and rows a CSV file reads as, or the text its error contains.
type CsvExpected = Result<(Option<Vec<&'static str>>, Vec<f64>), &'static str>;

#[test]
fn csv_reads_quoted_fields_crlf_and_follows_the_header_rule() {
    let mut world = MemoryWorld::new();
    let read = |world: &MemoryWorld, header: HeaderRule| {
        let mut reader = data::open_rows(world, Path::new("in.csv"), &ReadOptions { header })
            .map_err(|error| error.to_string())?;
        let mut rows = Vec::new();
        while reader
            .read_rows(&mut rows, 10)
            .map_err(|error| error.to_string())?
            > 0
        {}
        Ok::<_, String>((reader.header().map(<[String]>::to_vec), rows))
    };
    // (file, rule, header read, rows read) or the error's text.
    let cases: Vec<(&str, HeaderRule, CsvExpected)> = vec![
        (
            "\"a\",\"b, c\"\r\n\"1.5\", 2 \r\n\r\n  \r\n3,\"4e0\"\r\n",
            HeaderRule::Auto,
            Ok((Some(vec!["a", "b, c"]), vec![1.5, 2.0, 3.0, 4.0])),
        ),
        (
            "\"0.1\",\"0.2\"\n0.3,0.4\n",
            HeaderRule::Auto,
            Ok((None, vec![0.1, 0.2, 0.3, 0.4])),
        ),
        (
            "\u{feff}name,other\n1,2\n",
            HeaderRule::Auto,
            Ok((Some(vec!["name", "other"]), vec![1.0, 2.0])),
        ),
        (
            "1,2\n3,4\n",
            HeaderRule::Present,
            Ok((Some(vec!["1", "2"]), vec![3.0, 4.0])),
        ),
        (
            "y_0,1\n3,4\n",
            HeaderRule::Auto,
            Err("row 1, column 2: the first row mixes numbers and text (column 1 is `y_0`, column 2 is `1`)"),
        ),
        (
            "0.5,,0.25\n",
            HeaderRule::Auto,
            Err("row 1, column 2: the first row mixes numbers and text (column 2 is ``, column 1 is `0.5`), so it is neither clearly a header nor clearly data: say which with `--header` or `--no-header`"),
        ),
        (
            "a,b\n1,2\n",
            HeaderRule::Absent,
            Err("row 1, column 1: `a` is not a number"),
        ),
        (
            "a,b\n1,2\n\"3\",x\n",
            HeaderRule::Auto,
            Err("cannot read `in.csv`: row 2, column 2: `x` is not a number"),
        ),
        ("a,b\n1,2\n3\n", HeaderRule::Auto, Err("row 2: 1 cells, but the first row has 2")),
        ("\n \n", HeaderRule::Auto, Err("the file holds no rows")),
    ];
    for (contents, rule, expected) in cases {
        world.insert("in.csv", contents);
        let result = read(&world, rule);
        match (expected, result) {
            (Ok((header, rows)), Ok((read_header, read_rows))) => {
                let header =
                    header.map(|names| names.iter().map(|name| name.to_string()).collect());
                assert_eq!((read_header, read_rows), (header, rows), "{contents:?}");
            }
            (Err(message), Err(error)) => {
                assert!(error.contains(message), "{contents:?}: {error}")
            }
            (expected, result) => panic!("{contents:?}: expected {expected:?}, got {result:?}"),
        }
    }
}

#[test]
fn the_csv_writer_writes_what_the_reader_reads_back() {
    use reqc::data::{CsvWriter, RowWriter};
    use reqc::number::FloatFormat;
    let header = vec![
        "plain".to_string(),
        "with, comma".to_string(),
        "say \"hi\"".to_string(),
    ];
    let values = vec![0.1, -2.5, 1e-300, f64::MAX, -0.0, 3.0];
    let mut bytes = Vec::new();
    let mut writer: Box<dyn RowWriter + '_> =
        Box::new(CsvWriter::new(&mut bytes, 3, FloatFormat::F64, Some(&header)).unwrap());
    writer.write_rows(&values).unwrap();
    writer.finish().unwrap();
    let mut world = MemoryWorld::new();
    world.insert("out.csv", bytes);
    let mut reader =
        data::open_rows(&world, Path::new("out.csv"), &ReadOptions::default()).unwrap();
    assert_eq!(reader.header(), Some(&header[..]));
    let mut rows = Vec::new();
    while reader.read_rows(&mut rows, 10).unwrap() > 0 {}
    assert_eq!(
        rows.iter().map(|value| value.to_bits()).collect::<Vec<_>>(),
        values
            .iter()
            .map(|value| value.to_bits())
            .collect::<Vec<_>>()
    );
}

#[test]
fn formats_are_chosen_by_extension_in_one_place() {
    for (path, format) in [
        ("a.npy", DataFormat::Npy),
        ("a.NPY", DataFormat::Npy),
        ("a.npz", DataFormat::Npz),
        ("a.csv", DataFormat::Csv),
        ("a.txt", DataFormat::Csv),
        ("a", DataFormat::Csv),
    ] {
        assert_eq!(DataFormat::from_path(Path::new(path)), format, "{path}");
    }
    let world = MemoryWorld::new();
    let error = data::create_writer(
        Path::new("out.npz"),
        std::io::Cursor::new(Vec::new()),
        1,
        reqc::number::FloatFormat::F64,
        None,
    )
    .err()
    .expect(".npz is not written");
    assert!(error.to_string().contains(".npz is read only"), "{error}");
    let missing = rows_of(&world, "absent.csv", HeaderRule::Auto).unwrap_err();
    assert_eq!(missing, "cannot read `absent.csv`: no such file");
}

// ---- `reqc correct` and `reqc stats` ----

const TWO_HOLES: &str = "../shared/cases/two_holes.txt";

/// `reqc correct` on `input` into `output`, with extra arguments; the JSON summary.
fn correct(input: &Path, output: &Path, extra: &[&str]) -> Result<serde_json::Value, String> {
    let mut arguments = vec![
        "correct",
        TWO_HOLES,
        "--input",
        input.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
        "--message-format",
        "json",
    ];
    arguments.extend_from_slice(extra);
    let result = reqc(&arguments);
    if !result.status.success() {
        return Err(text(&result));
    }
    let stdout = String::from_utf8_lossy(&result.stdout).into_owned();
    let summary: serde_json::Value =
        serde_json::from_str(stdout.trim()).map_err(|error| format!("{error}: {stdout}"))?;
    Ok(summary["summary"].clone())
}

fn stats(input: &Path, extra: &[&str]) -> Result<serde_json::Value, String> {
    let mut arguments = vec![
        "stats",
        TWO_HOLES,
        "--input",
        input.to_str().unwrap(),
        "--json",
    ];
    arguments.extend_from_slice(extra);
    let result = reqc(&arguments);
    if !result.status.success() {
        return Err(text(&result));
    }
    serde_json::from_slice(&result.stdout).map_err(|error| error.to_string())
}

#[test]
fn correct_and_stats_read_fortran_big_endian_and_npz_like_c_order() {
    let directory = scratch("layouts");
    let write = |name: &str, bytes: Vec<u8>| {
        let path = directory.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let reference = write("c.npy", npy_f64(&MATRIX, false, false));
    let others = [
        write("fortran.npy", npy_f64(&MATRIX, false, true)),
        write("big_fortran.npy", npy_f64(&MATRIX, true, true)),
        write(
            "stored.npz",
            npz(
                &[
                    ("probabilities", npy_f64(&MATRIX, false, true)),
                    ("labels", npy("<i8", false, &[5], &[0; 40])),
                ],
                false,
            ),
        ),
        write(
            "deflated.npz",
            npz(&[("arr_0", npy_f64(&MATRIX, true, false))], true),
        ),
    ];
    let expected_output = directory.join("c_out.npy");
    let expected_summary = correct(&reference, &expected_output, &["--engine", "interp"]).unwrap();
    let expected_bytes = std::fs::read(&expected_output).unwrap();
    let expected_stats = stats(&reference, &[]).unwrap();
    assert_eq!(expected_summary["rows"], 5);
    assert!(
        expected_summary["changed"].as_u64().unwrap() > 0,
        "{expected_summary}"
    );
    for input in &others {
        let output = directory.join("out.npy");
        let summary = correct(input, &output, &["--engine", "interp"]).unwrap();
        assert_eq!(summary, expected_summary, "{}", input.display());
        assert_eq!(
            std::fs::read(&output).unwrap(),
            expected_bytes,
            "{}",
            input.display()
        );
        assert_eq!(
            stats(input, &[]).unwrap(),
            expected_stats,
            "{}",
            input.display()
        );
    }
    let _ = std::fs::remove_dir_all(&directory);
}

#[test]
fn a_first_row_of_quoted_numbers_is_data_and_is_corrected() {
    let directory = scratch("quoted");
    let input = directory.join("in.csv");
    std::fs::write(
        &input,
        "\"1.2\",\"2.5\",\"2.2\"\r\n\"0\",0,0\r\n3,\" 1 \",5\r\n",
    )
    .unwrap();
    let output = directory.join("out.csv");
    let summary = correct(&input, &output, &[]).unwrap();
    let written = std::fs::read_to_string(&output).unwrap();
    assert_eq!(written, "1.2,3.0,3.0\n0.0,0.0,0.0\n3.0,3.0,3.0\n");
    // The summary counts exactly the rows written, and every one of them now holds.
    let lines = written.lines().count() as u64;
    assert_eq!(summary["rows"], lines);
    assert_eq!(summary["changed"], 2);
    assert_eq!(summary["violating_before"], 2);
    assert_eq!(summary["violating_after"], 0);
    let after = stats(&output, &[]).unwrap();
    assert_eq!(after["rows"], lines);
    assert_eq!(after["violating_any"], 0);
    let before = stats(&input, &[]).unwrap();
    assert_eq!(before["violating_any"], 2);
    let _ = std::fs::remove_dir_all(&directory);
}

#[test]
fn header_flags_decide_what_the_first_row_is() {
    let directory = scratch("header-flags");
    let numeric_names = directory.join("numeric_names.csv");
    std::fs::write(&numeric_names, "0,1,2\n1.2,2.5,2.2\n").unwrap();
    let output = directory.join("out.csv");
    // Without a flag the names are data; with --header they are kept as the header.
    assert_eq!(correct(&numeric_names, &output, &[]).unwrap()["rows"], 2);
    assert_eq!(
        correct(&numeric_names, &output, &["--header"]).unwrap()["rows"],
        1
    );
    assert_eq!(
        std::fs::read_to_string(&output).unwrap(),
        "0,1,2\n1.2,3.0,3.0\n"
    );
    assert_eq!(stats(&numeric_names, &["--header"]).unwrap()["rows"], 1);
    // A mixed first row is an error until a flag says what it is.
    let mixed = directory.join("mixed.csv");
    std::fs::write(&mixed, "y_0,1,2\n1.2,2.5,2.2\n").unwrap();
    for error in [
        correct(&mixed, &output, &[]).unwrap_err(),
        stats(&mixed, &[]).unwrap_err(),
    ] {
        assert!(
            error.contains(&format!(
                "cannot read `{}`: row 1, column 2: the first row mixes numbers and text",
                mixed.display()
            )) && error.contains("`--header` or `--no-header`"),
            "{error}"
        );
    }
    assert_eq!(stats(&mixed, &["--header"]).unwrap()["rows"], 1);
    let error = stats(&mixed, &["--no-header"]).unwrap_err();
    assert!(
        error.contains("row 1, column 1: `y_0` is not a number"),
        "{error}"
    );
    let both = stats(&mixed, &["--header", "--no-header"]).unwrap_err();
    assert!(both.contains("cannot be used with"), "{both}");
    let _ = std::fs::remove_dir_all(&directory);
}

#[test]
fn a_truncated_npy_is_refused_before_any_output() {
    let directory = scratch("truncated");
    let input = directory.join("in.npy");
    let bytes = npy_f64(&MATRIX, false, false);
    std::fs::write(&input, &bytes[..bytes.len() - 20]).unwrap();
    let output = directory.join("out.npy");
    let error = correct(&input, &output, &[]).unwrap_err();
    assert!(
        error.contains("row 5, column 1: the file ends before this value: the file holds 4 complete rows of the 5 its header declares"),
        "{error}"
    );
    assert!(!output.exists());
    let _ = std::fs::remove_dir_all(&directory);
}

// ---- The checker and calibration through a `World` with no disk file. ----

#[cfg(feature = "solver")]
const CALIBRATION: &str = "ordering y_0 y_1\n\
    y_1 >= 0\n\
    calibration in_memory {\n\
    \x20   predictions = \"data/predictions.npy\"\n\
    \x20   labels = \"data/labels.csv\"\n\
    \x20   bins = equal_width(2)\n\
    \x20   rule = detect\n\
    }\n";

/// Binary predictions as scikit-learn's `predict_proba` returns them (Fortran order),
/// with labels that agree with them.
#[cfg(feature = "solver")]
fn binary_predictions() -> (Vec<u8>, String) {
    let mut rows: Vec<[f64; 2]> = Vec::new();
    let mut labels = String::from("label\n");
    for index in 0..40 {
        let first = f64::from(index) / 40.0;
        rows.push([first, 1.0 - first]);
        let label = u8::from(first < 0.5 || index % 7 == 0);
        labels.push_str(&format!("{}\n", 1 - label));
    }
    let slices: Vec<&[f64]> = rows.iter().map(|row| &row[..]).collect();
    (npy_f64(&slices, false, true), labels)
}

#[test]
#[cfg(feature = "solver")]
fn the_checker_and_calibration_read_only_through_the_world() {
    let base = Path::new("/reqc-virtual-project");
    assert!(!base.exists());
    let (predictions, labels) = binary_predictions();
    let mut world = MemoryWorld::new();
    // Without the files, the checker reports both as missing.
    let missing = reqc::front_end(CALIBRATION, base, &world);
    let codes: Vec<&str> = missing
        .diagnostics
        .iter()
        .map(|diagnostic| diagnostic.code.as_str())
        .collect();
    assert_eq!(codes, ["E0505", "E0505"]);
    assert!(missing.specification.is_none());
    world.insert(base.join("data/predictions.npy"), predictions.clone());
    world.insert(base.join("data/labels.csv"), labels.clone());
    let front_end = reqc::front_end(CALIBRATION, base, &world);
    assert!(
        front_end.diagnostics.is_empty(),
        "{:?}",
        front_end.diagnostics
    );
    let specification = front_end.specification.expect("a specification");
    let assertion = &specification.calibrations[0];
    let outcome = reqc::calibration::run(assertion, &world);
    let report = outcome.report.expect("a report");
    assert_eq!(report.evaluation.predictions, 40);
    assert_eq!(report.evaluation.classes, 2);
    // The same predictions in C order, and in an archive, give the same evaluation.
    let c_order = {
        let mut reader = data::open_rows(
            &world,
            &base.join("data/predictions.npy"),
            &ReadOptions::default(),
        )
        .unwrap();
        let mut values = Vec::new();
        while reader.read_rows(&mut values, 7).unwrap() > 0 {}
        let rows: Vec<&[f64]> = values.chunks(2).collect();
        npy_f64(&rows, false, false)
    };
    let mut archive_world = MemoryWorld::new();
    let mut label_bytes = Vec::new();
    for line in labels.lines().skip(1) {
        label_bytes.extend_from_slice(&line.parse::<i64>().unwrap().to_be_bytes());
    }
    archive_world.insert(
        base.join("data/predictions.npz"),
        npz(
            &[
                ("probabilities", c_order),
                ("labels", npy(">i8", false, &[40], &label_bytes)),
            ],
            true,
        ),
    );
    let archived = CALIBRATION
        .replace("predictions.npy", "predictions.npz")
        .replace("    labels = \"data/labels.csv\"\n", "");
    let front_end = reqc::front_end(&archived, base, &archive_world);
    assert!(
        front_end.diagnostics.is_empty(),
        "{:?}",
        front_end.diagnostics
    );
    let specification = front_end.specification.expect("a specification");
    let archived_outcome = reqc::calibration::run(&specification.calibrations[0], &archive_world);
    let archived_report = archived_outcome.report.expect("a report");
    assert_eq!(
        serde_json::to_value(&archived_report.evaluation).unwrap(),
        serde_json::to_value(&report.evaluation).unwrap()
    );
    let messages = |diagnostics: &[reqc::diagnostics::Diagnostic]| {
        diagnostics
            .iter()
            .map(|diagnostic| diagnostic.message.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        messages(&archived_outcome.diagnostics),
        messages(&outcome.diagnostics)
    );
}
