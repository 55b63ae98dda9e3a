//! Property access and indexing, the evaluator's `.name`, `['name']` and `[i]` (ARM's and
//! Bicep's alike): not functions of the reference, but they select as `tryGet` does.

use super::comparison::json_equal;
use super::*;

/// `v.name`: the property itself, with the hops that brought `v` here. Names ignore case.
pub fn property(v: &Val, name: &str) -> Res {
    match &v.value {
        Value::Object(map) => match lookup(map, name) {
            Some((_, item)) => Ok(item.adopted_by(v)),
            None => {
                let available: Vec<&str> = map.keys().map(String::as_str).collect();
                Err(format!(
                    "the language expression property '{name}' doesn't exist, available \
                     properties are '{}'",
                    available.join(", ")
                ))
            }
        },
        Value::Unknown(_) => Ok(within_unknown(v, |c| property(c, name))),
        Value::Null => Err(format!(
            "the language expression property '{name}' can't be evaluated: the value is null"
        )),
        _ => Err(format!(
            "the language expression property '{name}' can't be evaluated: a value of type \
             '{}' has no properties",
            type_name(v)
        )),
    }
}

/// `v[key]`: an array element by position or an object property by name.
pub fn index(v: &Val, key: &Val) -> Res {
    if key.is_unknown() {
        return Ok(within_unknown(key, |k| index(v, k)));
    }
    match (&v.value, &key.value) {
        (Value::Unknown(_), _) => Ok(within_unknown(v, |c| index(c, key))),
        (Value::List(items), Value::Number(n)) => match whole(*n) {
            Some(i) if i >= 0 && (i as usize) < items.len() => Ok(items[i as usize].adopted_by(v)),
            _ => Err(format!(
                "the language expression property array index '{}' is out of bounds",
                number_text(*n)
            )),
        },
        (Value::Object(_), Value::String(name)) => property(v, name),
        (Value::Null, _) => Err("the language expression can't index a null value".into()),
        _ => Err(format!(
            "the language expression can't index a value of type '{}' with a value of type \
             '{}'",
            type_name(v),
            type_name(key)
        )),
    }
}

/// Applies a selection to each candidate of an unknown; the unknown itself when it has no
/// candidates or a selection gives an unknown.
fn within_unknown(u: &Val, select: impl Fn(&Val) -> Res) -> Val {
    let Value::Unknown(unknown) = &u.value else {
        return u.clone();
    };
    if unknown.candidates.is_empty() {
        return u.clone();
    }
    let mut out: Vec<Val> = Vec::new();
    for c in &unknown.candidates {
        match select(c) {
            Ok(v) if v.is_unknown() => return u.clone(),
            Ok(v) => {
                if !out.iter().any(|o| json_equal(o, &v) == Some(true)) {
                    out.push(v);
                }
            }
            Err(_) => {}
        }
    }
    if out.is_empty() {
        return u.clone();
    }
    u.converted(Value::Unknown(vigil_model::Unknown {
        reason: unknown.reason.clone(),
        candidates: out,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::functions::testkit::whole;
    use crate::functions::testkit::*;

    #[test]
    fn property_access_and_indexing() {
        let k = Kit::new();
        assert_eq!(k.json("[parameters('acls').bypass]"), json!("None"));
        assert_eq!(k.json("[parameters('acls').BYPASS]"), json!("None"));
        assert_eq!(
            k.json("[parameters('acls')['defaultAction']]"),
            json!("Deny")
        );
        assert_eq!(k.json("[parameters('names')[1]]"), json!("b"));
        assert_eq!(
            k.json("[parameters('names')[sub(length(parameters('names')), 1)]]"),
            json!("c")
        );
        assert_eq!(k.json("[json('{\"a\": null}').a]"), json!(null));
        let e = k.err("[parameters('acls').nope]");
        assert!(
            e.contains("'nope' doesn't exist, available properties are 'bypass, defaultAction'"),
            "{e}"
        );
        assert!(k
            .err("[parameters('names')[3]]")
            .contains("array index '3' is out of bounds"));
        assert!(k.err("[parameters('names')[-1]]").contains("out of bounds"));
        assert!(k.err("[parameters('names')['a']]").contains("can't index"));
        assert!(k
            .err("[parameters('env').length]")
            .contains("has no properties"));
        assert!(k.err("[null().a]").contains("null"));
        assert!(k.err("[null()[0]]").contains("null"));
        assert!(k
            .unknown("[parameters('secret').a.b[0]]")
            .contains("'secret'"));
        assert!(k
            .unknown("[parameters('names')[parameters('secret')]]")
            .contains("'secret'"));
        // The property keeps its origin; the hops that carried its object come first.
        let v = k.eval("[parameters('acls').bypass]").unwrap();
        assert_eq!(v.origin, Some(p(7, 4)));
        assert_eq!(v.trace.len(), 1);
        assert_eq!(v.trace[0].label, "parameters('acls')");
        assert_eq!(v.trace[0].location, whole());
        // Indexing by candidates chooses among elements.
        let v = index(
            &k.eval("[parameters('names')]").unwrap(),
            &Val::unknown_among(
                "i",
                vec![
                    Val::new(Value::Number(0.0), None),
                    Val::new(Value::Number(2.0), None),
                ],
                None,
            ),
        )
        .unwrap();
        let Value::Unknown(u) = &v.value else {
            panic!()
        };
        assert_eq!(
            u.candidates.iter().map(Val::to_json).collect::<Vec<_>>(),
            vec![json!("a"), json!("c")]
        );
    }
}
