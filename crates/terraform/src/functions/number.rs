//! Terraform's numeric functions: `abs`, `ceil`, `floor`, `log`, `max`, `min`, `parseint`,
//! `pow`, `signum` (cty's `stdlib/number.go` and Terraform's `internal/lang/funcs/number.go`).
//! Arithmetic itself (`+`, `-`, ... and the sums of `range` and `sum`) is `crate::number`;
//! Go's `math.Log` is [`super::go_math`].

use super::go_math::go_log;
use super::{go_quote, int_arg, number_arg, param_err, unknown_in, Res};
use crate::convert::{number_of, type_name};
use vigil_model::{Location, Val, Value};

/// A function of one number; the result is located where the number was written.
fn on_number(args: Vec<Val>, at: &Location, op: fn(f64) -> f64) -> Res {
    let v = &args[0];
    if v.is_unknown() {
        return Ok(v.clone());
    }
    let n = number_arg(v, "num")?;
    Ok(Val::computed(Value::Number(op(n)), &[v], at))
}

pub(super) fn abs(args: Vec<Val>, at: &Location) -> Res {
    on_number(args, at, f64::abs)
}

// Terraform rounds through a big integer, which has no -0: ceil(-0.5) is 0 (adding 0.0 turns
// -0 into 0).
pub(super) fn ceil(args: Vec<Val>, at: &Location) -> Res {
    on_number(args, at, |n| n.ceil() + 0.0)
}

pub(super) fn floor(args: Vec<Val>, at: &Location) -> Res {
    on_number(args, at, |n| n.floor() + 0.0)
}

pub(super) fn signum(args: Vec<Val>, at: &Location) -> Res {
    // Terraform's signum takes whole numbers only.
    if let Some(u) = unknown_in(&args) {
        return Ok(u);
    }
    int_arg(&args[0], "num")?;
    on_number(args, at, |n| if n == 0.0 { 0.0 } else { n.signum() })
}

pub(super) fn pow(args: Vec<Val>, at: &Location) -> Res {
    if let Some(u) = args.iter().find(|v| v.is_unknown()) {
        return Ok(u.clone());
    }
    let n = number_arg(&args[0], "num")?;
    let p = number_arg(&args[1], "power")?;
    // Terraform computes in float64 here, so its result is exactly Rust's.
    let r = n.powf(p);
    if r.is_nan() {
        return Err("the result is not a number".into());
    }
    Ok(Val::computed(Value::Number(r), &[], at))
}

pub(super) fn log(args: Vec<Val>, at: &Location) -> Res {
    if let Some(u) = args.iter().find(|v| v.is_unknown()) {
        return Ok(u.clone());
    }
    let n = number_arg(&args[0], "num")?;
    let base = number_arg(&args[1], "base")?;
    let r = go_log(n) / go_log(base);
    if r.is_nan() {
        return Err("the result is not a number".into());
    }
    Ok(Val::computed(Value::Number(r), &[], at))
}

pub(super) fn parseint(args: Vec<Val>, at: &Location) -> Res {
    if let Some(u) = args.iter().find(|v| v.is_unknown()) {
        return Ok(u.clone());
    }
    // Unlike most functions, parseint does not take a number for its string.
    let s = match &args[0].value {
        Value::String(s) => s.clone(),
        Value::Null => return Err(param_err("number", "argument must not be null")),
        _ => {
            return Err(param_err(
                "number",
                format!(
                    "first argument must be a string, not {}",
                    type_name(&args[0])
                ),
            ))
        }
    };
    let base = int_arg(&args[1], "base")?;
    if !(2..=62).contains(&base) {
        return Err(param_err(
            "base",
            "base must be a whole number between 2 and 62 inclusive",
        ));
    }
    let digits = s.strip_prefix(['+', '-']).unwrap_or(&s);
    let mut n = 0f64;
    for c in digits.chars() {
        let d = match c {
            '0'..='9' => c as i64 - '0' as i64,
            'a'..='z' if base <= 36 => c as i64 - 'a' as i64 + 10,
            'A'..='Z' if base <= 36 => c as i64 - 'A' as i64 + 10,
            'a'..='z' => c as i64 - 'a' as i64 + 10,
            'A'..='Z' => c as i64 - 'A' as i64 + 36,
            _ => base,
        };
        if d >= base {
            return Err(param_err(
                "number",
                format!("cannot parse {} as a base {base} integer", go_quote(&s)),
            ));
        }
        n = n * base as f64 + d as f64;
    }
    if digits.is_empty() {
        return Err(param_err(
            "number",
            format!("cannot parse {} as a base {base} integer", go_quote(&s)),
        ));
    }
    let n = if s.starts_with('-') { -n } else { n };
    Ok(Val::computed(Value::Number(n), &[&args[0]], at))
}

