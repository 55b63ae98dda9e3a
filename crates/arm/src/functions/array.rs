//! ARM's array functions (the reference's "Array functions"): `array`, `concat`, `contains`,
//! `createArray`, `empty`, `first`, `indexFromEnd`, `indexOf`, `intersection`, `last`,
//! `lastIndexOf`, `length`, `max`, `min`, `range`, `skip`, `take`, `tryGet`, `tryIndexFromEnd`,
//! `union`.
//!
//! Most of them take strings and objects too, and the reference lists them again under those
//! categories: each lives here, the first category that lists it, once.

use super::comparison::{json_equal, undecided};
use super::object::merge_into;
use super::*;
use vigil_model::limits::ARM_RANGE;

pub(super) fn array(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need_top!(v);
    match &v.value {
        Value::List(_) => Ok(v.clone()),
        _ => Ok(fresh(Value::List(vec![v.clone()]), at)),
    }
}

pub(super) fn create_array(args: &[Val], at: &Location) -> Res {
    check_len(args.len())?;
    Ok(fresh(Value::List(args.to_vec()), at))
}

pub(super) fn concat(args: &[Val], at: &Location) -> Res {
    for a in args {
        need_top!(a);
    }
    if args.iter().any(|a| matches!(a.value, Value::List(_))) {
        let mut items = Vec::new();
        let mut from = Vec::new();
        for (i, a) in args.iter().enumerate() {
            match &a.value {
                Value::List(xs) => {
                    check_len(items.len() + xs.len())?;
                    items.extend(xs.iter().map(|x| x.adopted_by(a)));
                    if !xs.is_empty() {
                        from.push(a);
                    }
                }
                Value::Null => {}
                _ => {
                    return Err(format!(
                        "the template language function 'concat' expects all its arguments \
                         to be arrays when one is: the {} is of type '{}'",
                        ordinal(i),
                        type_name(a)
                    ))
                }
            }
        }
        let origin = match from.as_slice() {
            [one] => one.origin.clone(),
            _ => Some(at.clone()),
        };
        return Ok(Val::new(
            Value::List(items),
            origin.or_else(|| Some(at.clone())),
        ));
    }
    let mut out = String::new();
    let mut from = Vec::new();
    for (i, a) in args.iter().enumerate() {
        let Some(t) = text_of(a) else {
            return Err(type_error("concat", i, "'String' or 'Array'", a));
        };
        check_text(out.len() + t.len())?;
        if !t.is_empty() {
            from.push(a);
        }
        out.push_str(&t);
    }
    Ok(Val::computed(Value::String(out), &from, at))
}

pub(super) fn contains(args: &[Val], at: &Location) -> Res {
    let (c, x) = (&args[0], &args[1]);
    need_top!(c);
    match &c.value {
        Value::String(s) => {
            need_top!(x);
            let needle =
                text_of(x).ok_or_else(|| type_error("contains", 1, "'String' or 'Integer'", x))?;
            Ok(boolean(s.contains(&needle), at))
        }
        Value::Object(map) => {
            need_top!(x);
            let key =
                text_of(x).ok_or_else(|| type_error("contains", 1, "'String' or 'Integer'", x))?;
            Ok(boolean(lookup(map, &key).is_some(), at))
        }
        Value::List(items) => {
            let mut undecided = None;
            for item in items {
                match json_equal(item, x) {
                    Some(true) => return Ok(boolean(true, at)),
                    Some(false) => {}
                    None => {
                        undecided.get_or_insert_with(|| self::undecided(item, x, at));
                    }
                }
            }
            match undecided {
                Some(u) => Ok(u),
                None => Ok(boolean(false, at)),
            }
        }
        _ => Err(type_error(
            "contains",
            0,
            "'Array', 'Object' or 'String'",
            c,
        )),
    }
}

