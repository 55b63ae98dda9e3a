//! SARIF 2.1.0, shaped for GitHub code scanning: it must pass the official schema, the SARIF
//! multitool's GitHub rules and GitHub's upload checks (`shared/tools/validate-sarif`).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use serde_json::json;
use serde_sarif::sarif::{
    ArtifactContent, ArtifactLocation, CodeFlow, Invocation, Location as SarifLocation,
    LogicalLocation, Message, MultiformatMessageString, Notification, PhysicalLocation,
    PropertyBag, Region, ReportingConfiguration, ReportingDescriptor, Result as SarifResult,
    ResultKind, ResultLevel, Run, RunAutomationDetails, Sarif, Suppression as SarifSuppression,
    ThreadFlow, ThreadFlowLocation, Tool, ToolComponent,
};
use vigil_model::limits::{SARIF_SNIPPET_BYTES, SARIF_TAGS};
use vigil_model::{
    FileError, Finding, LineIndex, Location, RuleMeta, Severity, SuppressionKind, Verdict,
};

use crate::{fingerprint, is_baseline, Report, SarifOptions, FINGERPRINT_KEY};

const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = "https://github.com/vigil-iac/vigil";
const SRCROOT: &str = "%SRCROOT%";
/// Whole lines of context around a result's region.
const CONTEXT_LINES: usize = 2;

pub(crate) fn log(report: &Report, opts: &SarifOptions) -> Sarif {
    let rules = descriptors(report);
    let index: HashMap<&str, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, rule)| (rule.id.as_str(), i))
        .collect();
    let mut lines = SourceLines::new(report);
    let results: Vec<SarifResult> = report
        .findings
        .iter()
        .map(|f| {
            let mut result = result(f, index[f.rule_id.as_str()], &mut lines);
            // Only meaningful, and only written, when a baseline took part in the run.
            if report.baseline.is_some() {
                let state = if is_baseline(f) { "unchanged" } else { "new" };
                result.baseline_state = Some(json!(state));
            }
            result
        })
        .collect();

    let mut invocation = Invocation::builder()
        .execution_successful(report.errors.is_empty())
        .build();
    if !report.errors.is_empty() {
        invocation.tool_execution_notifications = Some(
            report
                .errors
                .iter()
                .map(|e| notification(e, &mut lines))
                .collect(),
        );
    }

    let driver = ToolComponent::builder()
        .name("vigil")
        .version(report.tool_version)
        .semantic_version(report.tool_version)
        .information_uri(INFORMATION_URI)
        .rules(rules)
        .build();

    // %SRCROOT% is declared with a description but no `uri`: resolving it would put the
    // absolute scan root into the log, which would then differ from machine to machine (and
    // leak a home directory). SARIF allows an entry without `uri` (the consumer supplies it);
    // GitHub resolves %SRCROOT% to the checkout.
    let base_ids = BTreeMap::from([(
        SRCROOT.to_string(),
        ArtifactLocation::builder()
            .description(
                Message::builder()
                    .text(
                        "The directory vigil scanned: every result's path is relative to it \
                         (the repository root when vigil runs there, as in CI).",
                    )
                    .build(),
            )
            .build(),
    )]);
    let mut run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .invocations(vec![invocation])
        .original_uri_base_ids(base_ids)
        // SARIF's default unit, and the one GitHub and VS Code's viewer assume whatever the
        // log says; vigil's own columns (code points) are converted using the source lines.
        .column_kind("utf16CodeUnits")
        .build();
    if let Some(category) = opts.category.as_deref().filter(|c| !c.is_empty()) {
        run.automation_details = Some(
            RunAutomationDetails::builder()
                .id(automation_id(category))
                .build(),
        );
    }

    Sarif::builder()
        .schema(SCHEMA_URI)
        .version("2.1.0")
        .runs(vec![run])
        .build()
}

