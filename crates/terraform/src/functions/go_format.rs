//! Go's `fmt` verbs as cty's `format` function runs them (`%v`, `%s`, `%q`, `%d`, `%x`, `%f`,
//! `%e`, `%g`, ... with flags, width, precision and `[n]` argument indexes), and Go's
//! `big.Float` / `big.Int` number formatting they print numbers with; also Go's `%q` quoting
//! of strings in Terraform's messages ([`go_quote`]). Not Terraform functions themselves:
//! `format` and `formatlist` are in [`super::string`].

use super::encoding::{json_string, json_text};
use super::graphemes::graphemes;
use super::{check_text, param_err};
use crate::convert::{bool_of, number_of, prim_string};
use std::fmt::Write as _;
use vigil_model::limits::FORMAT_WIDTH;
use vigil_model::{Val, Value};

/// A string quoted the way Go's `%q` quotes it in Terraform's messages.
pub(crate) fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One `%` verb of a format string.
#[derive(Default)]
struct Verb {
    /// The verb as written, e.g. `%-5.2f`, for messages.
    raw: String,
    /// Byte offset of its `%`, for messages.
    offset: usize,
    /// 1-based argument number.
    arg: usize,
    zero: bool,
    sharp: bool,
    plus: bool,
    minus: bool,
    space: bool,
    width: Option<usize>,
    prec: Option<usize>,
    mode: char,
}

/// What one format call produced and what its text is made of.
pub(super) struct Formatted {
    pub(super) text: String,
    /// Whether the format string's own text (not only verbs) is in the result.
    pub(super) literal: bool,
    /// Arguments (0-based) a verb used.
    pub(super) used: Vec<usize>,
}

/// cty's format machine: `%%`, then `%` flags (`0#-+ `), an optional `[n]` argument index,
/// an optional width, an optional `.precision`, and a letter.
pub(super) fn format_text(fmt: &str, args: &[Val]) -> Result<Formatted, String> {
    let chars: Vec<(usize, char)> = fmt.char_indices().collect();
    let mut out = Formatted {
        text: String::with_capacity(fmt.len()),
        literal: false,
        used: Vec::new(),
    };
    let mut next_arg = 1usize;
    let mut max_arg = 0usize;
    let mut i = 0;
    let unrecognized = |i: usize| {
        let (off, c) = chars[i];
        format!("unrecognized format character '{c}' at offset {off}")
    };
    let eof = || format!("invalid format string starting at offset {}", fmt.len());
    while i < chars.len() {
        let (start, c) = chars[i];
        if c != '%' {
            out.text.push(c);
            out.literal = true;
            i += 1;
            continue;
        }
        if chars.get(i + 1).map(|p| p.1) == Some('%') {
            out.text.push('%');
            out.literal = true;
            i += 2;
            continue;
        }
        i += 1;
        let mut verb = Verb {
            offset: start,
            arg: next_arg,
            ..Verb::default()
        };
        while let Some(&(_, c)) = chars.get(i) {
            match c {
                '0' => verb.zero = true,
                '#' => verb.sharp = true,
                '-' => verb.minus = true,
                '+' => verb.plus = true,
                ' ' => verb.space = true,
                _ => break,
            }
            i += 1;
        }
        if chars.get(i).map(|p| p.1) == Some('[') {
            i += 1;
            let mut n = 0usize;
            let mut digits = 0;
            loop {
                let Some(&(_, c)) = chars.get(i) else {
                    return Err(eof());
                };
                match c {
                    '0'..='9' if !(digits == 0 && c == '0') => {
                        n = n
                            .saturating_mul(10)
                            .saturating_add(c as usize - '0' as usize);
                        digits += 1;
                    }
                    ']' if digits > 0 => {
                        i += 1;
                        break;
                    }
                    _ => return Err(unrecognized(i)),
                }
                i += 1;
            }
            verb.arg = n;
        }
        let number = |i: &mut usize| {
            let mut n = 0usize;
            while let Some(&(_, c @ '0'..='9')) = chars.get(*i) {
                n = n
                    .saturating_mul(10)
                    .saturating_add(c as usize - '0' as usize);
                *i += 1;
            }
            n
        };
        if matches!(chars.get(i), Some((_, '1'..='9'))) {
            verb.width = Some(number(&mut i));
        }
        if chars.get(i).map(|p| p.1) == Some('.') {
            i += 1;
            verb.prec = Some(number(&mut i));
        }
        let Some(&(_, mode)) = chars.get(i) else {
            return Err(eof());
        };
        if !mode.is_ascii_alphabetic() {
            return Err(unrecognized(i));
        }
        i += 1;
        verb.mode = mode;
        let end = chars.get(i).map_or(fmt.len(), |p| p.0);
        verb.raw = fmt[start..end].to_string();
        if verb.width.unwrap_or(0) > FORMAT_WIDTH || verb.prec.unwrap_or(0) > FORMAT_WIDTH {
            return Err(format!(
                "the width or precision of {} is more than vigil evaluates",
                go_quote(&verb.raw)
            ));
        }
        let Some(arg) = verb.arg.checked_sub(1).and_then(|a| args.get(a)) else {
            return Err(format!(
                "not enough arguments for {} at {}: need index {} but have {} total",
                go_quote(&verb.raw),
                verb.offset,
                verb.arg,
                args.len()
            ));
        };
        format_verb(&verb, arg, &mut out.text)?;
        check_text(out.text.len())?;
        out.used.push(verb.arg - 1);
        max_arg = max_arg.max(verb.arg);
        next_arg = verb.arg + 1;
    }
    if args.len() > max_arg {
        return Err(param_err(
            "args",
            if max_arg == 0 {
                "too many arguments; no verbs in format string".to_string()
            } else {
                format!("too many arguments; only {max_arg} used by format string")
            },
        ));
    }
    out.used.sort_unstable();
    out.used.dedup();
    Ok(out)
}

