//! Evaluation budgets: what a unit may spend before vigil stops evaluating it, shared by every
//! front end.
//!
//! vigil runs on pull requests, so a few lines written by anyone must not take the run's
//! memory or time. Three kinds of bound apply:
//!
//! - **one value**: no string, list or object grows past [`Limits::value_bytes`] bytes,
//!   [`Limits::value_items`] elements in one collection, or [`Limits::value_nodes`] values in
//!   all. Past them the value is unknown ("larger than 16 MiB") and the unit reports an error
//!   where it was built; the unit goes on.
//! - **one unit**: its evaluation takes at most [`Limits::unit_steps`] steps and builds at most
//!   [`Limits::unit_bytes`] bytes of values (both grow with the unit's source size, so large
//!   real configurations are never the ones refused). Past them every value still to be
//!   evaluated in the unit is unknown, and the unit reports one error at the place the budget
//!   ran out; the other units go on.
//! - **one run**: module and deployment instances ([`Limits::run_instances`]) are counted over
//!   every unit of the run (a module directory checked as its own root counts again), and the
//!   findings reported ([`Limits::run_findings`]).
//!
//! A unit is evaluated on one thread, start to end, so its budget lives in a thread-local
//! entered by [`unit`]; front ends call [`step`], [`charge`], [`check_value`] and
//! [`take_instances`] wherever work is done, without carrying the budget through every
//! signature. Each front end's entry point starts its unit itself, so no evaluation runs
//! unbounded; outside any unit (an evaluator's helper called on its own in a unit test) only the
//! limits of one value apply.

use crate::{FileError, Location, Val, Value};
use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

const MIB: usize = 1 << 20;

/// The words every refusal for a limit of one value ends with, so that an evaluator can tell a
/// function's refusal (reported where the call is) from an error ARM or Terraform would give.
pub const LIMIT_MARK: &str = "more than vigil evaluates";

/// The bounds, with the defaults DESIGN.md states.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of text (strings and object keys) in one value.
    pub value_bytes: usize,
    /// Elements of one list or object.
    pub value_items: usize,
    /// Values inside one value, at every depth.
    pub value_nodes: usize,
    /// Evaluation steps of one unit, at least; more for a larger unit (see
    /// [`Limits::steps_per_source_byte`]).
    pub unit_steps: u64,
    pub steps_per_source_byte: u64,
    /// Bytes of values one unit builds, at least; more for a larger unit.
    pub unit_bytes: u64,
    pub bytes_per_source_byte: u64,
    /// Module calls and nested deployments instantiated in one run, over all units.
    pub run_instances: usize,
    /// Findings one run reports.
    pub run_findings: usize,
    /// Resource instances one unit evaluates (copies and loops multiply them).
    pub unit_resources: usize,
    /// Module calls nested inside each other (Terraform modules, Bicep modules, nested
    /// deployments).
    pub module_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            value_bytes: 16 * MIB,
            value_items: 100_000,
            value_nodes: 200_000,
            unit_steps: 20_000_000,
            steps_per_source_byte: 200,
            unit_bytes: 256 * MIB as u64,
            bytes_per_source_byte: 400,
            run_instances: 100_000,
            run_findings: 100_000,
            unit_resources: 100_000,
            module_depth: 32,
        }
    }
}

/// A size in bytes the way a person reads it: `16 MiB`, `4 KiB`, `300 bytes`.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (size, name) in UNITS {
        if n >= size {
            return if n.is_multiple_of(size) {
                format!("{} {name}", n / size)
            } else {
                format!("{:.1} {name}", n as f64 / size as f64)
            };
        }
    }
    format!("{n} bytes")
}

/// The counters one run shares across its units and threads.
#[derive(Debug)]
pub struct RunBudget {
    pub limits: Limits,
    instances: AtomicUsize,
    findings: AtomicUsize,
}

impl RunBudget {
    pub fn new(limits: Limits) -> Arc<RunBudget> {
        Arc::new(RunBudget {
            limits,
            instances: AtomicUsize::new(0),
            findings: AtomicUsize::new(0),
        })
    }

    /// Takes up to `n` of the run's findings; returns how many may be reported.
    pub fn take_findings(&self, n: usize) -> usize {
        let before = self.findings.fetch_add(n, Ordering::Relaxed);
        self.limits.run_findings.saturating_sub(before).min(n)
    }
}

