//! Fuzz target `quotes`: see `fuzz_quotes` in tests/invariants/mod.rs for what it checks.
#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(e) = invariants::fuzz_quotes(data) {
        panic!("{e}");
    }
});
