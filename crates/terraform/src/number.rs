//! Terraform's arithmetic, where vigil's f64 can give Terraform's exact answer.
//!
//! Terraform computes with 512-bit binary floats and reads a literal such as `0.1` as the
//! nearest 512-bit number. A result is then as exact as its inputs: `1.5 * 2` is 3 in both,
//! but `1.1 * 1.1` is a 512-bit number a hair away from 1.21, which Terraform prints with 150
//! digits when it becomes a string, and whose digits an f64 cannot reproduce. So vigil
//! computes in exact decimal arithmetic, and gives a result only when Terraform's is sure to
//! be the same short decimal: the inputs are exact binary fractions (integers, halves,
//! quarters, ...), so that Terraform's operation rounds at most once, and the f64 nearest the
//! exact result prints as exactly its digits.
//! Otherwise the result is unknown (with the reason), never a number with different digits.

/// The arithmetic operators.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

/// A decimal `m × 10^e`, `m` without trailing zeros (zero is `0 × 10^0`).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Dec {
    m: i128,
    e: i32,
}

impl Dec {
    /// The shortest decimal that reads back as `x`: the digits Terraform holds for a literal.
    fn of(x: f64) -> Option<Dec> {
        if !x.is_finite() {
            return None;
        }
        let text = format!("{x:e}");
        let (mantissa, exp) = text.split_once('e')?;
        let exp: i32 = exp.parse().ok()?;
        let negative = mantissa.starts_with('-');
        let mantissa = mantissa.trim_start_matches('-');
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let digits = format!("{int}{frac}");
        let m: i128 = digits.parse().ok()?;
        Some(
            Dec {
                m: if negative { -m } else { m },
                e: exp - frac.len() as i32,
            }
            .normalized(),
        )
    }

    fn normalized(mut self) -> Dec {
        if self.m == 0 {
            return Dec { m: 0, e: 0 };
        }
        while self.m % 10 == 0 {
            self.m /= 10;
            self.e += 1;
        }
        self
    }

    /// Whether the decimal is a binary fraction (so Terraform holds it exactly): its
    /// denominator 10^k = 2^k·5^k must reduce to a power of two.
    fn is_binary_fraction(self) -> bool {
        if self.e >= 0 {
            return true;
        }
        let k = -self.e;
        if k > 27 {
            return false;
        }
        self.m % 5i128.pow(k as u32) == 0
    }

    fn to_f64(self) -> Option<f64> {
        format!("{}e{}", self.m, self.e).parse().ok()
    }

    /// Both scaled to the smaller exponent, when that fits.
    fn aligned(a: Dec, b: Dec) -> Option<(i128, i128, i32)> {
        let e = a.e.min(b.e);
        let scale = |d: Dec| -> Option<i128> {
            let shift = u32::try_from(d.e - e).ok()?;
            d.m.checked_mul(10i128.checked_pow(shift)?)
        };
        Some((scale(a)?, scale(b)?, e))
    }
}

/// `a op b` as Terraform computes it, or why vigil cannot give its exact digits.
pub(crate) fn arith(op: Op, a: f64, b: f64) -> Result<f64, String> {
    // The common case, whole numbers an f64 holds exactly, needs no decimals.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    let whole = |x: f64| x.fract() == 0.0 && x.abs() < EXACT;
    if whole(a) && whole(b) && op != Op::Div {
        let r = match op {
            Op::Add => a + b,
            Op::Sub => a - b,
            Op::Mul => a * b,
            // Terraform's remainder has the sign of the dividend, as Rust's does.
            _ => remainder(a, b),
        };
        if r.abs() < EXACT {
            return Ok(r);
        }
    }
    // A zero product or quotient is exact in any precision. (`x * 1` is not: a number from
    // pow() or log() has 53 bits, and Terraform prints its 512-bit product with more digits.)
    match op {
        Op::Mul if a == 0.0 || b == 0.0 => return Ok(a * b),
        Op::Div if a == 0.0 => return Ok(a / b),
        _ => {}
    }
    let unreproducible = || {
        format!(
            "Terraform computes {} {} {} with 512-bit numbers, whose digits vigil does not \
             reproduce",
            fmt(a),
            symbol(op),
            fmt(b)
        )
    };
    let (x, y) = match (Dec::of(a), Dec::of(b)) {
        (Some(x), Some(y)) if x.is_binary_fraction() && y.is_binary_fraction() => (x, y),
        _ => return Err(unreproducible()),
    };
    let exact = match op {
        Op::Add | Op::Sub => Dec::aligned(x, y).and_then(|(p, q, e)| {
            let m = if op == Op::Add {
                p.checked_add(q)
            } else {
                p.checked_sub(q)
            }?;
            Some(Dec { m, e })
        }),
        Op::Mul => x.m.checked_mul(y.m).map(|m| Dec { m, e: x.e + y.e }),
        Op::Div => divide(x, y),
        Op::Mod => Dec::aligned(x, y).map(|(p, q, e)| Dec { m: p % q, e }),
    };
    match exact.map(Dec::normalized) {
        // Zero keeps the sign IEEE arithmetic gives it, as Terraform's big floats do
        // (`0 / -5` is -0).
        Some(d) if d.m == 0 => Ok(match op {
            Op::Add => a + b,
            Op::Sub => a - b,
            Op::Mul => a * b,
            Op::Div => a / b,
            Op::Mod => remainder(a, b),
        }),
        // The f64 nearest the exact result prints as exactly its digits.
        Some(d) => match d.to_f64() {
            Some(x) if Dec::of(x) == Some(d) => Ok(x),
            _ => Err(unreproducible()),
        },
        None => Err(unreproducible()),
    }
}

