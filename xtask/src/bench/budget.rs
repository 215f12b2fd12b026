//! The size budget (`bench/size-budget.txt`): no row of the size table may grow more than 1 %
//! past the figure written there, so no change gives bytes back unseen.

use crate::{root, Result};

/// How far past its budget a row may grow: 1 %.
const SLACK: f64 = 0.01;

/// Fails, naming every row that grew more than 1 % past its budget (or has none); prints the
/// rows that shrank more than 1 %, whose budget can come down.
pub fn check(sizes: &[(&str, u64)]) -> Result {
    let path = root().join("bench").join("size-budget.txt");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let budget = parse(&text)?;
    let verdicts = judge(sizes, &budget);
    for verdict in &verdicts {
        println!("size budget: {verdict}");
    }
    let over: Vec<&Verdict> = verdicts.iter().filter(|v| v.fails()).collect();
    if over.is_empty() {
        println!("size budget: every row within 1 % of its budget or under it");
        Ok(())
    } else {
        let rows: Vec<String> = over.iter().map(ToString::to_string).collect();
        Err(format!("size budget exceeded ({}): {}", path.display(), rows.join("; ")))
    }
}

/// `name bytes` lines; `#` starts a comment.
fn parse(text: &str) -> Result<Vec<(String, u64)>> {
    text.lines()
        .map(|line| line.split('#').next().unwrap_or_default().trim())
        .filter(|line| !line.is_empty())
        .map(|line| {
            let mut words = line.split_whitespace();
            match (words.next(), words.next().map(str::parse::<u64>), words.next()) {
                (Some(name), Some(Ok(bytes)), None) => Ok((name.to_owned(), bytes)),
                _ => Err(format!("size budget: cannot read the line {line:?} (want `name bytes`)")),
            }
        })
        .collect()
}

#[derive(Debug, PartialEq)]
enum Verdict {
    Within { row: String, bytes: u64, budget: u64 },
    Over { row: String, bytes: u64, budget: u64 },
    Under { row: String, bytes: u64, budget: u64 },
    Unbudgeted { row: String, bytes: u64 },
}

impl Verdict {
    fn fails(&self) -> bool {
        matches!(self, Verdict::Over { .. } | Verdict::Unbudgeted { .. })
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let change = |bytes: u64, budget: u64| (bytes as f64 / budget as f64 - 1.0) * 100.0;
        match self {
            Verdict::Within { row, bytes, budget } => write!(f, "{row} {bytes} (budget {budget})"),
            Verdict::Over { row, bytes, budget } => {
                write!(f, "{row} {bytes}, {:+.1} % over its budget {budget}", change(*bytes, *budget))
            }
            Verdict::Under { row, bytes, budget } => write!(
                f,
                "{row} {bytes}, {:+.1} % under its budget {budget}: write {bytes} in bench/size-budget.txt to keep it",
                change(*bytes, *budget)
            ),
            Verdict::Unbudgeted { row, bytes } => write!(f, "{row} {bytes} has no budget in bench/size-budget.txt"),
        }
    }
}

fn judge(sizes: &[(&str, u64)], budget: &[(String, u64)]) -> Vec<Verdict> {
    sizes
        .iter()
        .map(|&(row, bytes)| {
            let row = row.to_owned();
            match budget.iter().find(|(name, _)| *name == row).map(|&(_, b)| b) {
                None => Verdict::Unbudgeted { row, bytes },
                Some(budget) if bytes as f64 > budget as f64 * (1.0 + SLACK) => Verdict::Over { row, bytes, budget },
                Some(budget) if (bytes as f64) < budget as f64 * (1.0 - SLACK) => Verdict::Under { row, bytes, budget },
                Some(budget) => Verdict::Within { row, bytes, budget },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_fails_only_past_one_percent_over_its_budget_or_without_one() {
        let budget = parse("# comment\na 1000\nb 1000 # trailing\nc 1000\n").unwrap();
        let verdicts = judge(&[("a", 1010), ("b", 1011), ("c", 989), ("d", 5)], &budget);
        assert_eq!(verdicts[0], Verdict::Within { row: "a".into(), bytes: 1010, budget: 1000 });
        assert_eq!(verdicts[1], Verdict::Over { row: "b".into(), bytes: 1011, budget: 1000 });
        assert_eq!(verdicts[2], Verdict::Under { row: "c".into(), bytes: 989, budget: 1000 });
        assert_eq!(verdicts[3], Verdict::Unbudgeted { row: "d".into(), bytes: 5 });
        assert_eq!(verdicts.iter().filter(|v| v.fails()).count(), 2);
    }

    #[test]
    fn a_malformed_line_is_an_error() {
        assert!(parse("a 10 20\n").is_err());
        assert!(parse("a ten\n").is_err());
    }
}
