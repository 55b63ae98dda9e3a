//! Conditions: the declarative test a rule applies to one resource, evaluated three-valued
//! (true / false / unknown), keeping the values each verdict rests on as evidence.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use vigil_model::{number_to_json, Lookup, Resource, Val, Value};

use crate::spec::LeafMessages;

/// A literal a rule compares against.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Scalar {
    Bool(bool),
    Number(f64),
    String(String),
}

impl Scalar {
    pub(crate) fn display(&self) -> String {
        match self {
            Scalar::Bool(b) => b.to_string(),
            Scalar::Number(n) => number_to_json(*n).to_string(),
            Scalar::String(s) => s.clone(),
        }
    }

    /// Whether an evaluated value is this literal. Strings meet booleans and numbers halfway
    /// because Terraform converts `"true"` and `"5"` to the attribute's type on its own.
    fn matches(&self, actual: &Value, exact: bool) -> bool {
        let same_text = |a: &str, b: &str| {
            if exact {
                a == b
            } else {
                a.to_lowercase() == b.to_lowercase()
            }
        };
        match (self, actual) {
            (Scalar::String(e), Value::String(a)) => same_text(e, a),
            (Scalar::Bool(e), Value::Bool(a)) => e == a,
            (Scalar::Number(e), Value::Number(a)) => e == a,
            (Scalar::Bool(e), Value::String(a)) => same_text(&e.to_string(), a),
            (Scalar::String(e), Value::Bool(a)) => same_text(e, &a.to_string()),
            (Scalar::Number(e), Value::String(a)) => a.trim().parse::<f64>() == Ok(*e),
            (Scalar::String(e), Value::Number(a)) => e.trim().parse::<f64>() == Ok(*a),
            _ => false,
        }
    }

    fn to_value(&self) -> Value {
        match self {
            Scalar::Bool(b) => Value::Bool(*b),
            Scalar::Number(n) => Value::Number(*n),
            Scalar::String(s) => Value::String(s.clone()),
        }
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;
        impl Visitor<'_> for ScalarVisitor {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, number or boolean")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar::Bool(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::String(v.to_string()))
            }
        }
        d.deserialize_any(ScalarVisitor)
    }
}

/// What a leaf is worth when its property is not there.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum IfAbsent {
    True,
    False,
    Unknown,
    /// Compare this value instead: the API's default for an omitted property.
    Default(Scalar),
}

impl<'de> Deserialize<'de> for IfAbsent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct IfAbsentVisitor;
        const WORDS: &str = "true (or pass), false (or fail), unknown (or undetermined), \
                             or `{default: VALUE}`";
        impl<'de> Visitor<'de> for IfAbsentVisitor {
            type Value = IfAbsent;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(WORDS)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<IfAbsent, E> {
                Ok(if v { IfAbsent::True } else { IfAbsent::False })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<IfAbsent, E> {
                match v {
                    "true" | "pass" => Ok(IfAbsent::True),
                    "false" | "fail" => Ok(IfAbsent::False),
                    "unknown" | "undetermined" => Ok(IfAbsent::Unknown),
                    other => Err(E::custom(format!(
                        "unknown value `{other}`, expected {WORDS}"
                    ))),
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<IfAbsent, A::Error> {
                let mut default = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key != "default" || default.is_some() {
                        return Err(de::Error::custom(format!(
                            "unexpected key `{key}`, expected a single `default: VALUE`"
                        )));
                    }
                    default = Some(map.next_value::<Scalar>()?);
                }
                default
                    .map(IfAbsent::Default)
                    .ok_or_else(|| de::Error::custom("expected `default: VALUE`"))
            }
        }
        d.deserialize_any(IfAbsentVisitor)
    }
}

/// How strings compare.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Case {
    Exact,
    Insensitive,
    /// As the resource's own tooling compares them ([`Resource::case_sensitive`]): exact for
    /// azurerm, any case for ARM and Bicep.
    #[default]
    Source,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Test {
    Equals(Scalar),
    NotEquals(Scalar),
    OneOf(Vec<Scalar>),
    NotOneOf(Vec<Scalar>),
}

impl Test {
    fn holds(&self, actual: &Value, exact: bool) -> bool {
        match self {
            Test::Equals(e) => e.matches(actual, exact),
            Test::NotEquals(e) => !e.matches(actual, exact),
            Test::OneOf(es) => es.iter().any(|e| e.matches(actual, exact)),
            Test::NotOneOf(es) => !es.iter().any(|e| e.matches(actual, exact)),
        }
    }
}

/// A test of one property.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Leaf {
    pub(crate) property: String,
    /// The property's parent path; `None` when the property sits on the resource body itself.
    pub(crate) parent: Option<String>,
    test: Test,
    case: Case,
    if_absent: IfAbsent,
    if_parent_absent: IfAbsent,
    if_required_absent: IfAbsent,
    pub(crate) messages: LeafMessages,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(try_from = "RawCondition")]
pub(crate) enum Condition {
    Leaf(Box<Leaf>),
    AnyOf(Vec<Condition>),
    AllOf(Vec<Condition>),
    Not(Box<Condition>),
}