fn format_verb(verb: &Verb, arg: &Val, out: &mut String) -> Result<(), String> {
    let fail = |msg: &str| {
        format!(
            "unsupported value for {} at {}: {msg}",
            go_quote(&verb.raw),
            verb.offset
        )
    };
    if verb.mode != 'v' && matches!(arg.value, Value::Null) {
        return Err(fail("null value cannot be formatted"));
    }
    match verb.mode {
        'v' => {
            let text = match &arg.value {
                Value::String(s) if !verb.sharp => s.clone(),
                Value::Number(n) if !verb.sharp => float_text(*n, 'g', None),
                _ => json_text(arg).map_err(|e| fail(&e))?,
            };
            out.push_str(&pad_width(verb, text));
        }
        't' => {
            let b = bool_of(arg).map_err(|_| fail("a bool is required"))?;
            out.push_str(if b { "true" } else { "false" });
        }
        'b' | 'd' | 'o' | 'x' | 'X' => {
            let n = number_of(arg).map_err(|_| fail("a number is required"))?;
            let text = format_integer(verb, n).ok_or_else(|| fail("an integer is required"))?;
            out.push_str(&text);
        }
        'e' | 'E' | 'f' | 'g' | 'G' => {
            let n = number_of(arg).map_err(|_| fail("a number is required"))?;
            out.push_str(&format_float(verb, n));
        }
        's' | 'q' => {
            let mut s = prim_string(arg).ok_or_else(|| fail("string required"))?;
            if let Some(p) = verb.prec.filter(|&p| p > 0) {
                s = graphemes(&s).into_iter().take(p).collect();
            }
            if verb.mode == 'q' {
                let mut q = String::new();
                json_string(&s, &mut q);
                s = q;
            }
            out.push_str(&pad_width(verb, s));
        }
        m => {
            return Err(format!(
                "unsupported format verb '{m}' in {} at offset {}",
                go_quote(&verb.raw),
                verb.offset
            ))
        }
    }
    Ok(())
}

/// cty pads strings and `%v` itself, counting grapheme clusters.
fn pad_width(verb: &Verb, text: String) -> String {
    let Some(width) = verb.width else {
        return text;
    };
    let have = graphemes(&text).len();
    if have >= width {
        return text;
    }
    let pad = if verb.zero { "0" } else { " " }.repeat(width - have);
    if verb.minus {
        text + &pad
    } else {
        pad + &text
    }
}

/// A number's decimal digits, as Go's `big` package rounds and prints them: the value is
/// 0.`mant` × 10^`exp`, `mant` without leading or trailing zeros (empty for zero).
struct Decimal {
    mant: Vec<u8>,
    exp: i64,
    /// The magnitude, to settle ties the way Terraform's 512-bit numbers do.
    value: f64,
}