/// `a % b` with the zero's sign cty gives: its remainder is `a - trunc(a / b) * b`, -0 only
/// for -0 % a positive number (`-1 * 0 % 7`), +0 whenever the product is not zero.
fn remainder(a: f64, b: f64) -> f64 {
    match a % b {
        r if r != 0.0 => r,
        _ if a == 0.0 => a - 0.0_f64.copysign(b),
        _ => 0.0,
    }
}

/// `x / y` as an exact decimal, when it has one (of fewer than 40 more digits than `x`).
fn divide(x: Dec, y: Dec) -> Option<Dec> {
    if y.m == 0 {
        return None;
    }
    // Scale the dividend until the quotient is whole or clearly has too many digits.
    let mut m = x.m;
    let mut e = x.e - y.e;
    for _ in 0..40 {
        if m % y.m == 0 {
            return Some(Dec { m: m / y.m, e });
        }
        m = m.checked_mul(10)?;
        e -= 1;
    }
    None
}

fn symbol(op: Op) -> &'static str {
    match op {
        Op::Add => "+",
        Op::Sub => "-",
        Op::Mul => "*",
        Op::Div => "/",
        Op::Mod => "%",
    }
}

fn fmt(x: f64) -> String {
    vigil_model::number_to_json(x).to_string()
}

#[cfg(test)]
mod tests {
    use super::{arith, Op};

    #[test]
    fn exact_results_are_known() {
        assert_eq!(arith(Op::Add, 1.5, 0.25), Ok(1.75));
        assert_eq!(arith(Op::Div, 7.0, 2.0), Ok(3.5));
        assert_eq!(arith(Op::Div, 1.0, 5.0), Ok(0.2));
        assert_eq!(arith(Op::Mod, -7.0, 3.0), Ok(-1.0));
        assert_eq!(arith(Op::Mod, 7.5, 2.0), Ok(1.5));
        assert_eq!(arith(Op::Mul, 1e15, 1000.0), Ok(1e18));
        assert_eq!(arith(Op::Add, 1e15, 0.5), Ok(1_000_000_000_000_000.5));
    }

    /// The signs of zero remainders, as the CLI prints them (`operators/mod_*zero*`).
    #[test]
    fn a_remainder_is_negative_zero_only_for_negative_zero_by_a_positive_number() {
        let sign = |r: Result<f64, String>| r.map(|x| (x, x.is_sign_negative()));
        assert_eq!(sign(arith(Op::Mod, -0.0, 7.0)), Ok((0.0, true)));
        assert_eq!(sign(arith(Op::Mod, -0.0, -7.0)), Ok((0.0, false)));
        assert_eq!(sign(arith(Op::Mod, 0.0, -7.0)), Ok((0.0, false)));
        assert_eq!(sign(arith(Op::Mod, -14.0, 7.0)), Ok((0.0, false)));
        assert_eq!(sign(arith(Op::Mod, 14.0, -7.0)), Ok((0.0, false)));
    }

    #[test]
    fn results_terraform_holds_with_more_digits_are_not() {
        // Terraform prints 1.1 * 1.1 as 1.2100...0001 (150 digits).
        assert!(arith(Op::Mul, 1.1, 1.1).is_err());
        assert!(arith(Op::Div, 1.0, 3.0).is_err());
        assert!(arith(Op::Add, 1e20, 1.0).is_err());
        // 2^60 is an f64, but prints as 1152921504606847000 where Terraform writes every digit.
        assert!(arith(Op::Mul, 1_073_741_824.0, 1_073_741_824.0).is_err());
    }
}
