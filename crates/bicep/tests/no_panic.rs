//! Arbitrary input must never panic, hang or overflow the stack.

use proptest::prelude::*;

const PIECES: &[&str] = &[
    "resource ",
    "param ",
    "var ",
    "module ",
    "output ",
    "type ",
    "func ",
    "import ",
    "using ",
    "x",
    "'",
    "'''",
    "${",
    "}",
    "{",
    "[",
    "]",
    "(",
    ")",
    ":",
    "?",
    ".?",
    "::",
    "...",
    "=>",
    "=",
    "\n",
    " ",
    ",",
    "@",
    "!",
    "-",
    "&&",
    "|",
    "//",
    "/*",
    "*/",
    "\\",
    "for ",
    "in ",
    "if ",
    "1",
    "#",
    "é",
    "\u{feff}",
    "\\é",
    "\\u{",
    "\\u{41}",
    "'\\",
    "^",
    "|",
    "\r\n",
    "<",
    ">",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn random_strings_never_panic(s in "\\PC{0,200}") {
        let _ = vigil_bicep::parse(&s);
    }

    #[test]
    fn random_token_soup_never_panics(idx in proptest::collection::vec(0..PIECES.len(), 0..300)) {
        let s: String = idx.into_iter().map(|i| PIECES[i]).collect();
        let start = std::time::Instant::now();
        let parsed = vigil_bicep::parse(&s);
        prop_assert!(start.elapsed().as_secs() < 2);
        for e in &parsed.errors {
            prop_assert!(e.span.start <= e.span.end && e.span.end <= s.len());
            prop_assert!(s.is_char_boundary(e.span.start) && s.is_char_boundary(e.span.end));
        }
    }
}