impl Decimal {
    /// The shortest digits that read back as `x` (the digits a person wrote).
    fn of(x: f64) -> Decimal {
        let x = x.abs();
        let text = format!("{x:e}");
        let (m, e) = text.split_once('e').unwrap_or((&text, "0"));
        let e: i64 = e.parse().unwrap_or(0);
        let mut mant: Vec<u8> = m.bytes().filter(u8::is_ascii_digit).collect();
        while mant.last() == Some(&b'0') {
            mant.pop();
        }
        let lead = mant.iter().take_while(|&&d| d == b'0').count();
        mant.drain(..lead);
        let exp = if mant.is_empty() { 0 } else { e + 1 };
        Decimal {
            mant,
            exp,
            value: x,
        }
    }

    fn at(&self, i: i64) -> u8 {
        usize::try_from(i)
            .ok()
            .and_then(|i| self.mant.get(i).copied())
            .unwrap_or(b'0')
    }

    /// Rounds to `n` digits, half to even as Go does for exact ties.
    fn round(&mut self, n: i64) {
        let Ok(n) = usize::try_from(n) else { return };
        if n >= self.mant.len() {
            return;
        }
        let up = if self.mant[n] == b'5' && n + 1 == self.mant.len() {
            match self.tie_direction() {
                Some(up) => up,
                None => n > 0 && (self.mant[n - 1] - b'0') % 2 == 1,
            }
        } else {
            self.mant[n] >= b'5'
        };
        if up {
            let mut k = n;
            while k > 0 && self.mant[k - 1] == b'9' {
                k -= 1;
            }
            if k == 0 {
                self.mant.clear();
                self.mant.push(b'1');
                self.exp += 1;
            } else {
                self.mant[k - 1] += 1;
                self.mant.truncate(k);
            }
        } else {
            self.mant.truncate(n);
            while self.mant.last() == Some(&b'0') {
                self.mant.pop();
            }
            if self.mant.is_empty() {
                self.exp = 0;
            }
        }
    }

    /// A decimal tie such as 2.675 is no tie for Terraform: it holds the nearest 512-bit
    /// binary number, a little above or below. Whether above: the fraction of
    /// D·2^e / 10^k (the digits D with k decimals, scaled to 512 bits) is at least one half.
    /// `None` when the decimal is exact in binary or out of this method's reach.
    fn tie_direction(&self) -> Option<bool> {
        let k = self.mant.len() as i64 - self.exp;
        if k <= 0 || k > 27 || self.mant.len() > 19 {
            return None;
        }
        let digits: u64 = std::str::from_utf8(&self.mant).ok()?.parse().ok()?;
        let biased = ((self.value.to_bits() >> 52) & 0x7ff) as i64;
        if biased == 0 || biased == 0x7ff {
            return None;
        }
        let e = 511 - (biased - 1023);
        let shift = u64::try_from(e - k).ok()?;
        let m = 5u64.pow(k as u32);
        let mulmod = |a: u64, b: u64| (u128::from(a) * u128::from(b) % u128::from(m)) as u64;
        let (mut pow, mut base, mut s) = (1 % m, 2 % m, shift);
        while s > 0 {
            if s & 1 == 1 {
                pow = mulmod(pow, base);
            }
            base = mulmod(base, base);
            s >>= 1;
        }
        let rem = mulmod(digits % m, pow);
        (rem != 0).then(|| 2 * u128::from(rem) > u128::from(m))
    }

    /// The digits of a whole number, or `None` if it has a fraction.
    fn integer_digits(&self) -> Option<String> {
        if self.mant.is_empty() {
            return Some("0".into());
        }
        let exp = usize::try_from(self.exp).ok()?;
        if exp < self.mant.len() {
            return None;
        }
        let mut s = String::from_utf8(self.mant.clone()).ok()?;
        s.extend(std::iter::repeat_n('0', exp - self.mant.len()));
        Some(s)
    }
}