pub(super) fn empty(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need_top!(v);
    let b = match &v.value {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::List(xs) => xs.is_empty(),
        Value::Object(m) => m.is_empty(),
        _ => return Err(type_error("empty", 0, "'Array', 'Object' or 'String'", v)),
    };
    Ok(Val::computed(Value::Bool(b), &[v], at))
}

pub(super) fn length(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need_top!(v);
    let n = match &v.value {
        Value::String(s) => utf16_len(s),
        Value::List(xs) => xs.len(),
        Value::Object(m) => m.len(),
        _ => return Err(type_error("length", 0, "'Array', 'Object' or 'String'", v)),
    };
    Ok(int_val(n as i64, &[v], at))
}

/// `first`/`last`: the element itself, or a one-character string.
fn end_of(func: &str, args: &[Val], at: &Location, from_end: bool) -> Res {
    let v = &args[0];
    need_top!(v);
    match &v.value {
        Value::List(xs) => {
            let item = if from_end { xs.last() } else { xs.first() };
            Ok(item.map_or_else(|| Val::null(Some(at.clone())), |x| x.adopted_by(v)))
        }
        Value::String(s) => {
            let n = utf16_len(s);
            let text = match (n, from_end) {
                (0, _) => String::new(),
                (_, false) => utf16_slice(s, 0, 1),
                (_, true) => utf16_slice(s, n - 1, n),
            };
            Ok(Val::computed(Value::String(text), &[v], at))
        }
        _ => Err(type_error(func, 0, "'Array' or 'String'", v)),
    }
}

pub(super) fn first(args: &[Val], at: &Location) -> Res {
    end_of("first", args, at, false)
}

pub(super) fn last(args: &[Val], at: &Location) -> Res {
    end_of("last", args, at, true)
}

/// `skip`/`take`: part of an array or string, counted from the start.
fn part(func: &str, args: &[Val], at: &Location, skipping: bool) -> Res {
    let v = &args[0];
    need_top!(v, &args[1]);
    let n = int_arg(func, args, 1)?.max(0);
    match &v.value {
        Value::List(xs) => {
            let n = (n as usize).min(xs.len());
            let kept = if skipping { &xs[n..] } else { &xs[..n] };
            Ok(Val::computed(Value::List(kept.to_vec()), &[v], at))
        }
        Value::String(s) => {
            let len = utf16_len(s);
            let n = (n as usize).min(len);
            let text = if skipping {
                utf16_slice(s, n, len)
            } else {
                utf16_slice(s, 0, n)
            };
            Ok(Val::computed(Value::String(text), &[v], at))
        }
        _ => Err(type_error(func, 0, "'Array' or 'String'", v)),
    }
}

pub(super) fn skip(args: &[Val], at: &Location) -> Res {
    part("skip", args, at, true)
}

pub(super) fn take(args: &[Val], at: &Location) -> Res {
    part("take", args, at, false)
}

/// `indexFromEnd`/`tryIndexFromEnd`: the element `n` places from the end (1 is the last).
fn from_end(func: &str, args: &[Val], at: &Location, strict: bool) -> Res {
    let v = &args[0];
    need_top!(v, &args[1]);
    let xs = list_arg(func, args, 0)?;
    let n = int_arg(func, args, 1)?;
    if n >= 1 && (n as usize) <= xs.len() {
        return Ok(xs[xs.len() - n as usize].adopted_by(v));
    }
    if strict {
        return Err(format!(
            "the template language function '{func}' cannot take element {n} from the end of \
             an array of {}",
            xs.len()
        ));
    }
    Ok(Val::null(Some(at.clone())))
}

pub(super) fn index_from_end(args: &[Val], at: &Location) -> Res {
    from_end("indexFromEnd", args, at, true)
}

pub(super) fn try_index_from_end(args: &[Val], at: &Location) -> Res {
    from_end("tryIndexFromEnd", args, at, false)
}

