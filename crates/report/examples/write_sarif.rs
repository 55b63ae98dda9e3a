//! Writes the extended test fixture's report in every format, to check the output with outside
//! tools: `cargo run -p vigil-report --example write_sarif -- OUT_DIR`, then
//! `shared/tools/validate-sarif OUT_DIR/report.sarif --strict`, or a JUnit reader on
//! `OUT_DIR/report.xml`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use vigil_report::{
    write_concise, write_github, write_gitlab, write_json, write_json_lines, write_junit,
    write_markdown, write_sarif, write_statistics, write_text, JunitOptions, ReportError,
    SarifOptions, TextOptions,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: write_sarif OUT_DIR")?,
    );
    std::fs::create_dir_all(&dir)?;
    let fixture = common::extended();
    let report = fixture.report();
    let colour = TextOptions {
        color: true,
        quiet: false,
        fail_on_unknown: false,
    };
    let plain = TextOptions {
        color: false,
        ..colour
    };
    let sarif = SarifOptions {
        category: Some("vigil/terraform".into()),
    };
    write(&dir, "report.sarif", |out| {
        write_sarif(&report, &sarif, out)
    })?;
    write(&dir, "report.json", |out| write_json(&report, out))?;
    write(&dir, "report.jsonl", |out| write_json_lines(&report, out))?;
    write(&dir, "report.ansi", |out| write_text(&report, &colour, out))?;
    write(&dir, "report.concise", |out| {
        write_concise(&report, &plain, out)
    })?;
    write(&dir, "report.github", |out| write_github(&report, out))?;
    write(&dir, "report.xml", |out| {
        write_junit(&report, &JunitOptions::default(), out)
    })?;
    write(&dir, "gl-code-quality-report.json", |out| {
        write_gitlab(&report, out)
    })?;
    write(&dir, "summary.md", |out| write_markdown(&report, out))?;
    write(&dir, "statistics.txt", |out| write_statistics(&report, out))?;
    Ok(())
}

fn write(
    dir: &Path,
    name: &str,
    writer: impl FnOnce(&mut dyn Write) -> Result<(), ReportError>,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut out = BufWriter::new(File::create(dir.join(name))?);
    writer(&mut out)?;
    out.flush()?;
    Ok(())
}