/// Go's `big.Float.Text`: `fmt` is e, E, f, g or G; `prec` digits after the point (for g,
/// significant digits), or the shortest that identify the number.
fn float_text(x: f64, fmt: char, prec: Option<usize>) -> String {
    let mut out = String::new();
    if x.is_sign_negative() {
        out.push('-');
    }
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        if x > 0.0 {
            out.push('+');
        }
        out.push_str("Inf");
        return out;
    }
    let mut d = Decimal::of(x);
    let len = |d: &Decimal| d.mant.len() as i64;
    let shortest = prec.is_none();
    let mut prec = match prec {
        Some(p) => {
            let mut p = p as i64;
            match fmt {
                'e' | 'E' => d.round(1 + p),
                'f' => d.round(d.exp + p),
                _ => {
                    if p == 0 {
                        p = 1;
                    }
                    d.round(p)
                }
            }
            p
        }
        None => match fmt {
            'e' | 'E' => len(&d) - 1,
            'f' => (len(&d) - d.exp).max(0),
            _ => len(&d),
        },
    };
    match fmt {
        'e' | 'E' => fmt_e(&mut out, fmt, prec, &d),
        'f' => fmt_f(&mut out, prec, &d),
        _ => {
            let mut eprec = prec;
            if eprec > len(&d) && len(&d) >= d.exp {
                eprec = len(&d);
            }
            if shortest {
                eprec = 6;
            }
            let exp = d.exp - 1;
            let e = if fmt == 'G' { 'E' } else { 'e' };
            if exp < -4 || exp >= eprec {
                if prec > len(&d) {
                    prec = len(&d);
                }
                fmt_e(&mut out, e, prec - 1, &d);
            } else {
                if prec > d.exp {
                    prec = len(&d);
                }
                fmt_f(&mut out, (prec - d.exp).max(0), &d);
            }
        }
    }
    out
}

fn fmt_e(out: &mut String, e: char, prec: i64, d: &Decimal) {
    out.push(d.mant.first().map_or('0', |&c| c as char));
    if prec > 0 {
        out.push('.');
        for i in 1..=prec {
            out.push(d.at(i) as char);
        }
    }
    out.push(e);
    let exp = if d.mant.is_empty() { 0 } else { d.exp - 1 };
    out.push(if exp < 0 { '-' } else { '+' });
    let _ = write!(out, "{:02}", exp.abs());
}

fn fmt_f(out: &mut String, prec: i64, d: &Decimal) {
    if d.exp > 0 {
        for i in 0..d.exp {
            out.push(d.at(i) as char);
        }
    } else {
        out.push('0');
    }
    if prec > 0 {
        out.push('.');
        for i in 0..prec {
            out.push(d.at(d.exp + i) as char);
        }
    }
}

/// Go's `fmt` on a `big.Float`: default precision 6 for e and f, shortest for g; the sign
/// flags; and padding, where `0` wins over `-`.
fn format_float(verb: &Verb, x: f64) -> String {
    let prec = match verb.mode {
        'e' | 'E' | 'f' => Some(verb.prec.unwrap_or(6)),
        _ => verb.prec,
    };
    let text = float_text(x, verb.mode, prec);
    let (sign, body) = if let Some(b) = text.strip_prefix('-') {
        ("-", b)
    } else if let Some(b) = text.strip_prefix('+') {
        (if verb.space { " " } else { "+" }, b)
    } else if verb.plus {
        ("+", text.as_str())
    } else if verb.space {
        (" ", text.as_str())
    } else {
        ("", text.as_str())
    };
    let pad = verb
        .width
        .map_or(0, |w| w.saturating_sub(sign.len() + body.len()));
    if verb.zero && !x.is_infinite() {
        format!("{sign}{}{body}", "0".repeat(pad))
    } else if verb.minus {
        format!("{sign}{body}{}", " ".repeat(pad))
    } else {
        format!("{}{sign}{body}", " ".repeat(pad))
    }
}

