//! Fuzz target `json_output`: see `fuzz_json_output` in tests/invariants/mod.rs for what it checks.
#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(e) = invariants::fuzz_json_output(data) {
        panic!("{e}");
    }
});