/// `min`/`max`: integers given as arguments or in arrays; the chosen one is returned itself.
fn extreme(func: &str, args: &[Val], better: fn(f64, f64) -> bool) -> Res {
    let mut best: Option<(f64, Val)> = None;
    for (i, a) in args.iter().enumerate() {
        need_top!(a);
        let members: Vec<Val> = match &a.value {
            Value::Number(_) => vec![a.clone()],
            Value::List(items) => items.iter().map(|x| x.adopted_by(a)).collect(),
            _ => return Err(type_error(func, i, "'Integer' or 'Array'", a)),
        };
        for m in members {
            need_top!(&m);
            let Value::Number(n) = m.value else {
                return Err(type_error(func, i, "'Integer'", &m));
            };
            if best.as_ref().is_none_or(|(b, _)| better(n, *b)) {
                best = Some((n, m));
            }
        }
    }
    best.map(|(_, v)| v)
        .ok_or_else(|| format!("the template language function '{func}' needs at least one value"))
}

pub(super) fn min(args: &[Val], _: &Location) -> Res {
    extreme("min", args, |a, b| a < b)
}

pub(super) fn max(args: &[Val], _: &Location) -> Res {
    extreme("max", args, |a, b| a > b)
}

pub(super) fn range(args: &[Val], at: &Location) -> Res {
    need_top!(&args[0], &args[1]);
    let start = int_arg("range", args, 0)?;
    let count = int_arg("range", args, 1)?;
    if !(0..=ARM_RANGE).contains(&count) {
        return Err(format!(
            "the template language function 'range' needs a count from 0 to {ARM_RANGE}, \
             not {count}"
        ));
    }
    if start
        .checked_add(count)
        .is_none_or(|end| end > 2_147_483_647)
    {
        return Err(
            "the template language function 'range' needs startIndex + count to be at most \
             2147483647"
                .into(),
        );
    }
    let items = (start..start + count)
        .map(|i| fresh(Value::Number(i as f64), at))
        .collect();
    Ok(fresh(Value::List(items), at))
}

pub(super) fn union(args: &[Val], at: &Location) -> Res {
    for a in args {
        need_top!(a);
    }
    let present: Vec<&Val> = args
        .iter()
        .filter(|a| !matches!(a.value, Value::Null))
        .collect();
    let Some(head) = present.first() else {
        return Ok(Val::null(Some(at.clone())));
    };
    match &head.value {
        Value::Object(_) => {
            let mut acc = BTreeMap::new();
            for (i, a) in present.iter().enumerate() {
                if !matches!(a.value, Value::Object(_)) {
                    return Err(type_error("union", i, "'Object'", a));
                }
                merge_into(&mut acc, a, true, 0, at)?;
            }
            Ok(fresh(Value::Object(acc), at))
        }
        Value::List(_) => {
            let mut out: Vec<Val> = Vec::new();
            for (i, a) in present.iter().enumerate() {
                let Value::List(xs) = &a.value else {
                    return Err(type_error("union", i, "'Array'", a));
                };
                for x in xs {
                    let mut seen = false;
                    for o in &out {
                        match json_equal(o, x) {
                            Some(true) => seen = true,
                            Some(false) => {}
                            // Whether it repeats an earlier element decides the result's length.
                            None => return Ok(undecided(x, o, at)),
                        }
                        if seen {
                            break;
                        }
                    }
                    if !seen {
                        check_len(out.len() + 1)?;
                        out.push(x.adopted_by(a));
                    }
                }
            }
            Ok(fresh(Value::List(out), at))
        }
        _ => Err(type_error("union", 0, "'Array' or 'Object'", head)),
    }
}