/// Why a budget refused: the words that go into an unknown's reason and the unit's error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exceeded {
    pub reason: String,
}

impl std::fmt::Display for Exceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}

/// One unit's spending.
struct UnitBudget {
    run: Arc<RunBudget>,
    steps_left: Cell<u64>,
    bytes_left: Cell<u64>,
    /// What the unit was allowed in all, for the error's words.
    steps_limit: Cell<u64>,
    bytes_limit: Cell<u64>,
    /// Set once the unit's steps or bytes ran out: what every later step answers.
    spent: RefCell<Option<Exceeded>>,
    errors: RefCell<Vec<FileError>>,
    /// The instance limit was reported in this unit.
    instances_reported: Cell<bool>,
    resources_left: Cell<usize>,
    resources_reported: Cell<bool>,
}

thread_local! {
    static CURRENT: RefCell<Option<std::rc::Rc<UnitBudget>>> = const { RefCell::new(None) };
    static RUN: RefCell<Option<Arc<RunBudget>>> = const { RefCell::new(None) };
}

/// Runs `f` with `run` as the run budget of this thread: the units [`unit`] starts inside count
/// against it.
pub fn with_run<T>(run: &Arc<RunBudget>, f: impl FnOnce() -> T) -> T {
    let before = RUN.with(|r| r.replace(Some(run.clone())));
    struct Restore(Option<Arc<RunBudget>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let before = self.0.take();
            RUN.with(|r| *r.borrow_mut() = before);
        }
    }
    let _restore = Restore(before);
    f()
}

/// The limits that apply on this thread now.
pub fn limits() -> Limits {
    if let Some(l) = CURRENT.with(|c| c.borrow().as_ref().map(|u| u.run.limits)) {
        return l;
    }
    RUN.with(|r| r.borrow().as_ref().map(|r| r.limits))
        .unwrap_or_default()
}

/// Evaluates one unit under its own budget and returns what `f` returned with the errors the
/// budget recorded (each naming where it ran out). The budget starts at the fixed part of the
/// limits and grows with every source file the unit reads ([`add_source`]), so that the work
/// allowed stays proportional to the input. A unit started inside another one (a Bicep file's
/// compiled JSON read for it) spends the outer unit's budget, and its errors are the outer
/// unit's.
pub fn unit<T>(f: impl FnOnce() -> T) -> (T, Vec<FileError>) {
    sized_unit(0, f)
}

/// [`unit`] with `source_bytes` of input counted from the start.
pub fn sized_unit<T>(source_bytes: usize, f: impl FnOnce() -> T) -> (T, Vec<FileError>) {
    if CURRENT.with(|c| c.borrow().is_some()) {
        return (f(), Vec::new());
    }
    let run = RUN
        .with(|r| r.borrow().clone())
        .unwrap_or_else(|| RunBudget::new(Limits::default()));
    let l = &run.limits;
    let steps = l
        .unit_steps
        .saturating_add(l.steps_per_source_byte.saturating_mul(source_bytes as u64));
    let bytes = l
        .unit_bytes
        .saturating_add(l.bytes_per_source_byte.saturating_mul(source_bytes as u64));
    let budget = std::rc::Rc::new(UnitBudget {
        run: run.clone(),
        steps_left: Cell::new(steps),
        bytes_left: Cell::new(bytes),
        steps_limit: Cell::new(steps),
        bytes_limit: Cell::new(bytes),
        spent: RefCell::new(None),
        errors: RefCell::new(Vec::new()),
        instances_reported: Cell::new(false),
        resources_left: Cell::new(l.unit_resources),
        resources_reported: Cell::new(false),
    });
    CURRENT.with(|c| *c.borrow_mut() = Some(budget.clone()));
    struct Leave;
    impl Drop for Leave {
        fn drop(&mut self) {
            CURRENT.with(|c| *c.borrow_mut() = None);
        }
    }
    let leave = Leave;
    let out = f();
    drop(leave);
    let errors = budget.errors.take();
    (out, errors)
}

/// A function's refusal of a result of `n` elements, past the limit of one value: the function
/// libraries (Terraform's, ARM's) say it in the same words, ending in [`LIMIT_MARK`].
pub fn result_items(n: usize) -> Result<(), String> {
    let max = limits().value_items;
    if n > max {
        Err(format!(
            "the result would have more than {max} elements, {LIMIT_MARK}"
        ))
    } else {
        Ok(())
    }
}

