//! Fuzz target `html_render`: see `fuzz_html_render` in tests/invariants/mod.rs for what it checks.
#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(e) = invariants::fuzz_html_render(data) {
        panic!("{e}");
    }
});
