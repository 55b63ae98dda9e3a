//! Unary and binary operators (hclsyntax's `expression_ops.go`): arithmetic as Terraform's
//! big numbers do it ([`crate::number`]), comparisons, logic, and equality, which compares
//! types too.

use super::{bool_of, err, number_of, type_name, unknown_reason, Evaluator, Scope, Src, R};
use hcl_edit::expr::{BinaryOperator, Expression, UnaryOperator};
use vigil_model::{Location, Val, Value};

impl Evaluator<'_> {
    /// `-x` and `!x`; an unknown operand gives an unknown at the operator.
    pub(super) fn unary(
        &self,
        op: &hcl_edit::expr::UnaryOp,
        src: Src,
        scope: Option<&Scope>,
        origin: Option<Location>,
    ) -> R {
        let v = self.hcl(&op.expr, src, scope)?;
        if let Value::Unknown(_) = v.value {
            return Ok(Val { origin, ..v });
        }
        match (op.operator.value(), &v.value) {
            (UnaryOperator::Neg, _) => match number_of(&v) {
                Some(n) => Ok(Val::new(Value::Number(-n), origin)),
                None => Err(err("`-` needs a number", origin)),
            },
            (UnaryOperator::Not, _) => match bool_of(&v) {
                Some(b) => Ok(Val::new(Value::Bool(!b), origin)),
                None => Err(err("`!` needs a bool", origin)),
            },
        }
    }

    /// `a OP b`, with equality of collections decided by their types where vigil knows them.
    pub(super) fn binary_op(
        &self,
        op: &hcl_edit::expr::BinaryOp,
        src: Src,
        scope: Option<&Scope>,
        origin: Option<Location>,
    ) -> R {
        let lhs = self.hcl(&op.lhs_expr, src, scope)?;
        let rhs = self.hcl(&op.rhs_expr, src, scope)?;
        let operator = *op.operator.value();
        // Terraform's equality compares types too: `[1] == tolist([1])` is false.
        // Equal collections are equal for Terraform only when their types are; where
        // vigil cannot tell both types, both written as literals (tuples and objects)
        // holding no other collection, or one reference twice, still are.
        if matches!(operator, BinaryOperator::Eq | BinaryOperator::NotEq)
            && is_collection(&lhs)
            && is_collection(&rhs)
            && !lhs.contains_unknown()
            && !rhs.contains_unknown()
            && lhs.to_json() == rhs.to_json()
        {
            let types = (
                self.type_of(&op.lhs_expr, &lhs),
                self.type_of(&op.rhs_expr, &rhs),
            );
            if let (Some(l), Some(r)) = types {
                let equal = l == r;
                return Ok(Val::new(
                    Value::Bool(equal == (operator == BinaryOperator::Eq)),
                    origin,
                ));
            }
            let untyped_but_alike = same_reference(&op.lhs_expr, &op.rhs_expr)
                || literal_collection(&op.lhs_expr, &lhs) && literal_collection(&op.rhs_expr, &rhs);
            if !untyped_but_alike {
                return Ok(Val::unknown(
                    "comparing two equal collections: Terraform's answer depends on \
                     their types (list or tuple, map or object), which vigil cannot \
                     tell here",
                    origin,
                ));
            }
        }
        binary(operator, &lhs, &rhs, origin)
    }
}

/// Whether two expressions are the same reference (`var.x == var.x`): the same type.
fn same_reference(a: &Expression, b: &Expression) -> bool {
    matches!((a, b), (Expression::Traversal(_), Expression::Traversal(_)))
        && a.to_string().trim() == b.to_string().trim()
}

fn is_collection(v: &Val) -> bool {
    matches!(v.value, Value::List(_) | Value::Object(_))
}

/// Whether `e` is a tuple or object literal (or a `for` expression, which makes one) whose
/// value holds no nested collection: its type is then the one its value shows.
fn literal_collection(e: &Expression, v: &Val) -> bool {
    let flat = match &v.value {
        Value::List(items) => !items.iter().any(is_collection),
        Value::Object(map) => !map.values().any(is_collection),
        _ => false,
    };
    flat && match e {
        Expression::Parenthesis(p) => literal_collection(p.inner(), v),
        Expression::Array(_) | Expression::Object(_) | Expression::ForExpr(_) => true,
        _ => false,
    }
}