/// The YAML shape of a condition, before checking that its keys make one sensible condition.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCondition {
    property: Option<String>,
    equals: Option<Scalar>,
    not_equals: Option<Scalar>,
    one_of: Option<Vec<Scalar>>,
    not_one_of: Option<Vec<Scalar>>,
    case: Option<Case>,
    when_absent: Option<IfAbsent>,
    when_parent_absent: Option<IfAbsent>,
    when_required_absent: Option<IfAbsent>,
    messages: Option<LeafMessages>,
    any_of: Option<Vec<Condition>>,
    all_of: Option<Vec<Condition>>,
    not: Option<Box<Condition>>,
}

impl TryFrom<RawCondition> for Condition {
    type Error = String;

    fn try_from(raw: RawCondition) -> Result<Condition, String> {
        let shapes = [
            raw.property.is_some(),
            raw.any_of.is_some(),
            raw.all_of.is_some(),
            raw.not.is_some(),
        ];
        if shapes.iter().filter(|s| **s).count() != 1 {
            return Err(
                "a condition needs exactly one of `property` (with a test), `any_of`, `all_of` or `not`"
                    .into(),
            );
        }
        if raw.property.is_some() {
            return leaf(raw);
        }
        let leaf_keys = [
            ("equals", raw.equals.is_some()),
            ("not_equals", raw.not_equals.is_some()),
            ("one_of", raw.one_of.is_some()),
            ("not_one_of", raw.not_one_of.is_some()),
            ("case", raw.case.is_some()),
            ("when_absent", raw.when_absent.is_some()),
            ("when_parent_absent", raw.when_parent_absent.is_some()),
            ("when_required_absent", raw.when_required_absent.is_some()),
            ("messages", raw.messages.is_some()),
        ];
        if let Some((key, _)) = leaf_keys.iter().find(|(_, present)| *present) {
            return Err(format!(
                "`{key}` belongs to a condition with `property`, not beside `any_of`/`all_of`/`not`"
            ));
        }
        match (raw.any_of, raw.all_of, raw.not) {
            (Some(list), _, _) if list.is_empty() => {
                Err("`any_of` needs at least one condition".into())
            }
            (Some(list), _, _) => Ok(Condition::AnyOf(list)),
            (_, Some(list), _) if list.is_empty() => {
                Err("`all_of` needs at least one condition".into())
            }
            (_, Some(list), _) => Ok(Condition::AllOf(list)),
            (_, _, Some(inner)) => Ok(Condition::Not(inner)),
            _ => Err("a condition needs `property`, `any_of`, `all_of` or `not`".into()),
        }
    }
}

fn leaf(raw: RawCondition) -> Result<Condition, String> {
    let property = raw.property.unwrap_or_default();
    if property.is_empty() || property.split('.').any(str::is_empty) {
        return Err(format!(
            "`property: {property}` is not a dotted Azure property path like `properties.networkAcls.bypass`"
        ));
    }
    let mut tests = Vec::new();
    tests.extend(raw.equals.map(Test::Equals));
    tests.extend(raw.not_equals.map(Test::NotEquals));
    tests.extend(raw.one_of.map(Test::OneOf));
    tests.extend(raw.not_one_of.map(Test::NotOneOf));
    if tests.len() != 1 {
        return Err(format!(
            "the condition on `{property}` needs exactly one of `equals`, `not_equals`, `one_of`, `not_one_of`"
        ));
    }
    let test = tests.remove(0);
    if let Test::OneOf(list) | Test::NotOneOf(list) = &test {
        if list.is_empty() {
            return Err(format!("the list of values for `{property}` is empty"));
        }
    }
    // An absent property has no obvious truth value (`equals` and `not_equals` would disagree),
    // so the rule author has to say what it means.
    let if_absent = raw.when_absent.ok_or_else(|| {
        format!(
            "the condition on `{property}` needs `when_absent` (true, false, unknown or `{{default: VALUE}}`)"
        )
    })?;
    let parent = property.rsplit_once('.').map(|(p, _)| p.to_string());
    Ok(Condition::Leaf(Box::new(Leaf {
        parent,
        test,
        case: raw.case.unwrap_or_default(),
        if_parent_absent: raw.when_parent_absent.unwrap_or_else(|| if_absent.clone()),
        if_required_absent: raw
            .when_required_absent
            .unwrap_or_else(|| if_absent.clone()),
        if_absent,
        messages: raw.messages.unwrap_or_default(),
        property,
    })))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Truth {
    True,
    False,
    Unknown,
}

/// What a leaf saw at its property.
#[derive(Clone, Debug)]
pub(crate) enum Observed<'a> {
    Value(&'a Val),
    Absent {
        parent_present: bool,
        /// The explicit `null` the property was set to, if that is how it is absent.
        null: Option<&'a Val>,
        default: Option<&'a Scalar>,
    },
    Unknown {
        /// The unknown value itself (or the malformed parent), for its origin and trace.
        at: &'a Val,
        reason: String,
    },
}

#[derive(Clone, Debug)]
pub(crate) struct Evidence<'a> {
    pub(crate) leaf: &'a Leaf,
    pub(crate) observed: Observed<'a>,
}