/// A function's refusal of a result of `n` bytes of text, past the limit of one value.
pub fn result_bytes(n: usize) -> Result<(), String> {
    let limits = limits();
    if n > limits.value_bytes {
        Err(format!(
            "the result would be {}, {LIMIT_MARK}",
            too_large(&limits)
        ))
    } else {
        Ok(())
    }
}

/// Reads a source file of the current unit (as [`crate::read_source`] does: through the file
/// context, so buffers and the file policy hold) and grows the unit's budget for it: a larger
/// configuration may do more work.
pub fn read_source(path: &std::path::Path, shown: Arc<str>) -> Result<crate::LineIndex, FileError> {
    let index = crate::read_source(path, shown)?;
    add_source(index.text().len());
    Ok(index)
}

/// [`read_source`] for a front end that collects its errors and goes on without the file.
pub fn read_or_note(
    path: &std::path::Path,
    display: &dyn Fn(&std::path::Path) -> String,
    errors: &mut Vec<FileError>,
) -> Option<crate::LineIndex> {
    read_source(path, display(path).into())
        .map_err(|e| errors.push(e))
        .ok()
}

/// Grows the current unit's budget for a source file of `bytes` it read.
pub fn add_source(bytes: usize) {
    with_current(|u| {
        let l = &u.run.limits;
        let steps = l.steps_per_source_byte.saturating_mul(bytes as u64);
        let more = l.bytes_per_source_byte.saturating_mul(bytes as u64);
        if u.spent.borrow().is_none() {
            u.steps_left.set(u.steps_left.get().saturating_add(steps));
            u.bytes_left.set(u.bytes_left.get().saturating_add(more));
            u.steps_limit.set(u.steps_limit.get().saturating_add(steps));
            u.bytes_limit.set(u.bytes_limit.get().saturating_add(more));
        }
    });
}

fn with_current<T>(f: impl FnOnce(&UnitBudget) -> T) -> Option<T> {
    CURRENT.with(|c| c.borrow().as_deref().map(f))
}

/// Records an error of the current unit at `at`, once per place.
fn report(u: &UnitBudget, at: Option<&Location>, message: String) {
    let (file, line, column) = match at {
        Some(l) => (l.file.clone(), l.line, l.column),
        None => ("".into(), 0, 0),
    };
    let mut errors = u.errors.borrow_mut();
    // A value built in a loop is refused at the same place each time: once is enough, and a
    // bounded list keeps the report itself small.
    if errors.len() < 100
        && !errors
            .iter()
            .any(|e| e.file == file && e.line == line && e.column == column)
    {
        errors.push(FileError {
            file,
            line,
            column,
            message,
        });
    }
}

fn spend(
    u: &UnitBudget,
    steps: u64,
    bytes: u64,
    at: &dyn Fn() -> Option<Location>,
) -> Result<(), Exceeded> {
    if let Some(e) = u.spent.borrow().as_ref() {
        return Err(e.clone());
    }
    let why = if steps > u.steps_left.get() {
        Some(format!(
            "more than {} evaluation steps",
            group_digits(u.steps_limit.get())
        ))
    } else if bytes > u.bytes_left.get() {
        Some(format!(
            "more than {} of values built",
            human_bytes(u.bytes_limit.get())
        ))
    } else {
        None
    };
    if let Some(why) = why {
        let at = at();
        let place = at
            .as_ref()
            .map(|l| format!(" (at {})", l.short()))
            .unwrap_or_default();
        let exceeded = Exceeded {
            reason: format!("the unit's evaluation budget ran out: {why}{place}"),
        };
        report(
            u,
            at.as_ref(),
            format!(
                "evaluation stopped here: it takes {why}, more than vigil allows for one unit; \
                 what is left of the unit is not known"
            ),
        );
        *u.spent.borrow_mut() = Some(exceeded.clone());
        return Err(exceeded);
    }
    u.steps_left.set(u.steps_left.get() - steps);
    u.bytes_left.set(u.bytes_left.get() - bytes);
    Ok(())
}

