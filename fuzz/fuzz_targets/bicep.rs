//! Bytes as Bicep source: the parser on its own, then the file evaluated with the rules run on
//! it. Sections after a NUL byte are the modules `m1.bicep`, `m2.bicep`, ... it can call.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let parts = vigil_fuzz::sections(data, 4);
    if let Ok(text) = std::str::from_utf8(parts[0]) {
        let parsed = vigil_bicep::parse(text);
        // Spans must lie in the text: reports slice it with them.
        for e in &parsed.errors {
            assert!(
                e.span.start <= e.span.end && e.span.end <= text.len(),
                "{e:?}"
            );
        }
        for c in &parsed.comments {
            assert!(c.start <= c.end && c.end <= text.len(), "{c:?}");
            assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
        }
    }
    let root = vigil_fuzz::scratch();
    for (i, text) in parts.into_iter().enumerate() {
        let rel = match i {
            0 => "main.bicep".to_string(),
            n => format!("m{n}.bicep"),
        };
        vigil_fuzz::put(&root, &rel, text);
    }
    let display = vigil_fuzz::display(&root);
    let out = vigil_bicep::evaluate_file(&root.join("main.bicep"), &display);
    vigil_fuzz::finish(out);
});
