//! Colours for the terminal renderer. The palette hides `colored`: when colour is off every
//! style is the identity and nothing from `colored` runs, so plain output is stable.

use crate::report::BlockKind;
use colored::Colorize;

/// Styles for the terminal; `Palette::plain()` styles nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    enabled: bool,
}

impl Palette {
    /// A palette that colours.
    pub fn colored() -> Palette {
        Palette { enabled: true }
    }

    /// A palette that leaves text as it is.
    pub fn plain() -> Palette {
        Palette { enabled: false }
    }

    /// True when colour is on.
    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// Ids, offsets, counts: quiet.
    pub fn dim(&self, s: &str) -> String {
        if self.enabled {
            s.dimmed().to_string()
        } else {
            s.to_string()
        }
    }

    /// Headings and labels.
    pub fn strong(&self, s: &str) -> String {
        if self.enabled {
            s.bold().to_string()
        } else {
            s.to_string()
        }
    }

    /// Reasons and warnings.
    pub fn note(&self, s: &str) -> String {
        if self.enabled {
            s.yellow().to_string()
        } else {
            s.to_string()
        }
    }

    /// The name of a block kind, coloured by kind.
    pub fn kind(&self, kind: BlockKind, s: &str) -> String {
        if !self.enabled {
            return s.to_string();
        }
        match kind {
            BlockKind::Body => s.green().to_string(),
            BlockKind::Title => s.cyan().bold().to_string(),
            BlockKind::Dateline => s.blue().to_string(),
            BlockKind::Credit => s.magenta().to_string(),
            BlockKind::Boilerplate => s.dimmed().to_string(),
        }
    }

    /// Words only in the first report of a diff: red and struck through with colour,
    /// `[-…-]` without.
    pub fn deleted(&self, s: &str) -> String {
        if self.enabled {
            format!("[-{s}-]").red().strikethrough().to_string()
        } else {
            format!("[-{s}-]")
        }
    }

    /// Words only in this report of a diff: blue and underlined with colour (not told apart
    /// by red and green alone), `{+…+}` without.
    pub fn inserted(&self, s: &str) -> String {
        if self.enabled {
            format!("{{+{s}+}}").blue().bold().underline().to_string()
        } else {
            format!("{{+{s}+}}")
        }
    }

    /// Words of a report that another report in the same row words differently: with colour,
    /// red underlined in the first report of a shared fact, blue bold underlined in the others
    /// (told apart by more than hue); the caller adds `[-…-]` / `{+…+}` markers for plain output.
    /// Written as fixed SGR sequences rather than through `colored`: the side-by-side view
    /// paints every run of changed words, and this keeps rendering under a tenth of a comparison.
    pub fn changed(&self, s: &str, first: bool) -> String {
        match (self.enabled, first) {
            (false, _) => s.to_string(),
            (true, true) => format!("\x1b[4;31m{s}\x1b[0m"),
            (true, false) => format!("\x1b[1;4;34m{s}\x1b[0m"),
        }
    }

    /// A group relation.
    pub fn relation(&self, r: crate::report::Relation) -> String {
        let s = r.as_str();
        if !self.enabled {
            return s.to_string();
        }
        match r {
            crate::report::Relation::Same => s.green().to_string(),
            crate::report::Relation::Partial => s.yellow().to_string(),
        }
    }

    /// Text of a block, styled by kind (furniture is dimmed so body text stands out).
    pub fn text(&self, kind: BlockKind, s: &str) -> String {
        if self.enabled && kind != BlockKind::Body {
            s.dimmed().to_string()
        } else {
            s.to_string()
        }
    }
}