/// The rules that ran, plus a stand-in for any rule a finding names but the caller did not
/// list, so that every `ruleId` resolves (GitHub rejects a log where one does not).
fn descriptors(report: &Report) -> Vec<ReportingDescriptor> {
    // A rule listed twice would make GitHub reject the log; the first listing wins.
    let mut known: Vec<&str> = Vec::new();
    let mut rules: Vec<ReportingDescriptor> = Vec::new();
    for rule in report.rules {
        if !known.contains(&rule.id.as_str()) {
            known.push(&rule.id);
            rules.push(descriptor(rule));
        }
    }
    let mut missing: BTreeMap<&str, &Finding> = BTreeMap::new();
    for f in report.findings {
        if !known.contains(&f.rule_id.as_str()) {
            missing.entry(&f.rule_id).or_insert(f);
        }
    }
    rules.extend(missing.values().map(|f| {
        descriptor(&RuleMeta {
            id: f.rule_id.clone(),
            name: f.rule_name.clone(),
            title: f.rule_name.clone(),
            severity: f.severity,
            security_severity: default_security_severity(f.severity).to_string(),
            tags: Vec::new(),
            summary: f.rule_name.clone(),
            documentation: f.rule_name.clone(),
            help_uri: None,
        })
    }));
    rules
}

fn descriptor(rule: &RuleMeta) -> ReportingDescriptor {
    // GitHub refuses a rule whose descriptions are empty: fall back to the next shorter text.
    let title = first_nonempty(&[&rule.title, &rule.name, &rule.id]);
    let summary = first_nonempty(&[&rule.summary, title]);
    let documentation = first_nonempty(&[&rule.documentation, summary]);

    // GitHub shows security-severity only for rules tagged `security`, and every vigil rule is
    // a security rule.
    let mut tags: Vec<String> = Vec::new();
    for tag in std::iter::once("security").chain(rule.tags.iter().map(String::as_str)) {
        if !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_string());
        }
    }
    tags.truncate(SARIF_TAGS);

    let properties = PropertyBag::builder()
        .tags(tags)
        .additional_properties(BTreeMap::from([
            (
                "security-severity".to_string(),
                json!(rule.security_severity),
            ),
            // vigil evaluates the deployed value exactly; unknowns are reported separately
            // as `review` results rather than guessed, so a `fail` is not a heuristic.
            ("precision".to_string(), json!("very-high")),
            (
                "problem.severity".to_string(),
                json!(problem_severity(rule.severity)),
            ),
        ]))
        .build();

    let mut descriptor = ReportingDescriptor::builder()
        .id(rule.id.as_str())
        .name(rule.name.as_str())
        .short_description(text(title))
        .full_description(text(summary))
        .help(help(documentation, rule.help_uri.as_deref()))
        .default_configuration(
            ReportingConfiguration::builder()
                .level(json!(level_name(severity_level(rule.severity))))
                .build(),
        )
        .properties(properties)
        .build();
    descriptor.help_uri = rule.help_uri.clone();
    descriptor
}

/// The rule's documentation (What it does ... How to fix, References) as GitHub shows it under an
/// alert: Markdown as written, plain text for viewers without Markdown, and the rule's page
/// added where the references do not already name it.
fn help(documentation: &str, help_uri: Option<&str>) -> MultiformatMessageString {
    let mut markdown = documentation.trim_end().to_string();
    let mut text = markdown_to_text(&markdown);
    if let Some(uri) = help_uri.filter(|u| !u.is_empty() && !documentation.contains(*u)) {
        markdown.push_str(&format!("\n\nMore information: <{uri}>"));
        text.push_str(&format!("\n\nMore information: {uri}"));
    }
    MultiformatMessageString::builder()
        .text(text)
        .markdown(markdown)
        .build()
}

/// Markdown made readable as plain text: headings lose their `#`, code fences their markers
/// (the code is indented instead), links show their address after the text.
fn markdown_to_text(markdown: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut in_code = false;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            out.push(format!("    {line}"));
        } else if let Some(heading) = trimmed
            .strip_prefix('#')
            .map(|h| h.trim_start_matches('#'))
            .filter(|h| h.is_empty() || h.starts_with(' '))
        {
            out.push(heading.trim().to_string());
        } else {
            out.push(unlink(line));
        }
    }
    out.join("\n")
}