fn binary(op: BinaryOperator, l: &Val, r: &Val, origin: Option<Location>) -> R {
    use BinaryOperator as B;
    // `x != null` is known when x is known to be something, whatever is unknown inside it.
    if matches!(op, B::Eq | B::NotEq) {
        let null_vs = |a: &Val, b: &Val| matches!(a.value, Value::Null) && !b.is_unknown();
        if null_vs(l, r) || null_vs(r, l) {
            let equal = matches!((&l.value, &r.value), (Value::Null, Value::Null));
            return Ok(Val::new(Value::Bool(equal == matches!(op, B::Eq)), origin));
        }
    }
    // Terraform refuses a null operand before it looks at unknowns.
    if matches!(l.value, Value::Null) || matches!(r.value, Value::Null) {
        return Err(err(
            format!("`{}` needs values, not null", op.as_str()),
            origin,
        ));
    }
    if l.contains_unknown() || r.contains_unknown() {
        let u = if l.contains_unknown() { l } else { r };
        return Ok(Val::unknown(
            unknown_reason(u, "an operand is unknown"),
            origin,
        ));
    }
    let num = |v: &Val| {
        number_of(v).ok_or_else(|| {
            err(
                format!("`{}` needs numbers, not a {}", op.as_str(), type_name(v)),
                origin.clone(),
            )
        })
    };
    let boolean = |v: &Val| {
        bool_of(v).ok_or_else(|| {
            err(
                format!("`{}` needs bools, not a {}", op.as_str(), type_name(v)),
                origin.clone(),
            )
        })
    };
    let value = match op {
        B::Eq => Value::Bool(l.to_json() == r.to_json() || numbers_equal(l, r)),
        B::NotEq => Value::Bool(!(l.to_json() == r.to_json() || numbers_equal(l, r))),
        B::Less => Value::Bool(num(l)? < num(r)?),
        B::LessEq => Value::Bool(num(l)? <= num(r)?),
        B::Greater => Value::Bool(num(l)? > num(r)?),
        B::GreaterEq => Value::Bool(num(l)? >= num(r)?),
        B::Plus | B::Minus | B::Mul | B::Div | B::Mod => {
            use crate::number::Op;
            let (a, b) = (num(l)?, num(r)?);
            let op = match op {
                B::Plus => Op::Add,
                B::Minus => Op::Sub,
                B::Mul => Op::Mul,
                B::Div => Op::Div,
                _ => Op::Mod,
            };
            if b == 0.0 && matches!(op, Op::Div | Op::Mod) {
                return Err(err(
                    if op == Op::Div {
                        "division by zero"
                    } else {
                        "modulo by zero"
                    },
                    origin,
                ));
            }
            match crate::number::arith(op, a, b) {
                Ok(n) => Value::Number(n),
                Err(reason) => return Ok(Val::unknown(reason, origin)),
            }
        }
        B::And => Value::Bool(boolean(l)? && boolean(r)?),
        B::Or => Value::Bool(boolean(l)? || boolean(r)?),
    };
    Ok(Val::new(value, origin))
}

fn numbers_equal(l: &Val, r: &Val) -> bool {
    matches!((&l.value, &r.value), (Value::Number(a), Value::Number(b)) if a == b)
}

#[cfg(test)]
mod tests {
    use crate::tests::{bypass, kv, unit};
    use crate::Options;

    #[test]
    fn comparing_with_null_is_known_when_the_other_side_is_known_to_exist() {
        let main = kv("  network_acls {\n    bypass = local.o != null ? \"None\" : \"AzureServices\"\n    default_action = \"Deny\"\n  }")
            + "locals {\n  o = { a = var.unset }\n}\nvariable \"unset\" {}\n";
        let out = unit(&[("main.tf", &main)], &Options::default());
        assert_eq!(bypass(&out).0, "None");
    }
}
