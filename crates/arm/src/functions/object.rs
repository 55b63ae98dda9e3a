//! ARM's object functions (the reference's "Object functions") that no earlier category lists:
//! `createObject`, `items`, `json`, `null`, `objectKeys`, `shallowMerge`. (`contains`, `empty`,
//! `intersection`, `length`, `tryGet` and `union` take objects too: they are in `array.rs`.)
//!
//! `json()` reads JSON text as ARM does ([`parse_json`], which `base64ToJson` shares).

use super::*;

pub(super) fn create_object(args: &[Val], at: &Location) -> Res {
    if args.len() % 2 == 1 {
        return Err(
            "the template language function 'createObject' needs an even number of \
             arguments: a value for each key"
                .into(),
        );
    }
    let mut map = BTreeMap::new();
    for (i, pair) in args.chunks(2).enumerate() {
        need_top!(&pair[0]);
        let Value::String(key) = &pair[0].value else {
            return Err(type_error("createObject", 2 * i, "'String'", &pair[0]));
        };
        put(&mut map, key, pair[1].clone());
    }
    Ok(fresh(Value::Object(map), at))
}

pub(super) fn null(_: &[Val], at: &Location) -> Res {
    Ok(Val::null(Some(at.clone())))
}

/// Merges `src`'s properties into `acc`, later values winning; nested objects merge too
/// (arrays do not), as ARM's `union` does.
pub(super) fn merge_into(
    acc: &mut BTreeMap<String, Val>,
    src: &Val,
    deep: bool,
    depth: usize,
    at: &Location,
) -> Result<(), String> {
    if depth > VALUE_DEPTH {
        return Err("the objects are nested too deeply to merge".into());
    }
    let Value::Object(map) = &src.value else {
        return Ok(());
    };
    for (k, v) in map {
        let item = v.adopted_by(src);
        let existing = lookup(acc, k).map(|(key, old)| (key.clone(), old.clone()));
        match existing {
            Some((key, old)) if deep => {
                let merged = match (&old.value, &item.value) {
                    (Value::Object(old_map), Value::Object(_)) => {
                        let mut inner: BTreeMap<String, Val> = old_map
                            .iter()
                            .map(|(k, x)| (k.clone(), x.adopted_by(&old)))
                            .collect();
                        merge_into(&mut inner, &item, deep, depth + 1, at)?;
                        fresh(Value::Object(inner), at)
                    }
                    // Whether an unknown merges with an object depends on what it turns out to be.
                    (Value::Unknown(_), Value::Object(_)) => old,
                    _ => item,
                };
                acc.insert(key, merged);
            }
            Some((key, _)) => {
                acc.insert(key, item);
            }
            None => {
                acc.insert(k.clone(), item);
            }
        }
    }
    Ok(())
}

/// An object's properties in the order ARM lists them: alphabetical, case aside.
fn sorted_entries(map: &BTreeMap<String, Val>) -> Vec<(&String, &Val)> {
    let mut entries: Vec<_> = map.iter().collect();
    entries.sort_by_cached_key(|(k, _)| (k.to_lowercase(), (*k).clone()));
    entries
}

pub(super) fn items(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need_top!(v);
    let map = object_arg("items", args, 0)?;
    let list = sorted_entries(map)
        .into_iter()
        .map(|(k, x)| {
            let value = x.adopted_by(v);
            let key = Val::string(k.clone(), value.origin.clone().or_else(|| Some(at.clone())));
            let origin = value.origin.clone().or_else(|| Some(at.clone()));
            Val::new(
                Value::Object(BTreeMap::from([
                    ("key".to_string(), key),
                    ("value".to_string(), value),
                ])),
                origin,
            )
        })
        .collect();
    Ok(Val::computed(Value::List(list), &[v], at))
}

pub(super) fn object_keys(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need_top!(v);
    let map = object_arg("objectKeys", args, 0)?;
    let keys = sorted_entries(map)
        .into_iter()
        .map(|(k, x)| Val::string(k.clone(), x.origin.clone().or_else(|| v.origin.clone())))
        .collect();
    Ok(Val::computed(Value::List(keys), &[v], at))
}

pub(super) fn shallow_merge(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need_top!(v);
    let xs = list_arg("shallowMerge", args, 0)?;
    let mut acc = BTreeMap::new();
    for x in xs {
        let obj = x.adopted_by(v);
        need_top!(&obj);
        match &obj.value {
            Value::Object(_) => merge_into(&mut acc, &obj, false, 0, at)?,
            Value::Null => {}
            _ => return Err(type_error("shallowMerge", 0, "'Array' of objects", &obj)),
        }
    }
    Ok(fresh(Value::Object(acc), at))
}