fn group_digits(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One step of evaluation (an expression node, a function call). `at` is asked only when the
/// budget runs out here.
pub fn step(at: impl Fn() -> Option<Location>) -> Result<(), Exceeded> {
    with_current(|u| spend(u, 1, 0, &at)).unwrap_or(Ok(()))
}

/// `steps` steps of work at once (a function walking a large collection).
pub fn steps(n: u64, at: impl Fn() -> Option<Location>) -> Result<(), Exceeded> {
    with_current(|u| spend(u, n, 0, &at)).unwrap_or(Ok(()))
}

/// `bytes` of values built.
pub fn charge(bytes: usize, at: impl Fn() -> Option<Location>) -> Result<(), Exceeded> {
    with_current(|u| spend(u, 0, bytes as u64, &at)).unwrap_or(Ok(()))
}

/// Whether the current unit's budget has run out (its evaluation should stop).
pub fn spent() -> Option<Exceeded> {
    with_current(|u| u.spent.borrow().clone()).flatten()
}

/// The size of a value, as the budgets count it: bytes of text, and values at every depth.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Size {
    pub bytes: usize,
    pub nodes: usize,
}

impl Size {
    /// What the value costs in memory, roughly: its text plus a value's own footprint each.
    pub fn cost(self) -> usize {
        self.bytes
            .saturating_add(self.nodes.saturating_mul(std::mem::size_of::<Val>()))
    }
}

/// Which bound of one value a value passes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Passed {
    Bytes,
    Items,
    Nodes,
}

impl Passed {
    fn reason(self, limits: &Limits) -> String {
        match self {
            Passed::Bytes => too_large(limits),
            Passed::Items => too_many_items(limits),
            Passed::Nodes => format!(
                "larger than {} values in one value",
                group_digits(limits.value_nodes as u64)
            ),
        }
    }
}

/// The size of `v`, counted until it passes `limits` (the walk stops there, so measuring costs
/// at most the limit however large the value is). `Err` says which bound it passes.
pub fn measure(v: &Val, limits: &Limits) -> Result<Size, String> {
    size_within(v, limits).map_err(|p| p.reason(limits))
}

fn size_within(v: &Val, limits: &Limits) -> Result<Size, Passed> {
    let mut size = Size::default();
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        size.nodes += 1;
        match &v.value {
            Value::String(s) => size.bytes += s.len(),
            Value::List(items) => {
                if items.len() > limits.value_items {
                    return Err(Passed::Items);
                }
                stack.extend(items.iter());
            }
            Value::Object(map) => {
                if map.len() > limits.value_items {
                    return Err(Passed::Items);
                }
                for (k, item) in map {
                    size.bytes += k.len();
                    stack.push(item);
                }
            }
            _ => {}
        }
        if size.bytes > limits.value_bytes {
            return Err(Passed::Bytes);
        }
        if size.nodes > limits.value_nodes {
            return Err(Passed::Nodes);
        }
    }
    Ok(size)
}

/// Sizes a collection as it is built, element by element, so that it is refused as soon as it
/// passes the limits of one value, before the rest is built.
pub struct Tally {
    limits: Limits,
    size: Size,
    items: usize,
}

impl Default for Tally {
    fn default() -> Self {
        Tally {
            limits: limits(),
            size: Size::default(),
            items: 0,
        }
    }
}

impl Tally {
    /// Counts one more element; `Err` with the reason once the collection passes a limit.
    pub fn add(&mut self, v: &Val) -> Result<(), String> {
        self.add_entry("", v)
    }

    /// [`Tally::add`] for an object's entry, whose key is text too.
    pub fn add_entry(&mut self, key: &str, v: &Val) -> Result<(), String> {
        let l = &self.limits;
        self.items += 1;
        if self.items > l.value_items {
            return Err(too_many_items(l));
        }
        self.size.bytes += key.len();
        let left = Limits {
            value_bytes: l.value_bytes.saturating_sub(self.size.bytes),
            value_nodes: l.value_nodes.saturating_sub(self.size.nodes),
            ..*l
        };
        // Said against the whole limit, not what was left of it.
        let size = size_within(v, &left).map_err(|p| p.reason(l))?;
        self.size.bytes += size.bytes;
        self.size.nodes += size.nodes;
        Ok(())
    }
}

/// The reason of a text longer than one value may be.
pub fn too_large(limits: &Limits) -> String {
    format!("larger than {}", human_bytes(limits.value_bytes as u64))
}

fn too_many_items(limits: &Limits) -> String {
    format!(
        "more than {} elements in one collection",
        group_digits(limits.value_items as u64)
    )
}

