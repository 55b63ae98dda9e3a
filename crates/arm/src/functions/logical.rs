//! ARM's logical functions (the reference's "Logical functions"): `and`, `bool`, `false`, `if`,
//! `not`, `or`, `true`.
//!
//! `if`, `and` and `or` take their arguments unevaluated ([`Args`]) and evaluate one only when
//! the result still depends on it. [`condition`] reads `if`'s condition, and Bicep's `if`
//! conditions of resources, modules and loop filters with it.

use super::args::{exhausted, Args};
use super::*;

/// Reads `if`'s condition: `Some(branch)` when it is known, or when every candidate of an
/// unknown condition agrees; `None` when the deployment decides.
pub fn condition(cond: &Val) -> Result<Option<bool>, String> {
    match &cond.value {
        Value::Bool(b) => Ok(Some(*b)),
        Value::Unknown(u) => {
            let picks: Option<Vec<bool>> = u.candidates.iter().map(Val::as_bool).collect();
            Ok(match picks {
                Some(p) if !p.is_empty() && p.iter().all(|b| *b) => Some(true),
                Some(p) if !p.is_empty() && p.iter().all(|b| !*b) => Some(false),
                _ => None,
            })
        }
        _ => Err(type_error("if", 0, "'Boolean'", cond)),
    }
}

/// `if` whose condition is decided at deployment: the branches' common value when they agree,
/// else an unknown among them. A branch that fails is one the deployment cannot take.
fn unknown_choice(cond: &Val, when_true: Res, when_false: Res, at: &Location) -> Res {
    let reason = unknown_reason(cond);
    let (t, f) = match (when_true, when_false) {
        (Err(e), Err(_)) => return Err(e),
        (Ok(t), Err(_)) => return Ok(Val::unknown_among(reason, vec![t], Some(at.clone()))),
        (Err(_), Ok(f)) => return Ok(Val::unknown_among(reason, vec![f], Some(at.clone()))),
        (Ok(t), Ok(f)) => (t, f),
    };
    if json_equal(&t, &f) == Some(true) {
        return Ok(t);
    }
    let (Some(ts), Some(fs)) = (candidates_of(&t), candidates_of(&f)) else {
        return Ok(Val::unknown(reason, Some(at.clone())));
    };
    let mut all: Vec<Val> = Vec::new();
    for c in ts.into_iter().chain(fs) {
        if !all.iter().any(|a| json_equal(a, &c) == Some(true)) {
            all.push(c);
        }
    }
    Ok(Val::unknown_among(reason, all, Some(at.clone())))
}

/// The candidates an unknown stands for, or `None` when it could be anything.
fn candidates_of(v: &Val) -> Option<Vec<Val>> {
    match &v.value {
        Value::Unknown(u) if u.candidates.is_empty() => None,
        Value::Unknown(u) => Some(u.candidates.clone()),
        _ => Some(vec![v.clone()]),
    }
}

fn unknown_reason(v: &Val) -> String {
    v.first_unknown().map_or_else(
        || "the value is not known".into(),
        |(u, _)| u.reason.clone(),
    )
}

pub(super) fn not(args: &[Val], at: &Location) -> Res {
    need_top!(&args[0]);
    match &args[0].value {
        Value::Bool(b) => Ok(Val::computed(Value::Bool(!b), &[&args[0]], at)),
        _ => Err(type_error("not", 0, "'Boolean'", &args[0])),
    }
}

pub(super) fn true_(_: &[Val], at: &Location) -> Res {
    Ok(boolean(true, at))
}

pub(super) fn false_(_: &[Val], at: &Location) -> Res {
    Ok(boolean(false, at))
}

pub(super) fn to_bool(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need_top!(v);
    let b = match &v.value {
        Value::Bool(b) => *b,
        Value::String(s) if s.trim().eq_ignore_ascii_case("true") => true,
        Value::String(s) if s.trim().eq_ignore_ascii_case("false") => false,
        Value::Number(n) => *n != 0.0,
        Value::String(s) => {
            return Err(format!(
                "the template language function 'bool' cannot convert '{s}' to a boolean"
            ))
        }
        _ => return Err(type_error("bool", 0, "'String', 'Integer' or 'Boolean'", v)),
    };
    Ok(Val::computed(Value::Bool(b), &[v], at))
}