pub(super) fn intersection(args: &[Val], at: &Location) -> Res {
    for a in args {
        need_top!(a);
    }
    match &args[0].value {
        Value::Object(first) => {
            let mut out = BTreeMap::new();
            'keys: for (k, v) in first {
                for i in 1..args.len() {
                    let map = object_arg("intersection", args, i)?;
                    match lookup(map, k) {
                        Some((_, w)) => match json_equal(v, w) {
                            Some(true) => {}
                            Some(false) => continue 'keys,
                            None => return Ok(undecided(v, w, at)),
                        },
                        None => continue 'keys,
                    }
                }
                out.insert(k.clone(), v.adopted_by(&args[0]));
            }
            Ok(fresh(Value::Object(out), at))
        }
        Value::List(first) => {
            let mut out: Vec<Val> = Vec::new();
            'items: for x in first {
                if out.iter().any(|o| json_equal(o, x) == Some(true)) {
                    continue;
                }
                for i in 1..args.len() {
                    let others = list_arg("intersection", args, i)?;
                    let mut found = false;
                    for y in others {
                        match json_equal(x, y) {
                            Some(true) => {
                                found = true;
                                break;
                            }
                            Some(false) => {}
                            None => return Ok(undecided(x, y, at)),
                        }
                    }
                    if !found {
                        continue 'items;
                    }
                }
                out.push(x.adopted_by(&args[0]));
            }
            Ok(fresh(Value::List(out), at))
        }
        _ => Err(type_error(
            "intersection",
            0,
            "'Array' or 'Object'",
            &args[0],
        )),
    }
}

pub(super) fn try_get(args: &[Val], at: &Location) -> Res {
    let mut current = args[0].clone();
    for key in &args[1..] {
        need_top!(&current, key);
        current = match (&current.value, &key.value) {
            (Value::Object(map), Value::String(k)) => match lookup(map, k) {
                Some((_, x)) => x.adopted_by(&current),
                None => return Ok(Val::null(Some(at.clone()))),
            },
            (Value::List(xs), Value::Number(n)) => match whole(*n) {
                Some(i) if i >= 0 && (i as usize) < xs.len() => xs[i as usize].adopted_by(&current),
                _ => return Ok(Val::null(Some(at.clone()))),
            },
            (Value::Null, _) => return Ok(Val::null(Some(at.clone()))),
            (Value::Object(_) | Value::List(_), _) => {
                return Err(type_error("tryGet", 1, "'String' or 'Integer'", key))
            }
            _ => return Err(type_error("tryGet", 0, "'Object' or 'Array'", &current)),
        };
    }
    Ok(current)
}

/// `indexOf`/`lastIndexOf`: a position in a string (ignoring case, in UTF-16 units) or in an
/// array (by equality); -1 when absent.
fn position(func: &str, args: &[Val], at: &Location, from_end: bool) -> Res {
    let (c, x) = (&args[0], &args[1]);
    need_top!(c);
    match &c.value {
        Value::String(s) => {
            need_top!(x);
            let needle = str_arg(func, args, 1)?;
            let hay: Vec<char> = s.chars().collect();
            let folded: Vec<char> = hay.iter().copied().map(fold).collect();
            let pat: Vec<char> = needle.chars().map(fold).collect();
            let found = if pat.is_empty() {
                Some(if from_end { hay.len() } else { 0 })
            } else if pat.len() > folded.len() {
                None
            } else {
                let mut starts = 0..=folded.len() - pat.len();
                let hit = |i: &usize| folded[*i..*i + pat.len()] == pat[..];
                if from_end {
                    starts.rev().find(hit)
                } else {
                    starts.find(hit)
                }
            };
            let n = found.map_or(-1, |i| {
                hay[..i].iter().map(|ch| ch.len_utf16()).sum::<usize>() as i64
            });
            Ok(fresh(Value::Number(n as f64), at))
        }
        Value::List(xs) => {
            let order: Box<dyn Iterator<Item = (usize, &Val)>> = if from_end {
                Box::new(xs.iter().enumerate().rev())
            } else {
                Box::new(xs.iter().enumerate())
            };
            for (i, item) in order {
                match json_equal(item, x) {
                    Some(true) => return Ok(fresh(Value::Number(i as f64), at)),
                    Some(false) => {}
                    None => return Ok(undecided(item, x, at)),
                }
            }
            Ok(fresh(Value::Number(-1.0), at))
        }
        _ => Err(type_error(func, 0, "'String' or 'Array'", c)),
    }
}