pub(super) fn json(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need_top!(v);
    let s = str_arg("json", args, 0)?;
    parse_json("json", s, v, at)
}

/// JSON text as ARM's `json()` reads it: Newtonsoft's lenient reader takes single quotes,
/// comments and trailing commas. Every part of the result was written where the text was.
pub(super) fn parse_json(func: &str, text: &str, from: &Val, at: &Location) -> Res {
    if nesting(text) > VALUE_DEPTH {
        return Err(format!(
            "the template language function '{func}' was given JSON nested more than \
             {VALUE_DEPTH} deep"
        ));
    }
    let options = jsonc_parser::ParseOptions {
        allow_comments: true,
        allow_loose_object_property_names: true,
        allow_trailing_commas: true,
        allow_missing_commas: false,
        allow_single_quoted_strings: true,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let parsed = jsonc_parser::parse_to_value(text, &options).map_err(|e| {
        format!("the template language function '{func}' was given invalid JSON: {e}")
    })?;
    let origin = from.origin.clone().or_else(|| Some(at.clone()));
    let mut count = 0usize;
    let value = match parsed {
        Some(p) => from_json(p, &origin, &mut count)?,
        None => Val::null(origin.clone()),
    };
    Ok(Val {
        trace: from.trace.clone(),
        ..value
    })
}

/// The deepest bracket nesting in JSON text, strings aside.
fn nesting(text: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut quote: Option<u8> = None;
    let mut escaped = false;
    for b in text.bytes() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if b == b'\\' {
                    escaped = true;
                } else if b == q {
                    quote = None;
                }
            }
            None => match b {
                b'"' | b'\'' => quote = Some(b),
                b'[' | b'{' => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            },
        }
    }
    deepest
}

fn from_json(
    v: jsonc_parser::JsonValue<'_>,
    origin: &Option<Location>,
    count: &mut usize,
) -> Result<Val, String> {
    use jsonc_parser::JsonValue as J;
    *count += 1;
    check_len(*count)?;
    let value = match v {
        J::Null => Value::Null,
        J::Boolean(b) => Value::Bool(b),
        J::String(s) => Value::String(s.into_owned()),
        J::Number(n) => Value::Number(
            n.parse::<f64>()
                .map_err(|_| format!("'{n}' is not a number JSON can hold"))?,
        ),
        J::Array(items) => Value::List(
            items
                .take_inner()
                .into_iter()
                .map(|x| from_json(x, origin, count))
                .collect::<Result<_, _>>()?,
        ),
        J::Object(map) => {
            let mut out = BTreeMap::new();
            for (k, x) in map.take_inner() {
                let x = from_json(x, origin, count)?;
                put(&mut out, &k, x);
            }
            Value::Object(out)
        }
    };
    Ok(Val::new(value, origin.clone()))
}

#[cfg(test)]
mod tests {
    use crate::functions::testkit::*;

