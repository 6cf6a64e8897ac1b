//! Renderers: turn a [`Report`](crate::report::Report) into bytes for a writer. They never
//! analyse and never print on their own; the caller owns the writer.

pub mod compare;
pub mod json;
pub mod markdown;
pub mod palette;
pub mod safe;
pub mod terminal;

pub use palette::Palette;
