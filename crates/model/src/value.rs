use crate::Location;
use serde::Serialize;
use std::collections::BTreeMap;

/// One hop on the way from where a value was written to where it is used.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Hop {
    /// What carried the value, as a person reads it: `var.kv_bypass`, `local.acls`,
    /// `default of var.kv_bypass`, `terraform.tfvars`.
    pub label: String,
    pub location: Location,
}

/// Why a value is not known before deployment.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Unknown {
    pub reason: String,
    /// The values it can take, when those are known though the choice is not (a condition on
    /// an input with no value, choosing between two literals). Empty when anything is possible.
    #[serde(skip)]
    pub candidates: Vec<Val>,
}

/// A value as a front end evaluated it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    /// Lists, tuples and sets.
    List(Vec<Val>),
    /// Objects and maps; keys sorted, as Terraform and `json()` order them.
    Object(BTreeMap<String, Val>),
    Unknown(Unknown),
}

/// A value with its origin (where its literal was written) and its trace (how it travelled).
#[derive(Clone, Debug, PartialEq)]
pub struct Val {
    pub value: Value,
    pub origin: Option<Location>,
    /// Hops in reading order: the outermost use first, the hop nearest the literal last.
    pub trace: Vec<Hop>,
}

/// Operations that make a value out of others and keep what a finding needs to say where it
/// was written: every front end and function library builds its results with these.
impl Val {
    /// A value computed from `from`: it keeps the origin and trace of the one input whose text
    /// it is made of, or takes the location `at` of the computation when several inputs
    /// contribute (or none).
    pub fn computed(value: Value, from: &[&Val], at: &Location) -> Val {
        match from {
            [one] => Val {
                value,
                origin: one.origin.clone().or_else(|| Some(at.clone())),
                trace: one.trace.clone(),
            },
            _ => Val::new(value, Some(at.clone())),
        }
    }

    /// This value itself, holding `value` instead (a conversion of it: same origin, same trace).
    pub fn converted(&self, value: Value) -> Val {
        Val {
            value,
            origin: self.origin.clone(),
            trace: self.trace.clone(),
        }
    }

    /// An item taken out of `container`: it carries the hops that brought the container here,
    /// and the container's origin when it has none of its own.
    pub fn adopted_by(&self, container: &Val) -> Val {
        let mut v = self.clone();
        if !container.trace.is_empty() {
            v.trace = container.trace.iter().cloned().chain(v.trace).collect();
        }
        if v.origin.is_none() {
            v.origin = container.origin.clone();
        }
        v
    }
}

impl Val {
    pub fn new(value: Value, origin: Option<Location>) -> Self {
        Val {
            value,
            origin,
            trace: Vec::new(),
        }
    }

    pub fn null(origin: Option<Location>) -> Self {
        Val::new(Value::Null, origin)
    }

    pub fn string(s: impl Into<String>, origin: Option<Location>) -> Self {
        Val::new(Value::String(s.into()), origin)
    }

    pub fn unknown(reason: impl Into<String>, origin: Option<Location>) -> Self {
        Val::new(
            Value::Unknown(Unknown {
                reason: reason.into(),
                candidates: Vec::new(),
            }),
            origin,
        )
    }

    /// An unknown value that is one of `candidates`.
    pub fn unknown_among(
        reason: impl Into<String>,
        candidates: Vec<Val>,
        origin: Option<Location>,
    ) -> Self {
        Val::new(
            Value::Unknown(Unknown {
                reason: reason.into(),
                candidates,
            }),
            origin,
        )
    }

    pub fn object(
        entries: impl IntoIterator<Item = (String, Val)>,
        origin: Option<Location>,
    ) -> Self {
        Val::new(Value::Object(entries.into_iter().collect()), origin)
    }

    pub fn list(items: Vec<Val>, origin: Option<Location>) -> Self {
        Val::new(Value::List(items), origin)
    }

