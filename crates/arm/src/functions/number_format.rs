//! Numbers under .NET format specifiers (en-US), as `format('{0:N2}', ...)` writes them.

use super::{number_text, whole};

/// A number under a .NET format specifier (en-US), `Ok(None)` for specifiers vigil does not
/// evaluate.
pub(super) fn format_number(n: f64, spec: &str) -> Result<Option<String>, String> {
    let spec = spec.trim();
    if spec.is_empty() {
        return Ok(Some(number_text(n)));
    }
    let mut chars = spec.chars();
    let kind = chars.next().unwrap_or('G');
    let digits = chars.as_str();
    let standard = kind.is_ascii_alphabetic() && digits.bytes().all(|b| b.is_ascii_digit());
    if !standard {
        return Ok(custom_format(n, spec));
    }
    let precision: Option<usize> = if digits.is_empty() {
        None
    } else {
        match digits.parse::<usize>() {
            Ok(p) if p <= 100 => Some(p),
            _ => return Ok(None),
        }
    };
    let int = whole(n);
    Ok(match kind.to_ascii_uppercase() {
        'D' => {
            let Some(i) = int else {
                return Err("format specifier D needs an integer".into());
            };
            let body = format!(
                "{:0width$}",
                i.unsigned_abs(),
                width = precision.unwrap_or(0)
            );
            Some(if i < 0 { format!("-{body}") } else { body })
        }
        'X' => {
            let Some(i) = int else {
                return Err("format specifier X needs an integer".into());
            };
            let body = format!("{:0width$X}", i as u64, width = precision.unwrap_or(0));
            Some(if kind == 'x' {
                body.to_lowercase()
            } else {
                body
            })
        }
        'N' => Some(grouped(n, precision.unwrap_or(2))),
        'F' => Some(fixed(n, precision.unwrap_or(2))),
        'G' | 'R' => Some(number_text(n)),
        'E' => {
            let p = precision.unwrap_or(6);
            let s = format!("{:.p$e}", n.abs());
            let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
            let exp: i32 = exp.parse().unwrap_or(0);
            let sign = if n < 0.0 { "-" } else { "" };
            let e = if kind == 'e' { 'e' } else { 'E' };
            let es = if exp < 0 { '-' } else { '+' };
            Some(format!("{sign}{mantissa}{e}{es}{:03}", exp.unsigned_abs()))
        }
        _ => None,
    })
}

/// Fixed-point with `p` decimals; the sign only when the rounded number is not zero.
fn fixed(n: f64, p: usize) -> String {
    let body = format!("{:.p$}", n.abs());
    let zero = body.bytes().all(|b| b == b'0' || b == b'.');
    if n < 0.0 && !zero {
        format!("-{body}")
    } else {
        body
    }
}

/// `N` format: thousands separated by commas.
fn grouped(n: f64, p: usize) -> String {
    let f = fixed(n, p);
    let (sign, body) = match f.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", f.as_str()),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// Custom formats made of `0` and `#` only (minimum digits): the ones templates use for
/// zero-padding.
fn custom_format(n: f64, spec: &str) -> Option<String> {
    if !spec.bytes().all(|b| b == b'0' || b == b'#') {
        return None;
    }
    let zeros = spec.bytes().filter(|b| *b == b'0').count();
    // .NET rounds custom formats half away from zero.
    let r = n.round();
    let body = format!("{:0zeros$}", r.abs() as u128);
    let body = if zeros == 0 && body == "0" {
        String::new()
    } else {
        body
    };
    Some(if r < 0.0 { format!("-{body}") } else { body })
}
