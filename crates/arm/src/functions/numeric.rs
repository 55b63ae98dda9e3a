//! ARM's numeric functions (the reference's "Numeric functions"): `add`, `div`, `int`, `mod`,
//! `mul`, `sub`. `max` and `min` are in `array.rs` (the reference lists them under both);
//! `copyIndex` reads the copy loop, in the evaluator ([`crate::expr`]); `float` is not evaluated.

use super::*;

fn arithmetic(func: &str, args: &[Val], at: &Location, op: fn(i64, i64) -> Option<i64>) -> Res {
    need_top!(&args[0], &args[1]);
    let a = int_arg(func, args, 0)?;
    let b = int_arg(func, args, 1)?;
    if b == 0 && (func == "div" || func == "mod") {
        return Err(format!(
            "the template language function '{func}' cannot divide by zero"
        ));
    }
    let n = op(a, b).ok_or_else(|| {
        format!("the template language function '{func}' overflows a 64-bit integer")
    })?;
    Ok(int_val(n, &[&args[0], &args[1]], at))
}

pub(super) fn add(args: &[Val], at: &Location) -> Res {
    arithmetic("add", args, at, i64::checked_add)
}

pub(super) fn sub(args: &[Val], at: &Location) -> Res {
    arithmetic("sub", args, at, i64::checked_sub)
}

pub(super) fn mul(args: &[Val], at: &Location) -> Res {
    arithmetic("mul", args, at, i64::checked_mul)
}

pub(super) fn div(args: &[Val], at: &Location) -> Res {
    arithmetic("div", args, at, i64::checked_div)
}

pub(super) fn modulo(args: &[Val], at: &Location) -> Res {
    arithmetic("mod", args, at, i64::checked_rem)
}

pub(super) fn to_int(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need_top!(v);
    let n = match &v.value {
        // .NET's Convert.ToInt64 rounds half to even.
        Value::Number(n) => whole(n.round_ties_even()),
        Value::String(s) => {
            let t = s.trim();
            t.strip_prefix('+').unwrap_or(t).parse::<i64>().ok()
        }
        _ => return Err(type_error("int", 0, "'String' or 'Integer'", v)),
    };
    let n = n.ok_or_else(|| {
        format!(
            "the template language function 'int' cannot convert '{}' to an integer",
            v.display()
        )
    })?;
    Ok(int_val(n, &[v], at))
}

#[cfg(test)]
mod tests {
    use crate::functions::testkit::whole;
    use crate::functions::testkit::*;

    #[test]
    fn numeric_functions() {
        check(&[
            ("[add(5, 3)]", json!(8)),
            ("[sub(5, 7)]", json!(-2)),
            ("[mul(5, 3)]", json!(15)),
            ("[div(8, 3)]", json!(2)),
            ("[div(-8, 3)]", json!(-2)),
            ("[mod(7, 3)]", json!(1)),
            ("[mod(-7, 3)]", json!(-1)),
            ("[min(3, 1, 2)]", json!(1)),
            ("[max(3, 1, 2)]", json!(3)),
            ("[min(createArray(0, 3, 2))]", json!(0)),
            ("[max(createArray(0, 3, 2), 5)]", json!(5)),
            ("[range(1, 3)]", json!([1, 2, 3])),
            ("[range(-1, 0)]", json!([])),
            ("[length(range(0, 10000))]", json!(10000)),
        ]);
        fails(&[
            ("[div(1, 0)]", "divide by zero"),
            ("[mod(1, 0)]", "divide by zero"),
            ("[mul(4611686018427387904, 2)]", "overflows"),
            ("[add('1', 2)]", "'Integer'"),
            ("[min(createArray())]", "at least one"),
            ("[min('a')]", "'min'"),
            ("[range(0, 10001)]", "count from 0 to 10000"),
            ("[range(0, -1)]", "count from 0 to 10000"),
            ("[range(2147483647, 1)]", "at most 2147483647"),
        ]);
        unknown(&[
            ("[add(parameters('secret'), 1)]", "'secret'"),
            ("[max(1, parameters('secret'))]", "'secret'"),
            ("[range(0, parameters('secret'))]", "'secret'"),
        ]);
        // min and max select: the chosen number keeps its origin and hops.
        let v = Kit::new()
            .eval("[max(createArray(1), parameters('count'))]")
            .unwrap();
        assert_eq!(v.origin, Some(loc("p.json", 14, 5, 6)));
        assert_eq!(v.trace[0].label, "parameters('count')");
        assert_eq!(origin("[add(parameters('count'), 1)]"), whole());
    }
}