pub(super) fn index_of(args: &[Val], at: &Location) -> Res {
    position("indexOf", args, at, false)
}

pub(super) fn last_index_of(args: &[Val], at: &Location) -> Res {
    position("lastIndexOf", args, at, true)
}

#[cfg(test)]
mod tests {
    use crate::functions::testkit::whole;
    use crate::functions::testkit::*;

    #[test]
    fn concat_strings_and_arrays() {
        check(&[
            ("[concat('a', 'b', 'c')]", json!("abc")),
            ("[concat('a')]", json!("a")),
            ("[concat('n', 1, true())]", json!("n1True")),
            (
                "[concat(parameters('names'), createArray('d'))]",
                json!(["a", "b", "c", "d"]),
            ),
            (
                "[concat(createArray(1), createArray(), createArray(2, 3))]",
                json!([1, 2, 3]),
            ),
            ("[concat(createArray(1), null())]", json!([1])),
        ]);
        fails(&[
            ("[concat(createArray(1), 'a')]", "to be arrays when one is"),
            ("[concat('a', createObject())]", "'concat'"),
            ("[concat()]", "at least 1"),
        ]);
        unknown(&[(
            "[concat('a', parameters('secret'))]",
            "'secret' has no value",
        )]);
        // The one argument with text keeps its origin; two take the call's location.
        assert_eq!(origin("[concat('', parameters('env'))]"), p(3, 4));
        assert_eq!(origin("[concat('kv-', parameters('env'))]"), whole());
        // Elements of concatenated arrays keep theirs, with the hop that brought them.
        let v = Kit::new()
            .eval("[concat(parameters('names'), createArray('d'))[1]]")
            .unwrap();
        assert_eq!(v.origin, Some(p(11, 1)));
        assert_eq!(v.trace[0].label, "parameters('names')");
        // An unknown element stays inside the array.
        let v = Kit::new()
            .eval("[concat(createArray(parameters('secret')), createArray('x'))]")
            .unwrap();
        assert!(!v.is_unknown() && v.contains_unknown());
    }

    #[test]
    fn empty_length_contains() {
        check(&[
            ("[empty('')]", json!(true)),
            ("[empty('a')]", json!(false)),
            ("[empty(createArray())]", json!(true)),
            ("[empty(createObject())]", json!(true)),
            ("[empty(createObject('a', 1))]", json!(false)),
            ("[empty(null())]", json!(true)),
            ("[empty(createArray(parameters('secret')))]", json!(false)),
            ("[length('abc')]", json!(3)),
            ("[length('😀')]", json!(2)),
            ("[length(parameters('names'))]", json!(3)),
            ("[length(parameters('acls'))]", json!(2)),
            ("[length(createArray(parameters('secret')))]", json!(1)),
            ("[contains('OneTwoThree', 'e')]", json!(true)),
            ("[contains('OneTwoThree', 'z')]", json!(false)),
            ("[contains('OneTwoThree', 'one')]", json!(false)),
            ("[contains('a1', 1)]", json!(true)),
            ("[contains(parameters('acls'), 'BYPASS')]", json!(true)),
            ("[contains(parameters('acls'), 'None')]", json!(false)),
            ("[contains(parameters('names'), 'b')]", json!(true)),
            ("[contains(parameters('names'), 'B')]", json!(false)),
            ("[contains(createArray(1, 2), 2)]", json!(true)),
            (
                "[contains(createArray(parameters('secret'), 'b'), 'b')]",
                json!(true),
            ),
        ]);
        fails(&[
            ("[empty(1)]", "'empty'"),
            ("[length(1)]", "'length'"),
            ("[length(null())]", "'length'"),
            ("[contains(1, 1)]", "'contains'"),
            ("[contains('a', createArray())]", "'contains'"),
        ]);
        unknown(&[
            ("[empty(parameters('secret'))]", "'secret'"),
            ("[length(parameters('secret'))]", "'secret'"),
            ("[contains(parameters('secret'), 'a')]", "'secret'"),
            ("[contains('abc', parameters('secret'))]", "'secret'"),
            (
                "[contains(createArray(parameters('secret'), 'b'), 'c')]",
                "'secret'",
            ),
        ]);
        assert_eq!(origin("[length(parameters('env'))]"), p(3, 4));
        assert_eq!(origin("[empty(parameters('env'))]"), p(3, 4));
    }

