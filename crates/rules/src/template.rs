//! Message templates: text with `{placeholder}` holes, checked when the rule file loads so
//! that a typo is a load error naming the file and line, not a garbled message at scan time.

use serde::Deserialize;

/// What a template can ask for. The names are the rule-file vocabulary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Placeholder {
    Resource,
    Type,
    Property,
    Path,
    Parent,
    Value,
    Origin,
    Reason,
    Notes,
}

impl Placeholder {
    const ALL: [Placeholder; 9] = [
        Placeholder::Resource,
        Placeholder::Type,
        Placeholder::Property,
        Placeholder::Path,
        Placeholder::Parent,
        Placeholder::Value,
        Placeholder::Origin,
        Placeholder::Reason,
        Placeholder::Notes,
    ];

    fn name(self) -> &'static str {
        match self {
            Placeholder::Resource => "resource",
            Placeholder::Type => "type",
            Placeholder::Property => "property",
            Placeholder::Path => "path",
            Placeholder::Parent => "parent",
            Placeholder::Value => "value",
            Placeholder::Origin => "origin",
            Placeholder::Reason => "reason",
            Placeholder::Notes => "notes",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Piece {
    Text(String),
    Hole(Placeholder),
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Template {
    pieces: Vec<Piece>,
}

impl Template {
    fn parse(source: &str, allowed: &[Placeholder]) -> Result<Template, String> {
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut chars = source.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    text.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    text.push('}');
                }
                '{' => {
                    let mut name = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(c) => name.push(c),
                            None => {
                                return Err(format!(
                                    "unclosed `{{{name}` in message template (write `{{{{` for a literal brace)"
                                ))
                            }
                        }
                    }
                    let known = || {
                        allowed
                            .iter()
                            .map(|p| format!("{{{}}}", p.name()))
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    let hole = Placeholder::ALL
                        .into_iter()
                        .find(|p| p.name() == name.trim())
                        .ok_or_else(|| {
                            format!("unknown placeholder `{{{name}}}`; use one of {}", known())
                        })?;
                    if !allowed.contains(&hole) {
                        return Err(format!(
                            "placeholder `{{{name}}}` is not available here; use one of {}",
                            known()
                        ));
                    }
                    if !text.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(Piece::Hole(hole));
                }
                '}' => {
                    return Err(
                        "lone `}` in message template (write `}}` for a literal brace)".into(),
                    )
                }
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Ok(Template { pieces })
    }

    /// The engine's own fallback templates. They are constants that a test parses; should one
    /// ever not parse, its text is shown as it is rather than panicking mid-scan.
    pub(crate) fn parse_builtin(source: &str) -> Template {
        Template::parse(source, &Placeholder::ALL).unwrap_or_else(|_| Template {
            pieces: vec![Piece::Text(source.to_string())],
        })
    }

    pub(crate) fn render(&self, fill: &dyn Fn(Placeholder) -> String) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Hole(p) => out.push_str(&fill(*p)),
            }
        }
        out
    }
}

/// A finding's message: every placeholder is available.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(try_from = "String")]
pub(crate) struct MessageTemplate(pub(crate) Template);

impl TryFrom<String> for MessageTemplate {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Template::parse(&s, &Placeholder::ALL).map(MessageTemplate)
    }
}

/// One note's text. A note is about its own property, so `{notes}` (recursion) and `{reason}`
/// (notes are only shown when their condition is known true) make no sense in it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(try_from = "String")]
pub(crate) struct NoteTemplate(pub(crate) Template);

impl TryFrom<String> for NoteTemplate {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        const NOTE: [Placeholder; 7] = [
            Placeholder::Resource,
            Placeholder::Type,
            Placeholder::Property,
            Placeholder::Path,
            Placeholder::Parent,
            Placeholder::Value,
            Placeholder::Origin,
        ];
        Template::parse(&s, &NOTE).map(NoteTemplate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(t: &Template) -> String {
        t.render(&|p| format!("<{}>", p.name()))
    }

    #[test]
    fn parses_holes_and_escapes() {
        let t = Template::parse("{resource} sets {{x}} = {value}.", &Placeholder::ALL).unwrap();
        assert_eq!(render(&t), "<resource> sets {x} = <value>.");
    }

    #[test]
    fn rejects_bad_templates() {
        let err = Template::parse("{resorce}", &Placeholder::ALL).unwrap_err();
        assert!(err.contains("unknown placeholder `{resorce}`"), "{err}");
        assert!(err.contains("{resource}"), "{err}");
        assert!(Template::parse("{value", &Placeholder::ALL)
            .unwrap_err()
            .contains("unclosed"));
        assert!(Template::parse("a } b", &Placeholder::ALL)
            .unwrap_err()
            .contains("lone `}`"));
        assert!(NoteTemplate::try_from("{notes}".to_string())
            .unwrap_err()
            .contains("not available here"));
    }
}
