//! The `load*()` file functions (`loadTextContent`, `loadJsonContent`, `loadYamlContent`,
//! `loadFileAsBase64`): files read beside the Bicep file, bounded in size.

use super::*;

impl<'a> Scope<'a> {
    /// `loadTextContent`, `loadFileAsBase64`, `loadJsonContent`: the compiler reads the file
    /// (relative to this one) and writes its content into the template, so vigil reads it too,
    /// by the same file policy as every other read and within the compiler's own size limits.
    pub(super) fn load(&self, kind: Load, args: &[&Expr], at: &Location) -> R {
        let func = kind.name();
        let Some(first) = args.first() else {
            return Err(format!("function `{func}` needs a file path"));
        };
        let unknown = |why: String| Ok(Val::unknown(why, Some(at.clone())));
        let path = match self.eval(first)?.value {
            Value::String(p) => p,
            _ => return unknown(format!("the file `{func}` reads is not known")),
        };
        // An encoding other than UTF-8 (the default) is read as .NET reads it: not here.
        let encoding = match (kind, args.get(1), args.get(2)) {
            (Load::Json, _, Some(e)) | (Load::Text, Some(e), _) => Some(self.eval(e)?),
            _ => None,
        };
        if let Some(e) = encoding {
            if !matches!(e.as_str(), Some(x) if x.eq_ignore_ascii_case("utf-8")) {
                return unknown(format!("`{func}` with an encoding other than utf-8"));
            }
        }
        if kind == Load::Json && args.len() > 1 {
            return unknown(format!("`{func}` with a JSONPath"));
        }
        let dir = self.file.path.parent().unwrap_or(Path::new("."));
        let target = normalize_path(&dir.join(&path));
        let text = match vigil_model::files::read_text(&target, vigil_model::files::policy()) {
            Ok(t) => t,
            Err(refusal) => return unknown(format!("`{func}('{path}')`: {}", refusal.message())),
        };
        let chars = text.chars().count();
        if chars > kind.limit() {
            return Err(format!(
                "`{func}('{path}')`: the file has {chars} characters, more than the {} Bicep \
                 accepts",
                kind.limit()
            ));
        }
        let content = Val::string(text, Some(at.clone()));
        match kind {
            Load::Text => Ok(content),
            Load::Base64 => f::call("base64", vec![content], at),
            Load::Json => f::call("json", vec![content], at),
        }
    }
}

/// The functions that read a file when Bicep compiles.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Load {
    Text,
    Base64,
    Json,
}

impl Load {
    pub(super) fn of(name: &str) -> Option<Load> {
        match name {
            "loadTextContent" => Some(Load::Text),
            "loadFileAsBase64" => Some(Load::Base64),
            "loadJsonContent" => Some(Load::Json),
            _ => None,
        }
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            Load::Text => "loadTextContent",
            Load::Base64 => "loadFileAsBase64",
            Load::Json => "loadJsonContent",
        }
    }

    /// The compiler's limits: 131,072 characters of text, 96 KiB of a file made base64, 1 MiB
    /// of JSON.
    pub(super) fn limit(self) -> usize {
        match self {
            Load::Text => 131_072,
            Load::Base64 => 96 * 1024,
            Load::Json => 1024 * 1024,
        }
    }
}
