//! Writes the test fixture's report in every format, to check the output with outside tools:
//! `cargo run -p vigil-report --example write_sarif -- OUT_DIR`, then
//! `shared/tools/validate-sarif OUT_DIR/report.sarif --strict`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::fs::File;
use std::io::BufWriter;
use std::path::PathBuf;

use vigil_report::{write_json, write_sarif, write_text, TextOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: write_sarif OUT_DIR")?,
    );
    std::fs::create_dir_all(&dir)?;
    let fixture = common::fixture();
    let report = fixture.report();
    write_sarif(
        &report,
        &mut BufWriter::new(File::create(dir.join("report.sarif"))?),
    )?;
    write_json(
        &report,
        &mut BufWriter::new(File::create(dir.join("report.json"))?),
    )?;
    let opts = TextOptions {
        color: true,
        quiet: false,
        fail_on_unknown: false,
    };
    write_text(
        &report,
        &opts,
        &mut BufWriter::new(File::create(dir.join("report.ansi"))?),
    )?;
    Ok(())
}