/// `min` or `max`: the argument itself (converted to a number), the first of equals.
fn extreme(args: Vec<Val>, wanted: std::cmp::Ordering) -> Res {
    if args.is_empty() {
        return Err("must pass at least one number".into());
    }
    if let Some(u) = args.iter().find(|v| v.is_unknown()) {
        return Ok(u.clone());
    }
    let mut best: Option<(f64, &Val)> = None;
    for a in &args {
        let n = match &a.value {
            Value::Null => return Err(param_err("numbers", "argument must not be null")),
            Value::List(_) | Value::Object(_) | Value::Bool(_) => {
                return Err(param_err("numbers", "number required"))
            }
            _ => number_of(a).map_err(|_| param_err("numbers", "a number is required"))?,
        };
        if best.is_none_or(|(b, _)| n.partial_cmp(&b) == Some(wanted)) {
            best = Some((n, a));
        }
    }
    let (n, a) = best.expect("there is at least one argument");
    Ok(a.converted(Value::Number(n)))
}

pub(super) fn min(args: Vec<Val>, _at: &Location) -> Res {
    extreme(args, std::cmp::Ordering::Less)
}

pub(super) fn max(args: Vec<Val>, _at: &Location) -> Res {
    extreme(args, std::cmp::Ordering::Greater)
}

#[cfg(test)]
mod tests {
    use crate::functions::testing::check;

    #[test]
    fn numbers_and_bools() {
        check(&[
            (r#"range(3)"#, "[0,1,2]"),
            (r#"range(1, 4)"#, "[1,2,3]"),
            (r#"range(1, 10, 3)"#, "[1,4,7]"),
            (r#"range(5, 1)"#, "[5,4,3,2]"),
            (r#"range(5, 1, -2)"#, "[5,3]"),
            // Terraform adds 0.3 in 512-bit binary: its digits are not an f64's.
            (r#"range(0, 1, 0.3)"#, "?"),
            (r#"range(0, 1, 0.25)"#, "[0,0.25,0.5,0.75]"),
            (r#"range(0)"#, "[]"),
            (r#"range(-3)"#, "[0,-1,-2]"),
            (r#"range(0, 0, 0)"#, "[]"),
            (r#"range(1, 1, 0)"#, "[]"),
            (r#"range(0, 5, 0)"#, "error: step must not be zero"),
            (
                r#"range(1, 5, -1)"#,
                "error: end must be less than start when step is negative",
            ),
            (
                r#"range(2, 1, 1)"#,
                "error: end must be greater than start when step is positive",
            ),
            (
                r#"range(1, 2, 3, 4)"#,
                "error: must have one, two, or three arguments",
            ),
            (
                r#"range(1e6)"#,
                "error: more than 1024 values were generated",
            ),
            (r#"range(unknown())"#, "?"),
            (r#"min(1, 2, "0.5")"#, "0.5"),
            (r#"max(-1, 3)"#, "3"),
            (r#"max(1, unknown())"#, "?"),
            (r#"min()"#, "error: must pass at least one number"),
            (r#"min([1, 2])"#, "error: number required"),
            (r#"max("a")"#, "error: a number is required"),
            (r#"abs(-1.5)"#, "1.5"),
            (r#"abs("-3")"#, "3"),
            (r#"ceil(1.2)"#, "2"),
            (r#"ceil("1.5")"#, "2"),
            (r#"floor(-1.2)"#, "-2"),
            (r#"floor(1e20)"#, "100000000000000000000"),
            (r#"signum(-7)"#, "-1"),
            (r#"signum(0)"#, "0"),
            (r#"pow(2, 10)"#, "1024"),
            (r#"pow(2, 0.5)"#, "1.4142135623730951"),
            (r#"pow(-8, 0.5)"#, "error: "),
            (r#"log(8, 2)"#, "3"),
            (r#"log(100, 10)"#, "2"),
            (r#"parseint("ff", 16)"#, "255"),
            (
                r#"parseint(10, 10)"#,
                "error: first argument must be a string, not number",
            ),
            (r#"parseint("-1010", 2)"#, "-10"),
            (r#"parseint("zz", 36)"#, "1295"),
            (
                r#"parseint("12", 2)"#,
                "error: cannot parse \"12\" as a base 2 integer",
            ),
            (
                r#"parseint("1", 1)"#,
                "error: base must be a whole number between 2 and 62",
            ),
            (r#"sum([1, 2.5])"#, "3.5"),
            (r#"sum(["1", 2])"#, "3"),
            (r#"sum([0.1, 0.2])"#, "?"),
            (r#"sum([0.5, 0.25])"#, "0.75"),
            (r#"sum([1, unknown()])"#, "?"),
            (r#"sum([])"#, "error: cannot sum an empty list"),
            (
                r#"sum([1, null])"#,
                "error: argument must be list, set, or tuple of number values",
            ),
            (r#"alltrue([])"#, "true"),
            (r#"alltrue([true, "true"])"#, "true"),
            (r#"alltrue([true, null])"#, "false"),
            (r#"alltrue([false, unknown()])"#, "false"),
            (r#"alltrue([true, unknown()])"#, "?"),
            (r#"alltrue([true, 1])"#, "error: element 1: bool required"),
            (r#"anytrue([])"#, "false"),
            (r#"anytrue([false, true])"#, "true"),
            (r#"anytrue([false, null])"#, "false"),
            (r#"anytrue([unknown(), true])"#, "true"),
            (r#"anytrue([unknown(), false])"#, "?"),
        ]);
    }
}