/// A condition's truth and the leaves it rests on, in the order the rule lists them.
pub(crate) struct Outcome<'a> {
    pub(crate) truth: Truth,
    pub(crate) evidence: Vec<Evidence<'a>>,
}

impl Condition {
    pub(crate) fn eval<'a>(&'a self, resource: &'a Resource) -> Outcome<'a> {
        match self {
            Condition::Leaf(leaf) => leaf.eval(resource),
            Condition::Not(inner) => {
                let mut outcome = inner.eval(resource);
                outcome.truth = match outcome.truth {
                    Truth::True => Truth::False,
                    Truth::False => Truth::True,
                    Truth::Unknown => Truth::Unknown,
                };
                outcome
            }
            Condition::AnyOf(list) => combine(list, resource, Truth::True, Truth::False),
            Condition::AllOf(list) => combine(list, resource, Truth::False, Truth::True),
        }
    }
}

/// Kleene logic: one `decisive` child decides (any_of: true; all_of: false); otherwise any
/// unknown child makes the whole unknown; otherwise every child agrees on `otherwise`.
fn combine<'a>(
    list: &'a [Condition],
    resource: &'a Resource,
    decisive: Truth,
    otherwise: Truth,
) -> Outcome<'a> {
    let outcomes: Vec<Outcome<'a>> = list.iter().map(|c| c.eval(resource)).collect();
    let truth = if outcomes.iter().any(|o| o.truth == decisive) {
        decisive
    } else if outcomes.iter().any(|o| o.truth == Truth::Unknown) {
        Truth::Unknown
    } else {
        otherwise
    };
    let evidence = if truth == Truth::True && decisive == Truth::True {
        // One true alternative is the whole reason; the others are irrelevant.
        outcomes
            .into_iter()
            .find(|o| o.truth == Truth::True)
            .map(|o| o.evidence)
            .unwrap_or_default()
    } else {
        outcomes
            .into_iter()
            .filter(|o| o.truth == truth)
            .flat_map(|o| o.evidence)
            .collect()
    };
    Outcome { truth, evidence }
}

impl Leaf {
    fn eval<'a>(&'a self, resource: &'a Resource) -> Outcome<'a> {
        let exact = match self.case {
            Case::Exact => true,
            Case::Insensitive => false,
            Case::Source => resource.case_sensitive,
        };
        let (truth, observed) = match resource.lookup(&self.property) {
            Lookup::Found(v) => match v.first_unknown() {
                Some((unknown, at)) => (
                    Truth::Unknown,
                    Observed::Unknown {
                        at,
                        reason: unknown.reason.clone(),
                    },
                ),
                None => (truth(self.test.holds(&v.value, exact)), Observed::Value(v)),
            },
            Lookup::Unknown(v) => (
                Truth::Unknown,
                Observed::Unknown {
                    at: v,
                    reason: v.first_unknown().map_or_else(
                        || "not known before deployment".into(),
                        |(u, _)| u.reason.clone(),
                    ),
                },
            ),
            Lookup::NotAnObject(v) => (
                Truth::Unknown,
                Observed::Unknown {
                    at: v,
                    reason: format!(
                        "a parent of `{}` is {}, not an object",
                        resource.display_name(&self.property),
                        kind(&v.value)
                    ),
                },
            ),
            Lookup::Null(v) => self.absent(resource, true, Some(v), exact),
            Lookup::Absent { .. } => {
                let parent_present = match &self.parent {
                    None => true,
                    Some(parent) => matches!(
                        resource.lookup(parent),
                        Lookup::Found(Val {
                            value: Value::Object(_),
                            ..
                        })
                    ),
                };
                self.absent(resource, parent_present, None, exact)
            }
        };
        Outcome {
            truth,
            evidence: vec![Evidence {
                leaf: self,
                observed,
            }],
        }
    }

    fn absent<'a>(
        &'a self,
        resource: &Resource,
        parent_present: bool,
        null: Option<&'a Val>,
        exact: bool,
    ) -> (Truth, Observed<'a>) {
        let policy = if !parent_present {
            &self.if_parent_absent
        } else if resource.required.iter().any(|p| p == &self.property) {
            &self.if_required_absent
        } else {
            &self.if_absent
        };
        let (t, default) = match policy {
            IfAbsent::True => (Truth::True, None),
            IfAbsent::False => (Truth::False, None),
            IfAbsent::Unknown => (Truth::Unknown, None),
            IfAbsent::Default(d) => (truth(self.test.holds(&d.to_value(), exact)), Some(d)),
        };
        (
            t,
            Observed::Absent {
                parent_present,
                null,
                default,
            },
        )
    }
}

fn truth(b: bool) -> Truth {
    if b {
        Truth::True
    } else {
        Truth::False
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::List(_) => "a list",
        Value::Object(_) => "an object",
        Value::Unknown(_) => "unknown",
    }
}
