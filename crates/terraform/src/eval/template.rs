//! String templates, heredocs and template directives (hclsyntax's
//! `expression_template.go`): interpolation, `%{ if }` and `%{ for }`, `~` strip markers, and
//! the indentation a `<<-` heredoc removes.

use super::for_expr::{iter_items, with_loop_vars};
use super::{bool_of, err, string_of, unknown_reason, EvalError, Evaluator, Scope, Src, R};
use hcl_edit::template::{Directive, Element, Template};
use hcl_edit::Span;
use vigil_model::budget;
use vigil_model::{Location, Val};

impl Evaluator<'_> {
    /// A heredoc: `<<-` removes the indentation as Terraform does, where vigil can follow it.
    pub(super) fn heredoc(
        &self,
        h: &hcl_edit::template::HeredocTemplate,
        src: Src,
        scope: Option<&Scope>,
        origin: Option<Location>,
    ) -> R {
        // Terraform removes a `<<-` heredoc's indentation after its strip markers
        // took theirs, which can leave less to remove than the text shows.
        let indent = h.indent().unwrap_or(0);
        if indent > 0 && (has_strip(&h.template) || nested_indent(&h.template, false) < indent) {
            return Ok(Val::unknown(
                "a `<<-` heredoc with `~` strip markers or less indented directive \
                 bodies: vigil does not reproduce how Terraform removes its indentation",
                origin,
            ));
        }
        self.template_in(&h.template, src, scope, origin, indent)
    }

    pub(super) fn template(
        &self,
        t: &Template,
        src: Src,
        scope: Option<&Scope>,
        origin: Option<Location>,
    ) -> R {
        self.template_in(t, src, scope, origin, None)
    }

    /// `heredoc`: the indentation a `<<-` heredoc removes, when the template is one.
    /// Terraform reads a heredoc line by line, so a strip marker strips whitespace only up to
    /// the line break, and removes the indentation inside directives too (hcl-edit removes it
    /// from the outermost text only).
    fn template_in(
        &self,
        t: &Template,
        src: Src,
        scope: Option<&Scope>,
        origin: Option<Location>,
        heredoc: impl Into<Option<usize>>,
    ) -> R {
        let heredoc: Option<usize> = heredoc.into();
        // A template that is one interpolation yields the value itself, unconverted.
        if let Some(Element::Interpolation(i)) = t.as_single_element() {
            return self.hcl(&i.expr, src, scope);
        }
        let mut out = String::new();
        if let Some(unknown) = self.render(
            t,
            src,
            scope,
            &mut out,
            Edges {
                start: false,
                end: false,
                heredoc: heredoc.is_some(),
                indent: heredoc.unwrap_or(0),
                nested: false,
            },
        )? {
            return Ok(Val::unknown(unknown, origin));
        }
        Ok(Val::string(out, origin))
    }

    /// Appends a template's text to `out`; returns the reason when a part is unknown.
    /// `edges` says whether the markers around this (nested) template strip the whitespace
    /// at its start and at its end (`%{ if c ~}`, `%{~ endif }`).
    fn render(
        &self,
        t: &Template,
        src: Src,
        scope: Option<&Scope>,
        out: &mut String,
        edges: Edges,
    ) -> Result<Option<String>, EvalError> {
        let elements: Vec<&Element> = t.iter().collect();
        for (i, element) in elements.iter().enumerate() {
            match element {
                Element::Literal(s) => {
                    // `~` on a neighbouring marker strips the whitespace (newlines too) that
                    // touches it.
                    let mut text = s.value().as_str();
                    let before = if i == 0 {
                        edges.start
                    } else {
                        strips_after(elements[i - 1])
                    };
                    let after = match elements.get(i + 1) {
                        Some(next) => strips_before(next),
                        None => edges.end,
                    };
                    if before {
                        let trimmed = text.trim_start();
                        let stripped = &text[..text.len() - trimmed.len()];
                        text = match stripped.find('\n') {
                            Some(nl) if edges.heredoc => &text[nl + 1..],
                            _ => trimmed,
                        };
                    }
                    if after {
                        // A heredoc's last line (with its line break) is the part stripped.
                        let body = text.strip_suffix('\n').unwrap_or(text);
                        let cut = match body.rfind('\n') {
                            Some(nl) if edges.heredoc => nl + 1,
                            _ => 0,
                        };
                        text = &text[..cut + text[cut..].trim_end().len()];
                    }
                    if edges.nested && edges.indent > 0 {
                        out.push_str(&dedent_lines(text, edges.indent));
                    } else {
                        out.push_str(text)
                    }
                }
                Element::Interpolation(i) => {
                    let v = self.hcl(&i.expr, src, scope)?;
                    match string_of(&v) {
                        Ok(Some(s)) => {
                            let at = || self.loc(src, i.expr.span());
                            if let Err(e) = budget::check_text(out.len() + s.len(), at) {
                                return Ok(Some(e.reason));
                            }
                            out.push_str(&s)
                        }
                        Ok(None) => {
                            return Ok(Some(unknown_reason(&v, "part of the string is unknown")))
                        }
                        Err(m) => return Err(err(format!("in a string template: {m}"), v.origin)),
                    }
                }
                Element::Directive(d) => match d.as_ref() {
                    Directive::If(d) => {
                        let cond = self.hcl(&d.if_expr.cond_expr, src, scope)?;
                        match bool_of(&cond) {
                            Some(true) => {
                                let end = match &d.else_expr {
                                    Some(e) => e.strip.strip_start(),
                                    None => d.endif_expr.strip.strip_start(),
                                };
                                let edges = Edges {
                                    start: d.if_expr.strip.strip_end(),
                                    end,
                                    nested: true,
                                    ..edges
                                };
                                if let Some(u) =
                                    self.render(&d.if_expr.template, src, scope, out, edges)?
                                {
                                    return Ok(Some(u));
                                }
                            }
                            Some(false) => {
                                if let Some(e) = &d.else_expr {
                                    let edges = Edges {
                                        start: e.strip.strip_end(),
                                        end: d.endif_expr.strip.strip_start(),
                                        nested: true,
                                        ..edges
                                    };
                                    if let Some(u) =
                                        self.render(&e.template, src, scope, out, edges)?
                                    {
                                        return Ok(Some(u));
                                    }
                                }
                            }
                            None if cond.is_unknown() => {
                                return Ok(Some(unknown_reason(
                                    &cond,
                                    "a template condition is unknown",
                                )))
                            }
                            None => {
                                return Err(err("a template condition is not a bool", cond.origin))
                            }
                        }
                    }
                    Directive::For(d) => {
                        let f = &d.for_expr;
                        let coll = self.hcl(&f.collection_expr, src, scope)?;
                        let items = match iter_items(&coll) {
                            Ok(items) => items,
                            Err(None) => {
                                return Ok(Some(unknown_reason(
                                    &coll,
                                    "a template loop's collection is unknown",
                                )))
                            }
                            Err(Some(m)) => return Err(err(m, coll.origin)),
                        };
                        let key_var = f.key_var.as_ref().map(|k| k.value().as_str());
                        let items = match self.set_keys(key_var, &f.collection_expr, &coll, items) {
                            Ok(items) => items,
                            Err(reason) => return Ok(Some(reason)),
                        };
                        for (k, v) in items {
                            let unknown = with_loop_vars(
                                scope,
                                key_var,
                                f.value_var.value().as_str(),
                                k,
                                v,
                                |inner| {
                                    let edges = Edges {
                                        start: f.strip.strip_end(),
                                        end: d.endfor_expr.strip.strip_start(),
                                        nested: true,
                                        ..edges
                                    };
                                    self.render(&f.template, src, Some(inner), out, edges)
                                },
                            )?;
                            if let Some(u) = unknown {
                                return Ok(Some(u));
                            }
                            let at = || self.loc(src, f.collection_expr.span());
                            if let Err(e) = budget::check_text(out.len(), at) {
                                return Ok(Some(e.reason));
                            }
                        }
                    }
                },
            }
        }
        Ok(None)
    }
}