    #[test]
    fn object_functions() {
        check(&[
            ("[createObject('intProp', 1, 'stringProp', 'abc', 'boolProp', true(), 'arrayProp', createArray('a', 'b', 'c'), 'objectProp', createObject('key1', 'value1'))]",
             json!({"intProp": 1, "stringProp": "abc", "boolProp": true, "arrayProp": ["a", "b", "c"], "objectProp": {"key1": "value1"}})),
            ("[createObject()]", json!({})),
            ("[createObject('a', 1, 'A', 2)]", json!({"a": 2})),
            ("[union(createObject('one', 'a', 'two', 'b', 'three', 'c1'), createObject('three', 'c2', 'four', 'd', 'five', 'e'))]",
             json!({"one": "a", "two": "b", "three": "c2", "four": "d", "five": "e"})),
            ("[union(json('{\"property\": {\"one\": \"a\", \"two\": \"b\", \"three\": \"c1\"}, \"nestedArray\": [1, 2]}'), json('{\"property\": {\"three\": \"c2\", \"four\": \"d\", \"five\": \"e\"}, \"nestedArray\": [3, 4]}'))]",
             json!({"property": {"one": "a", "two": "b", "three": "c2", "four": "d", "five": "e"}, "nestedArray": [3, 4]})),
            ("[union(createObject('Key', 1), createObject('key', 2))]", json!({"Key": 2})),
            ("[union(createObject('a', 1), null())]", json!({"a": 1})),
            ("[intersection(createObject('one', 'a', 'two', 'b', 'three', 'c'), createObject('one', 'a', 'two', 'z', 'three', 'c'))]",
             json!({"one": "a", "three": "c"})),
            ("[items(createObject('item002', createObject('enabled', false()), 'item001', createObject('enabled', true())))]",
             json!([{"key": "item001", "value": {"enabled": true}}, {"key": "item002", "value": {"enabled": false}}])),
            ("[items(createObject('b', 1, 'A', 2))[0].key]", json!("A")),
            ("[objectKeys(createObject('b', 1, 'a', 2))]", json!(["a", "b"])),
            ("[shallowMerge(createArray(createObject('a', 1, 'n', createObject('x', 1)), createObject('b', 2, 'n', createObject('y', 2))))]",
             json!({"a": 1, "b": 2, "n": {"y": 2}})),
            ("[tryGet(parameters('acls'), 'bypass')]", json!("None")),
            ("[tryGet(parameters('acls'), 'missing')]", json!(null)),
            ("[tryGet(parameters('names'), 1)]", json!("b")),
            ("[tryGet(parameters('names'), 5)]", json!(null)),
            ("[tryGet(null(), 'a')]", json!(null)),
            ("[tryGet(json('{\"a\": {\"b\": 1}}'), 'a', 'b')]", json!(1)),
            ("[tryGet(json('{\"a\": null}'), 'a', 'b')]", json!(null)),
        ]);
        fails(&[
            ("[createObject('a')]", "even number"),
            ("[createObject(1, 'a')]", "'createObject'"),
            ("[union(createObject(), createArray())]", "'Object'"),
            ("[items(createArray())]", "'Object'"),
            ("[objectKeys('a')]", "'Object'"),
            ("[shallowMerge(createArray(1))]", "'shallowMerge'"),
            ("[tryGet('a', 'b')]", "'tryGet'"),
            ("[tryGet(parameters('acls'), 1)]", "'tryGet'"),
        ]);
        unknown(&[
            ("[union(parameters('acls'), parameters('secret'))]", "'secret'"),
            ("[createObject(parameters('secret'), 1)]", "'secret'"),
            ("[items(parameters('secret'))]", "'secret'"),
            ("[tryGet(parameters('secret'), 'a')]", "'secret'"),
            ("[tryGet(parameters('acls'), parameters('secret'))]", "'secret'"),
            ("[union(createObject('a', parameters('secret')), createObject('a', createObject('b', 1))).a]", "'secret'"),
        ]);
        let k = Kit::new();
        // Members keep their own origins and the hops that brought their object.
        let v = k
            .eval("[createObject('bypass', parameters('acls').bypass).bypass]")
            .unwrap();
        assert_eq!(v.origin, Some(p(7, 4)));
        assert_eq!(v.trace[0].label, "parameters('acls')");
        let text = "[createObject('bypass', 'None').bypass]";
        let v = k.eval(text).unwrap();
        assert_eq!(v.origin, Some(lit(text, "'None'")));
        let v = k
            .eval("[union(parameters('acls'), createObject('x', 1)).bypass]")
            .unwrap();
        assert_eq!(v.origin, Some(p(7, 4)));
        assert_eq!(v.trace[0].label, "parameters('acls')");
        let text = "[union(parameters('acls'), createObject('bypass', 'AzureServices')).bypass]";
        let v = k.eval(text).unwrap();
        assert_eq!(v.origin, Some(lit(text, "'AzureServices'")));
        let v = k.eval("[tryGet(parameters('acls'), 'bypass')]").unwrap();
        assert_eq!(v.origin, Some(p(7, 4)));
        assert_eq!(v.trace[0].label, "parameters('acls')");
        let v = k.eval("[items(parameters('acls'))[0].value]").unwrap();
        assert_eq!(v.origin, Some(p(7, 4)));
        // An unknown member stays a member.
        let v = k
            .eval("[createObject('a', parameters('secret'), 'b', 1)]")
            .unwrap();
        assert!(!v.is_unknown() && v.contains_unknown());
        let v = k
            .eval("[union(parameters('acls'), createObject('bypass', parameters('secret')))]")
            .unwrap();
        assert!(!v.is_unknown());
        assert_eq!(v.to_json()["defaultAction"], json!("Deny"));
    }
}