/// Go's `fmt` on a `big.Int` (b, d, o, x, X); `None` when the number is not whole.
fn format_integer(verb: &Verb, x: f64) -> Option<String> {
    if !x.is_finite() {
        return None;
    }
    let decimal = Decimal::of(x).integer_digits()?;
    let digits = match verb.mode {
        'b' => to_base(&decimal, 2, false),
        'o' => to_base(&decimal, 8, false),
        'x' => to_base(&decimal, 16, false),
        'X' => to_base(&decimal, 16, true),
        _ => decimal,
    };
    let sign = if x < 0.0 {
        "-"
    } else if verb.plus {
        "+"
    } else if verb.space {
        " "
    } else {
        ""
    };
    let prefix = match (verb.sharp, verb.mode) {
        (true, 'b') => "0b",
        (true, 'o') => "0",
        (true, 'x') => "0x",
        (true, 'X') => "0X",
        _ => "",
    };
    let mut zeros = 0;
    if let Some(p) = verb.prec {
        if digits.len() < p {
            zeros = p - digits.len();
        } else if digits == "0" && p == 0 {
            // Go prints nothing at all for zero at precision zero, not even padding.
            return Some(String::new());
        }
    }
    let length = sign.len() + prefix.len() + zeros + digits.len();
    let (mut left, mut right) = (0, 0);
    if let Some(w) = verb.width.filter(|&w| w > length) {
        let d = w - length;
        if verb.minus {
            right = d;
        } else if verb.zero && verb.prec.is_none() {
            zeros = d;
        } else {
            left = d;
        }
    }
    Some(format!(
        "{}{sign}{prefix}{}{digits}{}",
        " ".repeat(left),
        "0".repeat(zeros),
        " ".repeat(right)
    ))
}