/// How a (nested) template's edges are stripped: whether the markers around it strip the
/// whitespace at its start and at its end (`%{ if c ~}`, `%{~ endif }`), and whether it is
/// part of a heredoc (where stripping stops at a line break).
#[derive(Clone, Copy)]
struct Edges {
    start: bool,
    end: bool,
    heredoc: bool,
    /// A `<<-` heredoc's indentation, removed here from the lines inside directives.
    indent: usize,
    nested: bool,
}

/// Removes `n` characters of indentation from each non-empty line after a line break.
fn dedent_lines(text: &str, n: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            out.extend(line.chars().skip(n));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// The least indentation of a line inside a directive of `t` (`usize::MAX` when none).
fn nested_indent(t: &Template, nested: bool) -> usize {
    t.iter()
        .map(|e| match e {
            Element::Literal(s) if nested => s
                .value()
                .split('\n')
                .skip(1)
                .filter(|l| !l.is_empty())
                .map(|l| l.chars().take_while(|c| c.is_whitespace()).count())
                .min()
                .unwrap_or(usize::MAX),
            Element::Literal(_) | Element::Interpolation(_) => usize::MAX,
            Element::Directive(d) => match d.as_ref() {
                Directive::If(d) => nested_indent(&d.if_expr.template, true).min(
                    d.else_expr
                        .as_ref()
                        .map_or(usize::MAX, |e| nested_indent(&e.template, true)),
                ),
                Directive::For(d) => nested_indent(&d.for_expr.template, true),
            },
        })
        .min()
        .unwrap_or(usize::MAX)
}

/// Whether a template holds a `~` strip marker anywhere.
fn has_strip(t: &Template) -> bool {
    t.iter().any(|e| match e {
        Element::Literal(_) => false,
        Element::Interpolation(i) => i.strip.strip_start() || i.strip.strip_end(),
        Element::Directive(d) => match d.as_ref() {
            Directive::If(d) => {
                d.if_expr.strip != hcl_edit::template::Strip::None
                    || d.endif_expr.strip != hcl_edit::template::Strip::None
                    || d.else_expr.as_ref().is_some_and(|e| {
                        e.strip != hcl_edit::template::Strip::None || has_strip(&e.template)
                    })
                    || has_strip(&d.if_expr.template)
            }
            Directive::For(d) => {
                d.for_expr.strip != hcl_edit::template::Strip::None
                    || d.endfor_expr.strip != hcl_edit::template::Strip::None
                    || has_strip(&d.for_expr.template)
            }
        },
    })
}

/// Whether a template element's closing marker strips the whitespace after it (`~}`).
fn strips_after(e: &Element) -> bool {
    match e {
        Element::Literal(_) => false,
        Element::Interpolation(i) => i.strip.strip_end(),
        Element::Directive(d) => match d.as_ref() {
            Directive::If(d) => d.endif_expr.strip.strip_end(),
            Directive::For(d) => d.endfor_expr.strip.strip_end(),
        },
    }
}

/// Whether a template element's opening marker strips the whitespace before it (`${~`).
fn strips_before(e: &Element) -> bool {
    match e {
        Element::Literal(_) => false,
        Element::Interpolation(i) => i.strip.strip_start(),
        Element::Directive(d) => match d.as_ref() {
            Directive::If(d) => d.if_expr.strip.strip_start(),
            Directive::For(d) => d.for_expr.strip.strip_start(),
        },
    }
}
