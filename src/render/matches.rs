//! `parallax match` output: one `id<TAB>score<TAB>same|partial|none` line per scored pair.

use super::safe::terminal_line;
use crate::report::PairScore;
use std::io::{self, Write};

/// Writes the scored pairs as TSV. The id is the input's: no control sequence of it reaches a
/// terminal.
pub fn render(pairs: &[PairScore], out: &mut dyn Write) -> io::Result<()> {
    for p in pairs {
        let rel = p.relation.map_or("none", |r| r.as_str());
        writeln!(out, "{}\t{:.4}\t{rel}", terminal_line(&p.id), p.score)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Relation;

    #[test]
    fn one_line_per_pair_with_the_id_escaped() {
        let pairs = [
            PairScore {
                id: "a\u{1b}]0;x\u{7}".into(),
                score: 0.91234,
                relation: Some(Relation::Same),
            },
            PairScore {
                id: "b".into(),
                score: 0.1,
                relation: None,
            },
        ];
        let mut out = Vec::new();
        render(&pairs, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a\\x1b]0;x\\x07\t0.9123\tsame\nb\t0.1000\tnone\n"
        );
    }
}