/// `[text](url)` as `text (url)`; anything else unchanged.
fn unlink(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let parsed = after.find("](").and_then(|close| {
            let url_start = close + 2;
            after[url_start..].find(')').map(|end| {
                (
                    &after[..close],
                    &after[url_start..url_start + end],
                    url_start + end + 1,
                )
            })
        });
        match parsed {
            Some((text, url, consumed)) if !text.contains('[') => {
                out.push_str(&rest[..open]);
                out.push_str(&format!("{text} ({url})"));
                rest = &after[consumed..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// GitHub reads `automationDetails.id` as `category/run-id` and keeps the part before the last
/// `/` as the analysis category; a trailing `/` gives a category with no run id, which is
/// what `upload-sarif`'s own `category` input writes. So `vigil/terraform` becomes
/// `vigil/terraform/`.
fn automation_id(category: &str) -> String {
    if category.ends_with('/') {
        category.to_string()
    } else {
        format!("{category}/")
    }
}

fn result(f: &Finding, rule_index: usize, lines: &mut SourceLines) -> SarifResult {
    let (level, kind) = match f.verdict {
        Verdict::Fail => (severity_level(f.severity), ResultKind::Fail),
        // An unknown value is a question for a person, not a failure of the given severity.
        Verdict::Undetermined => (ResultLevel::Note, ResultKind::Review),
    };

    let primary = SarifLocation::builder()
        .physical_location(with_snippets(
            physical(&f.location, lines),
            &f.location,
            lines,
        ))
        .logical_locations(vec![LogicalLocation::builder()
            .fully_qualified_name(f.resource.address.as_str())
            .kind("resource")
            .build()])
        .build();

    let mut resource = json!({
        "address": f.resource.address,
        "type": f.resource.azure_type,
        "file": &*f.resource.file,
        "line": f.resource.line,
    });
    if let Some(root) = &f.resource.root {
        resource["root"] = json!(&**root);
    }
    let properties = PropertyBag::builder()
        .additional_properties(BTreeMap::from([
            ("resource".to_string(), resource),
            ("property".to_string(), json!(f.property)),
        ]))
        .build();

    let mut result = SarifResult::builder()
        .rule_id(f.rule_id.as_str())
        .rule_index(rule_index as i64)
        .level(level)
        .kind(kind)
        .message(Message::builder().text(f.full_message().as_ref()).build())
        .locations(vec![primary])
        .partial_fingerprints(BTreeMap::from([(
            FINGERPRINT_KEY.to_string(),
            fingerprint(f),
        )]))
        .properties(properties)
        .build();

    if !f.trace.is_empty() {
        result.related_locations = Some(
            f.trace
                .iter()
                .enumerate()
                .map(|(i, hop)| {
                    SarifLocation::builder()
                        .id(i as i64 + 1)
                        .message(Message::builder().text(hop.label.as_str()).build())
                        .physical_location(physical(&hop.location, lines))
                        .build()
                })
                .collect(),
        );
        // The trace is in reading order (the use first); a code flow runs the way the value
        // travelled, from where it was written to where the resource uses it.
        let steps: Vec<ThreadFlowLocation> = f
            .trace
            .iter()
            .rev()
            .map(|hop| {
                ThreadFlowLocation::builder()
                    .location(
                        SarifLocation::builder()
                            .message(Message::builder().text(hop.label.as_str()).build())
                            .physical_location(physical(&hop.location, lines))
                            .build(),
                    )
                    .build()
            })
            .collect();
        result.code_flows = Some(vec![CodeFlow::builder()
            .thread_flows(vec![ThreadFlow::builder().locations(steps).build()])
            .build()]);
    }

    if let Some(s) = &f.suppression {
        let kind = if s.kind == SuppressionKind::Inline {
            "inSource"
        } else {
            "external"
        };
        let mut suppression = SarifSuppression::builder()
            .kind(kind)
            .location(
                SarifLocation::builder()
                    .physical_location(physical(&s.location, lines))
                    .build(),
            )
            .build();
        suppression.justification = s.reason.clone();
        result.suppressions = Some(vec![suppression]);
    }

    result
}

fn notification(e: &FileError, lines: &mut SourceLines) -> Notification {
    let mut physical = PhysicalLocation::builder()
        .artifact_location(artifact(&e.file))
        .build();
    // Line 0 means the file as a whole (it could not be read): SARIF has no line 0, so the
    // location names the file alone.
    if e.line > 0 {
        let mut region = Region::builder().start_line(i64::from(e.line)).build();
        if e.column > 0 {
            region.start_column = Some(i64::from(lines.utf16_column(&e.file, e.line, e.column)));
        }
        physical.region = Some(region);
    }
    Notification::builder()
        .level("error")
        .message(Message::builder().text(e.message.as_str()).build())
        .locations(vec![SarifLocation::builder()
            .physical_location(physical)
            .build()])
        .build()
}

/// One line index per file, built once however many findings point into a file: lines,
/// columns and UTF-16 columns are then found without scanning from a line's start.
struct SourceLines<'a> {
    report: &'a Report<'a>,
    indexes: HashMap<&'a str, LineIndex>,
}

impl<'a> SourceLines<'a> {
    fn new(report: &'a Report<'a>) -> Self {
        SourceLines {
            report,
            indexes: HashMap::new(),
        }
    }

    fn of(&mut self, file: &str) -> Option<&LineIndex> {
        let (path, source) = self.report.sources.get_key_value(file)?;
        Some(
            self.indexes
                .entry(path)
                .or_insert_with(|| LineIndex::new(source.path.clone(), source.text.clone())),
        )
    }

    /// A column in code points as a column in UTF-16 code units, against its own line. Without
    /// the source the column stays as it is, which is exact for the usual all-ASCII lines.
    fn utf16_column(&mut self, file: &str, line: u32, column: u32) -> u32 {
        match self.of(file) {
            Some(index) if line <= index.line_count() => index.utf16_column(line, column),
            _ => column,
        }
    }
}

/// Adds the region's text and a few whole lines around it, so that a viewer without the
/// checkout (or after the file changed) still shows what was flagged. Left out when the source
/// is not at hand, the location does not fit it, or the text is longer than [`SARIF_SNIPPET_BYTES`].
fn with_snippets(
    mut physical: PhysicalLocation,
    loc: &Location,
    lines: &mut SourceLines,
) -> PhysicalLocation {
    let Some(index) = lines.of(&loc.file) else {
        return physical;
    };
    // The text is cut by vigil's own columns (code points), not the region's UTF-16 ones.
    let points = region(loc);
    let Some(region) = physical.region.as_mut() else {
        return physical;
    };
    let (Some(start_line), Some(end_line)) = (points.start_line, points.end_line) else {
        return physical;
    };
    let (first, last) = (start_line as u32, end_line as u32);
    if last > index.line_count() || index.text().is_empty() {
        return physical;
    }
    let start_column = points.start_column.unwrap_or(1) as u32;
    let end_column = points.end_column.unwrap_or(1) as u32;
    let text = index.text();
    let (from, _) = index.offset_at(first, start_column);
    let (to, _) = index.offset_at(last, end_column);
    if to.saturating_sub(from) <= SARIF_SNIPPET_BYTES {
        // Line breaks inside the region as `\n`, whatever the file's.
        let mut snippet = String::new();
        for n in first..=last {
            let range = index.line_range(n);
            let piece = &text[range.start.max(from)..range.end.min(to).max(range.start.max(from))];
            snippet.push_str(piece);
            if n != last {
                snippet.push('\n');
            }
        }
        region.snippet = Some(ArtifactContent::builder().text(snippet).build());
    }

    let context_first = first.saturating_sub(CONTEXT_LINES as u32).max(1);
    let context_last = (last + CONTEXT_LINES as u32).min(index.line_count());
    let span = index.line_range(context_first).start..index.line_range(context_last).end;
    if span.len() > SARIF_SNIPPET_BYTES {
        return physical;
    }
    let context_text = (context_first..=context_last)
        .map(|n| &text[index.line_range(n)])
        .collect::<Vec<_>>()
        .join("\n");
    let mut context = Region::builder()
        .start_line(i64::from(context_first))
        .end_line(i64::from(context_last))
        .build();
    context.snippet = Some(ArtifactContent::builder().text(context_text).build());
    physical.context_region = Some(context);
    physical
}

fn physical(loc: &Location, lines: &mut SourceLines) -> PhysicalLocation {
    let mut region = region(loc);
    // Columns to UTF-16 code units, each against its own line.
    if let (Some(line), Some(column)) = (region.start_line, region.start_column) {
        region.start_column = Some(i64::from(lines.utf16_column(
            &loc.file,
            line as u32,
            column as u32,
        )));
    }
    if let (Some(line), Some(column)) = (region.end_line, region.end_column) {
        region.end_column = Some(i64::from(lines.utf16_column(
            &loc.file,
            line as u32,
            column as u32,
        )));
    }
    PhysicalLocation::builder()
        .artifact_location(artifact(&loc.file))
        .region(region)
        .build()
}

fn artifact(file: &str) -> ArtifactLocation {
    ArtifactLocation::builder()
        .uri(relative_uri(file))
        .uri_base_id(SRCROOT)
        .build()
}

/// A SARIF region from a model location. The model's end is already exclusive, as SARIF's is;
/// the clamps only keep a malformed location from making the whole log invalid.
fn region(loc: &Location) -> Region {
    let start_line = loc.line.max(1);
    let start_column = loc.column.max(1);
    let end_line = loc.end_line.max(start_line);
    let end_column = if end_line == start_line {
        loc.end_column.max(start_column)
    } else {
        loc.end_column.max(1)
    };
    Region::builder()
        .start_line(i64::from(start_line))
        .start_column(i64::from(start_column))
        .end_line(i64::from(end_line))
        .end_column(i64::from(end_column))
        .build()
}

/// A path relative to the scan root as a relative URI reference: forward slashes, and
/// everything but unreserved and path-safe characters percent-encoded (spaces, `%`, `#`, `?`,
/// non-ASCII). `:` is encoded too, or `c:foo.tf` would read as a URI with scheme `c`.
fn relative_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.trim_start_matches("./");
    let mut uri = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b'/'
            | b'!'
            | b'$'
            | b'&'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'='
            | b'@' => uri.push(char::from(byte)),
            _ => {
                let _ = write!(uri, "%{byte:02X}");
            }
        }
    }
    uri
}

