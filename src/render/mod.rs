//! Renderers: turn a [`Report`](crate::report::Report) into bytes for a writer. They never
//! analyse and never print on their own; the caller owns the writer.

pub mod compare;
pub mod html;
pub mod json;
pub mod markdown;
pub mod palette;
pub mod rows;
pub mod safe;
pub mod side;
pub mod summary;
pub mod terminal;
pub mod width;

pub use palette::Palette;
