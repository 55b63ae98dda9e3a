//! `vigil config`'s printout: the configuration file's settings with every default filled in,
//! as YAML that nothing in it can act on (no hidden characters, no workflow commands).

use crate::config::Config;
use serde::Serialize;
use std::collections::BTreeMap;
use vigil_model::RuleMeta;

/// `vigil config`: the file's settings with every default filled in, as YAML.
pub fn effective_config(config: &Config, metas: &[RuleMeta]) -> Result<String, String> {
    #[derive(Serialize)]
    #[serde(rename_all = "kebab-case")]
    struct Effective<'a> {
        include: Vec<&'a str>,
        exclude: Vec<&'a str>,
        respect_gitignore: bool,
        /// In bytes.
        max_file_size: u64,
        follow_symlinks: bool,
        select: &'a [String],
        ignore: &'a [String],
        /// The rules that will run, with the severity each reports.
        rules: BTreeMap<&'a str, &'a str>,
        fail_on: &'a str,
        fail_on_unknown: bool,
        inline_ignores: bool,
        baseline: Option<&'a str>,
        terraform: &'a crate::config::TerraformSection,
        arm: &'a crate::config::ArmSection,
        limits: Limits,
        ignores: &'a [serde_saphyr::Spanned<crate::config::IgnoreEntry>],
    }
    /// `limits:` as the file writes them (sizes in bytes).
    #[derive(Serialize)]
    #[serde(rename_all = "kebab-case")]
    struct Limits {
        value_size: usize,
        collection_items: usize,
        unit_steps: u64,
        unit_resources: usize,
        run_instances: usize,
        findings: usize,
        module_depth: usize,
    }
    let l = &config.limits;
    let f = &config.file;
    let effective = Effective {
        include: f.include.iter().map(|g| g.value.as_str()).collect(),
        exclude: f.exclude.iter().map(|g| g.value.as_str()).collect(),
        respect_gitignore: f.respect_gitignore.unwrap_or(true),
        max_file_size: config
            .max_file_size
            .unwrap_or(vigil_model::files::DEFAULT_MAX_FILE_SIZE),
        follow_symlinks: f.follow_symlinks.unwrap_or(false),
        select: config.select(),
        ignore: &f.ignore,
        rules: metas
            .iter()
            .map(|m| (m.id.as_str(), m.severity.as_str()))
            .collect(),
        fail_on: config.fail_on.map_or("any", |s| s.as_str()),
        fail_on_unknown: f.fail_on_unknown.unwrap_or(false),
        inline_ignores: f.inline_ignores.unwrap_or(true),
        baseline: f.baseline.as_deref(),
        terraform: &f.terraform,
        arm: &f.arm,
        limits: Limits {
            value_size: l.value_bytes,
            collection_items: l.value_items,
            unit_steps: l.unit_steps,
            unit_resources: l.unit_resources,
            run_instances: l.run_instances,
            findings: l.run_findings,
            module_depth: l.module_depth,
        },
        ignores: &f.ignores,
    };
    let yaml = yaml_safe(&serde_saphyr::to_string(&effective).map_err(|e| e.to_string())?);
    let source = match &config.path {
        Some(p) => format!("# configuration: {}\n", p.display()),
        None => "# no configuration file found: the defaults\n".to_string(),
    };
    Ok(source + &yaml)
}

/// The printout with what the emitter leaves raw escaped: hidden characters (bidi controls,
/// zero widths, DEL and C1 controls when it does not quote them) and the `[` of `##[` and
/// `##vso[`, which the GitHub runner reads as a command anywhere in a line. Written as YAML's
/// `\uXXXX` (`\UXXXXXXXX` above U+FFFF): exact inside the double-quoted scalars the emitter
/// uses for values with control characters, shown as text elsewhere. The emitter quotes a
/// string that starts with `:`, so no line starts with `::`; [`vigil_report::guard_lines`]
/// checks that once more.
fn yaml_safe(yaml: &str) -> String {
    let mut out = String::with_capacity(yaml.len());
    for c in yaml.chars() {
        let command = c == '['
            && (out.ends_with("##")
                || out
                    .get(out.len().saturating_sub(5)..)
                    .is_some_and(|t| t.eq_ignore_ascii_case("##vso")));
        if (c != '\n' && vigil_report::is_hidden(c)) || command {
            if (c as u32) > 0xffff {
                out.push_str(&format!("\\U{:08x}", c as u32));
            } else {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
        } else {
            out.push(c);
        }
    }
    vigil_report::guard_lines(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_printout_holds_nothing_that_acts() {
        assert_eq!(yaml_safe("a: b\n"), "a: b\n");
        assert_eq!(
            yaml_safe("reason: \"x \u{202e} ##[error]y ##vso[z]\"\n"),
            "reason: \"x \\u202e ##\\u005berror]y ##vso\\u005bz]\"\n"
        );
        assert_eq!(yaml_safe("k: \u{e0041}\u{7f}\n"), "k: \\U000e0041\\u007f\n");
    }
}