/// A whole number given by its decimal digits, in another base.
fn to_base(decimal: &str, base: u32, upper: bool) -> String {
    let mut num: Vec<u32> = decimal.bytes().map(|b| u32::from(b - b'0')).collect();
    let mut out = Vec::new();
    while !num.is_empty() {
        let mut rem = 0;
        let mut next = Vec::with_capacity(num.len());
        for &d in &num {
            let cur = rem * 10 + d;
            let q = cur / base;
            rem = cur % base;
            if !(next.is_empty() && q == 0) {
                next.push(q);
            }
        }
        out.push(rem);
        num = next;
    }
    if out.is_empty() {
        return "0".into();
    }
    let table: &[u8] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    out.iter()
        .rev()
        .map(|&d| table[d as usize] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::functions::testing::check;

    #[test]
    fn format_verbs() {
        check(&[
            (r#"format("%s-%s", "a", 1)"#, r#""a-1""#),
            (r#"format("100%% %s", "x")"#, r#""100% x""#),
            (
                r#"format("%v|%v|%v|%v|%v|%v", 1000000, 123456, 1.5, 1e20, 0.0001, 0.00001)"#,
                r#""1e+06|123456|1.5|1e+20|0.0001|1e-05""#,
            ),
            (r#"format("%v|%v", true, [1, "a"])"#, r#""true|[1,\"a\"]""#),
            (r#"format("%v", {b = 1, a = 2})"#, r#""{\"a\":2,\"b\":1}""#),
            (r#"format("%#v|%#v", "x<y", 1)"#, r#""\"x\\u003cy\"|1""#),
            (r#"format("%v", "")"#, r#""""#),
            // Terraform prints a typed null ("null"), but gives no value for an untyped one;
            // vigil's nulls have no type.
            (r#"format("%v", tostring(null))"#, "?"),
            (r#"format("%v", 1e-7)"#, r#""1e-07""#),
            (r#"format("%v", -0.0)"#, r#""-0""#),
            (r#"format("%05v", -1)"#, r#""000-1""#),
            (r#"format("%-5v|", "ab")"#, r#""ab   |""#),
            (
                r#"format("%5.2f|%-8.3f|%08.2f|%+d|% d|%f|%.0f|%e|%g|%G|%E", 3.14159, 2.5, -1.5, 5, 7, 1, 2.5, 123456.789, 0.00001234, 1e21, 1.5)"#,
                r#"" 3.14|2.500   |-0001.50|+5| 7|1.000000|2|1.234568e+05|1.234e-05|1E+21|1.500000E+00""#,
            ),
            (
                r#"format("%b|%o|%x|%X|%5d|%-5d|%05d|%#x|%#o|%.3d", 5, 8, 255, 255, 42, 42, -42, 255, 8, 7)"#,
                r#""101|10|ff|FF|   42|42   |-0042|0xff|010|007""#,
            ),
            (
                r#"format("%s|%5s|%-5s|%.2s|%05s|%q|%q|%t|%s|%s|%s", "ab", "ab", "ab", "abcdef", "ab", "a\"b<>&\n", 12, "true", 1.5, true, 100)"#,
                r#""ab|   ab|ab   |ab|000ab|\"a\\\"b\\u003c\\u003e\\u0026\\n\"|\"12\"|true|1.5|true|100""#,
            ),
            (r#"format("%[2]s %[1]s %s", "a", "b")"#, r#""b a b""#),
            (r#"format("%d", "12")"#, r#""12""#),
            (r#"format("%x", -255)"#, r#""-ff""#),
            (r#"format("%.2e", 1234.5)"#, r#""1.23e+03""#),
            (r#"format("%10.3g", 3.14159)"#, r#""      3.14""#),
            (
                r#"format("%g|%g|%g|%g", 100000, 1000000, 0.0001, 123456789)"#,
                r#""100000|1e+06|0.0001|1.23456789e+08""#,
            ),
            (
                r#"format("%.2g|%.10g|%e|%g", 123456789, 1.5, 0, 0)"#,
                r#""1.2e+08|1.5|0.000000e+00|0""#,
            ),
            (r#"format("%+.1e", 0)"#, r#""+0.0e+00""#),
            (r#"format("% f", 1)"#, r#"" 1.000000""#),
            (r#"format("%-08.2f|", 1.5)"#, r#""00001.50|""#),
            (
                r#"format("%+d|% d|%+5d|%-+5d|%+05d", 0, -3, 3, 3, 3)"#,
                r#""+0|-3|   +3|+3   |+0003""#,
            ),
            (r#"format("%.0d|%5.0d|", 0, 0)"#, r#""||""#),
            (
                r#"format("%b", 1e20)"#,
                r#""1010110101111000111010111100010110101100011000100000000000000000000""#,
            ),
            (r#"format("%x", 1e30)"#, r#""c9f2c9cd04674edea40000000""#),
            (
                r#"format("%d|%s", 1e20, 1e20)"#,
                r#""100000000000000000000|100000000000000000000""#,
            ),
            (r#"format("%o", 0)"#, r#""0""#),
            (r#"format("%q", "é\u2028")"#, r#""\"é\\u2028\"""#),
            (r#"format("%f", -0.0)"#, r#""-0.000000""#),
            (
                r#"format("%.3f|%.1f|%.1f|%.2f", 2.0005, 0.25, 0.35, 2.675)"#,
                r#""2.001|0.2|0.3|2.67""#,
            ),
            (
                r#"format("%.0f|%.0f|%.0e", 0.5, 1.5, 15)"#,
                r#""0|2|2e+01""#,
            ),
            (
                r#"format("%.1f|%.0f|%.2f", 0.96, 0.09, 9.999)"#,
                r#""1.0|0|10.00""#,
            ),
            (
                r#"format("%5.s|%.s|%.0s", "abc", "abc", "abc")"#,
                r#""  abc|abc|abc""#,
            ),
            (r#"format("%-5.1s|", "abc")"#, r#""a    |""#),
            (
                r#"format("%3s|%-3s|", "é", "x\u0301")"#,
                "\"  é|x\u{301}  |\"",
            ),
            (r#"format("%5t", true)"#, r#""true""#),
            (r#"format("%d", 1.5)"#, "error: an integer is required"),
            (r#"format("%s", [1])"#, "error: string required"),
            (r#"format("%s", tostring(null))"#, "?"),
            (r#"format("%t", "yes")"#, "error: a bool is required"),
            (r#"format("%x", "ff")"#, "error: a number is required"),
            (r#"format("%z", 1)"#, "error: unsupported format verb 'z'"),
            (
                r#"format("%", 1)"#,
                "error: invalid format string starting at offset 1",
            ),
            (
                r#"format("%*d", 5, 1)"#,
                "error: unrecognized format character '*' at offset 1",
            ),
            (
                r#"format("%[0]s", "a")"#,
                "error: unrecognized format character '0' at offset 2",
            ),
            (
                r#"format("%5%")"#,
                "error: unrecognized format character '%' at offset 2",
            ),
            (
                r#"format("%s")"#,
                "error: not enough arguments for \"%s\" at 0: need index 1 but have 0 total",
            ),
            (
                r#"format("%[3]s", 1)"#,
                "error: need index 3 but have 1 total",
            ),
            (
                r#"format("abc", 1)"#,
                "error: too many arguments; no verbs in format string",
            ),
            (
                r#"format("%s", "a", "b")"#,
                "error: too many arguments; only 1 used by format string",
            ),
            (r#"format("%[1]s %[1]s", "a", "b")"#, "error: only 1 used"),
            (r#"format("%s", unknown())"#, "?"),
            (r#"format("%#v", [unknown()])"#, "?"),
        ]);
    }
}