/// `if` evaluates only the branch its condition picks; both when the deployment decides.
pub(super) fn if_(a: &dyn Args) -> Res {
    let cond = a.value(0)?;
    match condition(&cond)? {
        Some(true) => a.value(1),
        Some(false) => a.value(2),
        None => {
            let t = a.value(1);
            let f = a.value(2);
            // Running out of budget is not a branch the deployment could fail on.
            if a.exhausted() {
                return Err(exhausted());
            }
            unknown_choice(&cond, t, f, a.at())
        }
    }
}

/// `and`/`or` stop at the first argument that settles them (`decisive`: false for `and`).
fn logic(func: &str, decisive: bool, a: &dyn Args) -> Res {
    let mut pending: Option<Val> = None;
    let mut several = false;
    for i in 0..a.count() {
        let v = match a.value(i) {
            Ok(v) => v,
            Err(e) if a.exhausted() => return Err(e),
            // An unknown before it may have settled the result without this argument.
            Err(e) => return pending.map(opaque).ok_or(e),
        };
        match &v.value {
            Value::Bool(b) if *b == decisive => return Ok(boolean(decisive, a.at())),
            Value::Bool(_) => {}
            Value::Unknown(_) if pending.is_some() => several = true,
            Value::Unknown(_) => pending = Some(v),
            _ => return Err(not_boolean(func, i)),
        }
    }
    // With the others settled, one unknown is the result, whatever it may be; with several,
    // its candidates no longer cover the result.
    Ok(match pending {
        Some(u) if several => opaque(u),
        Some(u) => match &u.value {
            // Its one candidate settles it.
            Value::Unknown(x) if x.candidates.len() == 1 => match x.candidates[0].value {
                Value::Bool(b) => boolean(b, a.at()),
                _ => return Err(not_boolean(func, 0)),
            },
            _ => u,
        },
        None => boolean(!decisive, a.at()),
    })
}

pub(super) fn and(a: &dyn Args) -> Res {
    logic("and", false, a)
}

pub(super) fn or(a: &dyn Args) -> Res {
    logic("or", true, a)
}