/// Checks a value just built against the limits of one value, and charges what it cost to the
/// unit. A value past the limits is an `Err` whose reason says which (the caller makes the value
/// unknown with it); the unit reports an error at `at` once.
pub fn check_value(v: &Val, at: impl Fn() -> Option<Location>) -> Result<(), Exceeded> {
    with_current(|u| {
        if let Some(e) = u.spent.borrow().as_ref() {
            return Err(e.clone());
        }
        match measure(v, &u.run.limits) {
            Ok(size) => spend(u, 0, size.cost() as u64, &at),
            Err(reason) => {
                let at = at().or_else(|| v.origin.clone());
                report(
                    u,
                    at.as_ref(),
                    format!("a value built here is {reason}, more than vigil evaluates; it is taken as unknown"),
                );
                Err(Exceeded { reason: format!("the value is {reason}") })
            }
        }
    })
    .unwrap_or(Ok(()))
}

/// Reports at `at` a value refused for passing a limit of one value (`reason` says which), once
/// per place; the caller makes it unknown.
pub fn refused(reason: &str, at: Option<Location>) {
    with_current(|u| {
        report(
            u,
            at.as_ref(),
            format!(
                "a value built here is {reason}, more than vigil evaluates; it is taken as unknown"
            ),
        )
    });
}

/// [`refused`], and the unknown value that stands for what was refused.
pub fn refused_value(reason: &str, at: Option<Location>) -> Val {
    refused(reason, at.clone());
    // A function's refusal says already what it refuses ("the result would be ...").
    if reason.contains(LIMIT_MARK) {
        return Val::unknown(reason, at);
    }
    Val::unknown(format!("the value is {reason}"), at)
}

/// Checks a text being built (a template, an interpolation, `concat`) as it grows: `Err` once it
/// is longer than one value may be, before the rest is added.
pub fn check_text(len: usize, at: impl Fn() -> Option<Location>) -> Result<(), Exceeded> {
    let limits = limits();
    if len <= limits.value_bytes {
        return Ok(());
    }
    let reason = too_large(&limits);
    refused(&reason, at());
    Err(Exceeded {
        reason: format!("the value is {reason}"),
    })
}

/// Takes `n` module or deployment instances from the run's budget; `Err` (reported once per
/// unit, at `at`) when the run has used them all.
pub fn take_instances(n: usize, at: impl Fn() -> Option<Location>) -> Result<(), Exceeded> {
    let run = CURRENT
        .with(|c| c.borrow().as_ref().map(|u| u.run.clone()))
        .or_else(|| RUN.with(|r| r.borrow().clone()));
    let Some(run) = run else { return Ok(()) };
    let limit = run.limits.run_instances;
    let before = run.instances.fetch_add(n, Ordering::Relaxed);
    if before.saturating_add(n) <= limit {
        return Ok(());
    }
    let reason = format!(
        "the run's budget of {} module and deployment instances ran out",
        group_digits(limit as u64)
    );
    with_current(|u| {
        if !u.instances_reported.replace(true) {
            report(
                u,
                at().as_ref(),
                format!("{reason} here: this module and the ones after it are not evaluated"),
            );
        }
    });
    Err(Exceeded { reason })
}

/// Whether the unit has evaluated all the resource instances it may (the rest need not be
/// built).
pub fn resources_spent() -> bool {
    with_current(|u| u.resources_left.get() == 0 && u.resources_reported.get()).unwrap_or(false)
}