    /// Records that the value passed through `hop` on its way to the use. Hops are added from
    /// the literal outwards, so each new one goes in front.
    pub fn through(mut self, hop: Hop) -> Self {
        self.trace.insert(0, hop);
        self
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self.value, Value::Unknown(_))
    }

    /// Whether the value is unknown or holds an unknown anywhere inside it.
    pub fn contains_unknown(&self) -> bool {
        match &self.value {
            Value::Unknown(_) => true,
            Value::List(items) => items.iter().any(Val::contains_unknown),
            Value::Object(map) => map.values().any(Val::contains_unknown),
            _ => false,
        }
    }

    /// The first unknown inside the value, to explain an undetermined verdict.
    pub fn first_unknown(&self) -> Option<(&Unknown, &Val)> {
        match &self.value {
            Value::Unknown(u) => Some((u, self)),
            Value::List(items) => items.iter().find_map(Val::first_unknown),
            Value::Object(map) => map.values().find_map(Val::first_unknown),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match &self.value {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The value as plain JSON, origins dropped (unknowns become null).
    pub fn to_json(&self) -> serde_json::Value {
        match &self.value {
            Value::Null | Value::Unknown(_) => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => number_to_json(*n),
            Value::String(s) => serde_json::Value::String(s.clone()),
            Value::List(items) => {
                serde_json::Value::Array(items.iter().map(Val::to_json).collect())
            }
            Value::Object(map) => serde_json::Value::Object(
                map.iter().map(|(k, v)| (k.clone(), v.to_json())).collect(),
            ),
        }
    }

    /// A short rendering for messages: strings bare, others as JSON.
    pub fn display(&self) -> String {
        match &self.value {
            Value::String(s) => s.clone(),
            Value::Unknown(u) => format!("(unknown: {})", u.reason),
            _ => self.to_json().to_string(),
        }
    }
}

/// Integers print without a fraction, as Terraform prints them.
pub fn number_to_json(n: f64) -> serde_json::Value {
    if n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15 {
        serde_json::Value::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(serde_json::Value::Null, serde_json::Value::Number)
    }
}

/// A step into a value, for [`Val::cases`].
enum Seg {
    Attr(String),
    Index(usize),
}

use crate::limits::RESOURCE_CASES;

/// Where the first unknown with candidates sits in a value (depth first, keys in order).
fn first_choice(v: &Val, path: &mut Vec<Seg>) -> Option<Vec<Val>> {
    match &v.value {
        Value::Unknown(u) if !u.candidates.is_empty() => Some(u.candidates.clone()),
        Value::Object(map) => map.iter().find_map(|(k, item)| {
            path.push(Seg::Attr(k.clone()));
            let found = first_choice(item, path);
            if found.is_none() {
                path.pop();
            }
            found
        }),
        Value::List(items) => items.iter().enumerate().find_map(|(i, item)| {
            path.push(Seg::Index(i));
            let found = first_choice(item, path);
            if found.is_none() {
                path.pop();
            }
            found
        }),
        _ => None,
    }
}

fn replace_at(v: &Val, path: &[Seg], with: &Val) -> Val {
    let Some((first, rest)) = path.split_first() else {
        return with.clone();
    };
    let mut out = v.clone();
    match (&mut out.value, first) {
        (Value::Object(map), Seg::Attr(k)) => {
            if let Some(item) = map.get_mut(k) {
                *item = replace_at(item, rest, with);
            }
        }
        (Value::List(items), Seg::Index(i)) => {
            if let Some(item) = items.get_mut(*i) {
                *item = replace_at(item, rest, with);
            }
        }
        _ => {}
    }
    out
}

/// Every case of `v` (each unknown with candidates replaced by each of its candidates) into
/// `out`; false when there are more than [`RESOURCE_CASES`].
fn expand(v: &Val, out: &mut Vec<Val>) -> bool {
    let mut path = Vec::new();
    match first_choice(v, &mut path) {
        None if out.len() < RESOURCE_CASES => {
            out.push(v.clone());
            true
        }
        None => false,
        Some(candidates) => candidates
            .iter()
            .all(|c| expand(&replace_at(v, &path, c), out)),
    }
}

impl Val {
    /// The value in each case its unknowns with candidates can take (see
    /// [`Unknown::candidates`]); empty when it has none, or too many cases to be sure of any
    /// verdict over them.
    pub fn cases(&self) -> Vec<Val> {
        let mut out = Vec::new();
        if first_choice(self, &mut Vec::new()).is_none() || !expand(self, &mut out) {
            return Vec::new();
        }
        out
    }
}
