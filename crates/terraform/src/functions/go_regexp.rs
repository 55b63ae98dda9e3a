//! Go's regular expressions (RE2 syntax, as Terraform's `regex`, `regexall` and `replace`
//! read them) on Rust's `regex` engine: the pattern translation where the two syntaxes
//! differ, and Go's `Regexp.Expand` replacement templates. Not a Terraform function itself.

/// A part of a Go regexp replacement template.
pub(super) enum Piece {
    Text(String),
    Group(usize),
    Named(String),
}

/// Go's `Regexp.Expand` template: `$1`, `${1}`, `$name`, `${name}` and `$$`; a name is the
/// longest run of letters, digits and `_` (so `$1x` names the group "1x"), and a `$` that
/// starts no valid reference is kept as text.
pub(super) fn parse_template(t: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut rest = t;
    while let Some(i) = rest.find('$') {
        text.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix('$') {
            text.push('$');
            rest = r;
            continue;
        }
        let (braced, body) = match rest.strip_prefix('{') {
            Some(b) => (true, b),
            None => (false, rest),
        };
        let len: usize = body
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .map(char::len_utf8)
            .sum();
        let name = &body[..len];
        let after = &body[len..];
        let ok = !name.is_empty() && (!braced || after.starts_with('}'));
        if !ok {
            text.push('$');
            continue;
        }
        rest = if braced { &after[1..] } else { after };
        pieces.push(Piece::Text(std::mem::take(&mut text)));
        let number = (name.bytes().all(|b| b.is_ascii_digit())
            && !(name.len() > 1 && name.starts_with('0')))
        .then(|| name.parse::<usize>().ok())
        .flatten();
        pieces.push(match number {
            Some(n) => Piece::Group(n),
            None => Piece::Named(name.to_string()),
        });
    }
    text.push_str(rest);
    pieces.push(Piece::Text(text));
    pieces
}

pub(super) fn expand(
    template: &[Piece],
    re: &regex::Regex,
    caps: &regex::Captures,
    out: &mut String,
) {
    for p in template {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Group(n) => {
                if let Some(m) = caps.get(*n) {
                    out.push_str(m.as_str());
                }
            }
            Piece::Named(name) => {
                // Go takes the first group of that name.
                let index = re.capture_names().position(|n| n == Some(name.as_str()));
                if let Some(m) = index.and_then(|i| caps.get(i)) {
                    out.push_str(m.as_str());
                }
            }
        }
    }
}

/// Compiles a Go (RE2) regular expression with Rust's engine, which shares its syntax except
/// that Go's `\d`, `\w`, `\s` and `\b` are ASCII-only, Go has `\Q...\E`, and inside a class Go
/// reads `[`, `&&`, `--` and `~~` literally where Rust nests or combines classes.
pub(super) fn go_regex(pattern: &str) -> Result<regex::Regex, String> {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    // Whether the class was just opened, where `]` is a literal.
    let mut class_start = false;
    while let Some(c) = chars.next() {
        let was_start = std::mem::replace(&mut class_start, false);
        match c {
            '\\' => {
                let Some(e) = chars.next() else {
                    out.push('\\');
                    break;
                };
                match e {
                    'd' => out.push_str("[0-9]"),
                    'D' => out.push_str("[^0-9]"),
                    'w' => out.push_str("[0-9A-Za-z_]"),
                    'W' => out.push_str("[^0-9A-Za-z_]"),
                    's' => out.push_str("[\\t\\n\\f\\r ]"),
                    'S' => out.push_str("[^\\t\\n\\f\\r ]"),
                    'b' if !in_class => out.push_str("(?-u:\\b)"),
                    'B' if !in_class => out.push_str("(?-u:\\B)"),
                    '<' | '>' => out.push(e),
                    'Q' => {
                        let mut lit = String::new();
                        while let Some(q) = chars.next() {
                            if q == '\\' && chars.peek() == Some(&'E') {
                                chars.next();
                                break;
                            }
                            lit.push(q);
                        }
                        if in_class {
                            for q in lit.chars() {
                                push_class_literal(&mut out, q);
                            }
                        } else {
                            out.push_str(&regex::escape(&lit));
                        }
                    }
                    _ => {
                        out.push('\\');
                        out.push(e);
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                if chars.peek() == Some(&'^') {
                    chars.next();
                    out.push('^');
                }
                class_start = true;
            }
            '[' if chars.peek() == Some(&':') => {
                // A POSIX class such as [:alpha:], which both engines read alike.
                out.push('[');
                for p in chars.by_ref() {
                    out.push(p);
                    if p == ']' {
                        break;
                    }
                }
            }
            ']' if in_class && was_start => out.push_str("\\]"),
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '[' | '&' | '~' if in_class => push_class_literal(&mut out, c),
            '{' if !in_class => {
                // Go reads a brace that starts no repetition as itself, and refuses counts
                // above 1000, where Rust errs on the first and only limits size.
                let rest: String = chars.clone().take_while(|&c| c != '}').collect();
                let closed = chars.clone().any(|c| c == '}');
                let counts: Vec<&str> = rest.split(',').collect();
                let is_repeat = closed
                    && counts.len() <= 2
                    && !counts[0].is_empty()
                    && counts.iter().all(|c| c.bytes().all(|b| b.is_ascii_digit()));
                if !is_repeat {
                    out.push_str("\\{");
                } else if counts
                    .iter()
                    .any(|c| c.len() > 4 || c.parse::<u32>().unwrap_or(0) > 1000)
                {
                    return Err(format!("invalid repeat count: `{{{rest}}}`"));
                } else {
                    out.push('{');
                }
            }
            '-' if in_class && chars.peek() == Some(&'-') => out.push_str("\\-"),
            _ => out.push(c),
        }
    }
    regex::RegexBuilder::new(&out)
        .size_limit(1 << 22)
        .build()
        .map_err(|e| match e {
            regex::Error::Syntax(msg) => msg.lines().last().unwrap_or_default().trim().to_string(),
            other => other.to_string(),
        })
}

fn push_class_literal(out: &mut String, c: char) {
    if "[]\\^-&~".contains(c) {
        out.push('\\');
    }
    out.push(c);
}