#[cold]
fn not_boolean(func: &str, i: usize) -> String {
    format!(
        "the template language function '{func}' expects its parameters to be of type \
         'Boolean'; parameter {} is not",
        i + 1
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::functions::testkit::whole;
    use crate::functions::testkit::*;

    #[test]
    fn if_selects_lazily_and_keeps_origins() {
        let k = Kit::new();
        assert_eq!(k.json("[if(true(), 'a', 'b')]"), json!("a"));
        assert_eq!(k.json("[if(equals(1, 2), 'a', 'b')]"), json!("b"));
        // Only the chosen branch is evaluated.
        assert_eq!(
            k.json("[if(true(), 'a', parameters('missing'))]"),
            json!("a")
        );
        assert_eq!(
            k.json("[if(false(), parameters('missing'), 'b')]"),
            json!("b")
        );
        // The chosen literal points at itself.
        let text = "[if(parameters('flag'), 'AzureServices', 'None')]";
        let v = k.eval(text).unwrap();
        assert_eq!(v.origin, Some(lit(text, "'AzureServices'")));
        let v = k
            .eval("[if(parameters('flag'), parameters('env'), 'x')]")
            .unwrap();
        assert_eq!(v.origin, Some(p(3, 4)));
        assert_eq!(v.trace[0].label, "parameters('env')");
        assert!(k.err("[if('yes', 1, 2)]").contains("'Boolean'"));
        assert!(k.err("[if(true(), 1)]").contains("requires 3"));
    }

    #[test]
    fn if_with_an_unknown_condition_is_a_choice() {
        let k = Kit::new();
        let text = "[if(parameters('secret'), 'AzureServices', 'None')]";
        let v = k.eval(text).unwrap();
        let Value::Unknown(u) = &v.value else {
            panic!("{v:?}")
        };
        assert_eq!(u.reason, "parameter 'secret' has no value");
        let c: Vec<_> = u.candidates.iter().map(Val::to_json).collect();
        assert_eq!(c, vec![json!("AzureServices"), json!("None")]);
        assert_eq!(u.candidates[1].origin, Some(lit(text, "'None'")));
        assert_eq!(v.origin, Some(whole()));
        // Equal branches make the choice moot.
        assert_eq!(
            k.json("[if(parameters('secret'), 'None', 'None')]"),
            json!("None")
        );
        // A branch that fails is one the deployment cannot take.
        let v = k
            .eval("[if(parameters('secret'), 'a', parameters('missing'))]")
            .unwrap();
        let Value::Unknown(u) = &v.value else {
            panic!()
        };
        assert_eq!(u.candidates.len(), 1);
        assert!(k
            .err("[if(parameters('secret'), variables('x'), parameters('y'))]")
            .contains("not found"));
        // A branch that is wholly unknown leaves no candidates.
        let v = k
            .eval("[if(parameters('secret'), 'a', parameters('secret'))]")
            .unwrap();
        let Value::Unknown(u) = &v.value else {
            panic!()
        };
        assert!(u.candidates.is_empty());
        // Candidates of the condition that agree decide it.
        assert_eq!(
            k.json("[if(contains(parameters('choice'), 'e'), 'yes', 'no')]"),
            json!("yes")
        );
        // A condition among candidates gives candidates.
        let v = k
            .eval("[if(equals(parameters('choice'), 'None'), 'off', 'on')]")
            .unwrap();
        let Value::Unknown(u) = &v.value else {
            panic!("{v:?}")
        };
        assert_eq!(u.candidates.len(), 2);
    }

    #[test]
    fn logical_functions() {
        check(&[
            ("[and(true(), true())]", json!(true)),
            ("[and(true(), false(), true())]", json!(false)),
            ("[or(false(), false())]", json!(false)),
            ("[or(false(), true())]", json!(true)),
            ("[not(false())]", json!(true)),
            ("[not(parameters('flag'))]", json!(false)),
            ("[bool('TRUE')]", json!(true)),
            ("[bool('false')]", json!(false)),
            ("[bool(0)]", json!(false)),
            ("[bool(2)]", json!(true)),
            ("[bool(true())]", json!(true)),
            ("[true]", json!(true)),
            ("[null()]", json!(null)),
            // A settled result does not need the unknowns or the rest.
            ("[and(parameters('secret'), false())]", json!(false)),
            ("[or(parameters('secret'), true())]", json!(true)),
            ("[and(false(), parameters('missing'))]", json!(false)),
            ("[or(true(), variables('missing'))]", json!(true)),
        ]);
        fails(&[
            ("[and(true())]", "at least 2"),
            ("[and(true(), 'x')]", "'Boolean'"),
            ("[not('x')]", "'Boolean'"),
            ("[bool('yes')]", "cannot convert 'yes'"),
            ("[bool(createArray())]", "'bool'"),
            ("[and(true(), parameters('missing'))]", "not found"),
        ]);
        unknown(&[
            ("[and(parameters('secret'), true())]", "'secret'"),
            ("[or(false(), parameters('secret'))]", "'secret'"),
            ("[not(parameters('secret'))]", "'secret'"),
            ("[bool(parameters('secret'))]", "'secret'"),
            // An unknown before a failure may have settled the result.
            (
                "[and(parameters('secret'), parameters('missing'))]",
                "'secret'",
            ),
        ]);
        // One unknown decides alone: the result is among its candidates; two together, not.
        let k = Kit::new();
        let v = k
            .eval("[or(false(), equals(parameters('choice'), 'None'))]")
            .unwrap();
        assert!(matches!(&v.value, Value::Unknown(u) if u.candidates.len() == 2));
        let v = k
            .eval("[and(equals(parameters('choice'), 'None'), parameters('secret'))]")
            .unwrap();
        assert!(matches!(&v.value, Value::Unknown(u) if u.candidates.is_empty()));
        let one = Val::unknown_among("u", vec![Val::new(Value::Bool(true), None)], None);
        let v = call("and", vec![one.clone(), Val::unknown("w", None)], &whole()).unwrap();
        assert!(matches!(&v.value, Value::Unknown(u) if u.candidates.is_empty()));
        let v = call(
            "and",
            vec![one, Val::new(Value::Bool(true), None)],
            &whole(),
        )
        .unwrap();
        // Its one candidate settles it.
        assert_eq!(v.as_bool(), Some(true));
        assert_eq!(origin("[not(parameters('flag'))]"), loc("p.json", 15, 5, 9));
        // Eager forms (as `call` offers them to other front ends).
        let t = Val::new(Value::Bool(true), None);
        let u = Val::unknown("u", None);
        assert!(call("and", vec![u.clone(), t.clone()], &whole())
            .unwrap()
            .is_unknown());
        assert_eq!(
            call("or", vec![u.clone(), t.clone()], &whole())
                .unwrap()
                .as_bool(),
            Some(true)
        );
        assert_eq!(
            call("if", vec![t, s("a", 1), s("b", 2)], &whole())
                .unwrap()
                .origin,
            Some(p(1, 1))
        );
        let v = call("if", vec![u, s("a", 1), s("b", 2)], &whole()).unwrap();
        assert!(matches!(&v.value, Value::Unknown(x) if x.candidates.len() == 2));
    }
}