    #[test]
    fn array_functions() {
        check(&[
            ("[array(1)]", json!([1])),
            ("[array('efgh')]", json!(["efgh"])),
            ("[array(createObject('a', 'b'))]", json!([{"a": "b"}])),
            ("[array(createArray(1))]", json!([1])),
            ("[createArray('a', 'b', 'c')]", json!(["a", "b", "c"])),
            ("[createArray()]", json!([])),
            ("[createArray(createArray('one'))]", json!([["one"]])),
            ("[first(parameters('names'))]", json!("a")),
            ("[last(parameters('names'))]", json!("c")),
            ("[first(createArray())]", json!(null)),
            ("[skip(parameters('names'), 2)]", json!(["c"])),
            ("[skip(parameters('names'), -1)]", json!(["a", "b", "c"])),
            ("[take(parameters('names'), 2)]", json!(["a", "b"])),
            ("[take(parameters('names'), 9)]", json!(["a", "b", "c"])),
            ("[indexFromEnd(parameters('names'), 1)]", json!("c")),
            ("[tryIndexFromEnd(parameters('names'), 4)]", json!(null)),
            ("[union(createArray('one', 'two', 'three'), createArray('three', 'four'))]",
             json!(["one", "two", "three", "four"])),
            ("[union(createArray(createArray('one', 'two'), createArray('three')), createArray(createArray('three'), createArray('four', 'two')))]",
             json!([["one", "two"], ["three"], ["four", "two"]])),
            ("[intersection(createArray('one', 'two', 'three'), createArray('two', 'three'))]",
             json!(["two", "three"])),
            ("[intersection(createArray(1, 1, 2), createArray(1), createArray(1, 3))]", json!([1])),
        ]);
        fails(&[
            ("[indexFromEnd(parameters('names'), 4)]", "from the end"),
            ("[union(createArray(1), createObject())]", "'Array'"),
            ("[intersection(createArray(1), 'a')]", "'Array'"),
        ]);
        unknown(&[
            ("[first(parameters('secret'))]", "'secret'"),
            (
                "[union(parameters('names'), parameters('secret'))]",
                "'secret'",
            ),
            (
                "[union(createArray(parameters('secret')), createArray('a'))]",
                "'secret'",
            ),
            (
                "[intersection(createArray(parameters('secret')), createArray('a'))]",
                "'secret'",
            ),
        ]);
        // Selected elements keep their origin and the hops of their array.
        let v = Kit::new().eval("[first(parameters('names'))]").unwrap();
        assert_eq!(v.origin, Some(p(10, 1)));
        assert_eq!(v.trace[0].label, "parameters('names')");
        let v = Kit::new()
            .eval("[skip(parameters('names'), 1)[0]]")
            .unwrap();
        assert_eq!(v.origin, Some(p(11, 1)));
        assert_eq!(v.trace.len(), 1);
        let v = Kit::new()
            .eval("[union(createArray('z'), parameters('names'))[2]]")
            .unwrap();
        assert_eq!(v.origin, Some(p(11, 1)));
        assert_eq!(v.trace[0].label, "parameters('names')");
        let v = Kit::new()
            .eval("[createArray(parameters('env'))[0]]")
            .unwrap();
        assert_eq!(v.origin, Some(p(3, 4)));
        assert_eq!(origin("[createArray(1)]"), whole());
    }
}