fn severity_level(severity: Severity) -> ResultLevel {
    match severity {
        Severity::Critical | Severity::High => ResultLevel::Error,
        Severity::Medium => ResultLevel::Warning,
        Severity::Low | Severity::Info => ResultLevel::Note,
    }
}

fn level_name(level: ResultLevel) -> &'static str {
    match level {
        ResultLevel::None => "none",
        ResultLevel::Note => "note",
        ResultLevel::Warning => "warning",
        ResultLevel::Error => "error",
    }
}

/// GitHub's `problem.severity` vocabulary; other SARIF consumers read it where they ignore
/// `security-severity`.
fn problem_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "recommendation",
    }
}

/// GitHub's CVSS-like bands (critical > 9.0, high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9), for
/// a rule known only through a finding.
fn default_security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "0.1",
    }
}

fn first_nonempty<'a>(candidates: &[&'a str]) -> &'a str {
    candidates
        .iter()
        .copied()
        .find(|s| !s.trim().is_empty())
        .unwrap_or("")
}

fn text(s: &str) -> MultiformatMessageString {
    MultiformatMessageString::builder().text(s).build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(relative_uri("main.tf"), "main.tf");
        assert_eq!(relative_uri("./modules\\kv/main.tf"), "modules/kv/main.tf");
        assert_eq!(relative_uri("my dir/a#b%.tf"), "my%20dir/a%23b%25.tf");
        assert_eq!(relative_uri("c:x.tf"), "c%3Ax.tf");
        assert_eq!(relative_uri("é.tf"), "%C3%A9.tf");
    }

    #[test]
    fn columns_count_utf16_code_units() {
        // é is 2 bytes and 1 unit, 金 3 bytes and 1 unit, 🔒 4 bytes and 2 units.
        let index = LineIndex::new("f".into(), "é金🔒x\n".into());
        let column = |c| index.utf16_column(1, c);
        assert_eq!(column(1), 1);
        assert_eq!(column(2), 2);
        assert_eq!(column(3), 3);
        assert_eq!(column(4), 5);
        assert_eq!(column(5), 6);
        // Just past the end, and beyond it, one unit per column.
        assert_eq!(column(6), 7);
        assert_eq!(column(8), 9);
    }

    #[test]
    fn markdown_links_and_headings_become_plain_text() {
        assert_eq!(
            unlink("see [a](http://x) and [b](y)."),
            "see a (http://x) and b (y)."
        );
        assert_eq!(unlink("[not a link] [x]"), "[not a link] [x]");
        assert_eq!(
            markdown_to_text("# T\n\n#hashtag\n```\n# code\n```"),
            "T\n\n#hashtag\n    # code"
        );
    }

    #[test]
    fn malformed_regions_are_clamped() {
        let r = region(&Location::new("a.tf", 0, 0, 0, 0));
        assert_eq!(
            (r.start_line, r.start_column, r.end_line, r.end_column),
            (Some(1), Some(1), Some(1), Some(1))
        );
        let r = region(&Location::new("a.tf", 3, 5, 2, 1));
        assert_eq!((r.end_line, r.end_column), (Some(3), Some(5)));
    }
}
