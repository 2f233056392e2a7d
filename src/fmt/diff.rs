//! A line diff of a file and its formatted text, for `xuncha fmt --check`.

/// The changes from `old` to `new` as a unified diff with `context` lines
/// around each change; empty when they are equal.
pub fn unified(name: &str, old: &str, new: &str, context: usize) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let ops = edit_script(&a, &b);
    if ops.iter().all(|op| matches!(op, Op::Same(..))) {
        return String::new();
    }
    let mut out = format!("--- {name}\n+++ {name} (formatted)\n");
    // Group the changes with their context into hunks.
    let changed: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, op)| !matches!(op, Op::Same(..)))
        .map(|(i, _)| i)
        .collect();
    let mut hunks: Vec<(usize, usize)> = Vec::new();
    for &i in &changed {
        let start = i.saturating_sub(context);
        let end = (i + context + 1).min(ops.len());
        match hunks.last_mut() {
            Some(last) if start <= last.1 => last.1 = end,
            _ => hunks.push((start, end)),
        }
    }
    for (start, end) in hunks {
        let (mut old_line, mut new_line) = (1, 1);
        for op in &ops[..start] {
            match op {
                Op::Same(..) => {
                    old_line += 1;
                    new_line += 1;
                }
                Op::Delete(_) => old_line += 1,
                Op::Insert(_) => new_line += 1,
            }
        }
        let old_count = ops[start..end]
            .iter()
            .filter(|op| !matches!(op, Op::Insert(_)))
            .count();
        let new_count = ops[start..end]
            .iter()
            .filter(|op| !matches!(op, Op::Delete(_)))
            .count();
        out.push_str(&format!(
            "@@ -{old_line},{old_count} +{new_line},{new_count} @@\n"
        ));
        for op in &ops[start..end] {
            match op {
                Op::Same(i) => out.push_str(&format!(" {}\n", a[*i])),
                Op::Delete(i) => out.push_str(&format!("-{}\n", a[*i])),
                Op::Insert(j) => out.push_str(&format!("+{}\n", b[*j])),
            }
        }
    }
    out
}

#[derive(Debug, Clone, Copy)]
enum Op {
    Same(usize),
    Delete(usize),
    Insert(usize),
}

/// A shortest edit script by longest common subsequence, after the common
/// head and tail are set aside (rule files are small).
fn edit_script(a: &[&str], b: &[&str]) -> Vec<Op> {
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let (n, m) = (ma.len(), mb.len());
    // lcs[i][j]: the longest common subsequence of ma[i..] and mb[j..].
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if ma[i] == mb[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut ops: Vec<Op> = (0..head).map(Op::Same).collect();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && ma[i] == mb[j] {
            ops.push(Op::Same(head + i));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(Op::Delete(head + i));
            i += 1;
        } else {
            ops.push(Op::Insert(head + j));
            j += 1;
        }
    }
    ops.extend((0..tail).map(|k| Op::Same(a.len() - tail + k)));
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_have_no_diff() {
        assert_eq!(unified("a.xc", "x\ny\n", "x\ny\n", 3), "");
    }

    #[test]
    fn a_changed_line_is_shown_with_its_context() {
        let diff = unified("a.xc", "a\nb\nc\nd\n", "a\nB\nc\nd\n", 1);
        assert_eq!(
            diff,
            "--- a.xc\n+++ a.xc (formatted)\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"
        );
    }
}