/// Takes one resource instance from the unit's budget; `Err` (reported once, at `at`) when the
/// unit has evaluated as many as it may.
pub fn take_resource(at: impl Fn() -> Option<Location>) -> Result<(), Exceeded> {
    with_current(|u| {
        let left = u.resources_left.get();
        if left > 0 {
            u.resources_left.set(left - 1);
            return Ok(());
        }
        let reason = format!(
            "more than {} resource instances in one unit",
            group_digits(u.run.limits.unit_resources as u64)
        );
        if !u.resources_reported.replace(true) {
            report(
                u,
                at().as_ref(),
                format!("{reason}: this one and the rest are not checked"),
            );
        }
        Err(Exceeded { reason })
    })
    .unwrap_or(Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> Option<Location> {
        Some(Location::new("main.tf", 3, 5, 3, 9))
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_bytes(16 << 20), "16 MiB");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(human_bytes(12), "12 bytes");
        assert_eq!(group_digits(20_000_000), "20,000,000");
    }

    #[test]
    fn a_value_past_its_limits_is_refused_and_reported_once() {
        let limits = Limits {
            value_bytes: 10,
            ..Limits::default()
        };
        let run = RunBudget::new(limits);
        let ((first, second), errors) = with_run(&run, || {
            unit(|| {
                let big = Val::string("x".repeat(11), None);
                (check_value(&big, at), check_value(&big, at))
            })
        });
        assert_eq!(
            first.unwrap_err().reason,
            "the value is larger than 10 bytes"
        );
        assert!(second.is_err());
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!((errors[0].line, errors[0].column), (3, 5));
        assert!(errors[0].message.contains("larger than 10 bytes"));
    }

    #[test]
    fn measuring_stops_at_the_limit() {
        let limits = Limits {
            value_nodes: 100,
            ..Limits::default()
        };
        let wide = Val::list(vec![Val::null(None); 1000], None);
        let deep = Val::list(vec![wide.clone(), wide], None);
        assert!(measure(&deep, &limits).unwrap_err().contains("100 values"));
        let items = Limits {
            value_items: 10,
            ..Limits::default()
        };
        let list = Val::list(vec![Val::null(None); 11], None);
        assert!(measure(&list, &items).unwrap_err().contains("10 elements"));
    }

    #[test]
    fn a_spent_unit_stops_every_later_step_and_reports_where_it_ran_out() {
        let run = RunBudget::new(Limits {
            unit_steps: 5,
            steps_per_source_byte: 0,
            ..Limits::default()
        });
        let (results, errors) = with_run(&run, || {
            unit(|| (0..8).map(|_| step(at).is_ok()).collect::<Vec<_>>())
        });
        assert_eq!(results, [true, true, true, true, true, false, false, false]);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("more than 5 evaluation steps"));
        // The next unit starts afresh.
        let (ok, errors) = with_run(&run, || unit(|| step(at).is_ok()));
        assert!(ok && errors.is_empty());
    }

    #[test]
    fn a_larger_unit_gets_a_larger_budget() {
        let run = RunBudget::new(Limits {
            unit_steps: 5,
            steps_per_source_byte: 1,
            ..Limits::default()
        });
        let (ok, _) = with_run(&run, || {
            sized_unit(10, || (0..15).all(|_| step(at).is_ok()))
        });
        assert!(ok);
    }

    #[test]
    fn instances_count_across_the_units_of_a_run() {
        let run = RunBudget::new(Limits {
            run_instances: 3,
            ..Limits::default()
        });
        let (a, _) = with_run(&run, || unit(|| take_instances(2, at).is_ok()));
        let (b, errors) = with_run(&run, || unit(|| take_instances(2, at).is_ok()));
        assert!(a && !b);
        assert!(errors[0].message.contains("budget of 3 module"));
    }

    #[test]
    fn nested_units_spend_the_outer_budget() {
        let run = RunBudget::new(Limits {
            unit_steps: 3,
            steps_per_source_byte: 0,
            ..Limits::default()
        });
        let ((inner, inner_errors), outer_errors) = with_run(&run, || {
            unit(|| {
                let _ = step(at);
                let _ = step(at);
                unit(|| (0..3).filter(|_| step(at).is_ok()).count())
            })
        });
        assert_eq!(inner, 1);
        assert!(inner_errors.is_empty());
        assert_eq!(outer_errors.len(), 1);
    }

    #[test]
    fn resources_are_taken_up_to_the_unit_limit() {
        let run = RunBudget::new(Limits {
            unit_resources: 2,
            ..Limits::default()
        });
        let (taken, errors) = with_run(&run, || {
            unit(|| {
                (0..4)
                    .map(|_| take_resource(at).is_ok())
                    .collect::<Vec<_>>()
            })
        });
        assert_eq!(taken, [true, true, false, false]);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("more than 2 resource instances"));
    }

    #[test]
    fn findings_are_taken_up_to_the_limit() {
        let run = RunBudget::new(Limits {
            run_findings: 5,
            ..Limits::default()
        });
        assert_eq!(run.take_findings(3), 3);
        assert_eq!(run.take_findings(3), 2);
        assert_eq!(run.take_findings(3), 0);
    }
}
