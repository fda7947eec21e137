# Notes from git history (`shipnotes notes --git`) on a generated repository of 50,000 commits and 200
# version tags (gen/git_history_repo.py, cached under $BENCH_OUT/git-history/), against git-cliff from
# PyPI with gen/cliff.toml (the same grouped Markdown notes), and against the bare `git log` that reads
# the same fields shipnotes reads, the floor for any tool that asks git for the history. All three are
# timed side by side in one hyperfine run, then their peak resident memory is measured once each.
#   1. Notes for every release: shipnotes `--all-releases`, git-cliff on the whole history, and
#      `git log` of HEAD. git-cliff takes most of a minute here, so this case has 3 runs and no
#      warm-up run; one `git log` beforehand reads the repository into the page cache for all three.
#   2. Notes since the last tag: shipnotes' default, git-cliff `--unreleased`, and `git log` of
#      LASTTAG..HEAD (LASTTAG the highest version tag, pre-releases below their release).
# Sanity checks: shipnotes' notes for every release mention the newest tag's version, and list as
# many releases (`## ` headings) as git-cliff's, give or take the Unreleased heading.
gh_dir="$BENCH_OUT/git-history"
mkdir -p "$gh_dir"
gh_repo=$(python3 Benchmarks/gen/git_history_repo.py "$gh_dir/repo")
gh_cliff="git-cliff --offline -c $PWD/Benchmarks/gen/cliff.toml -r $gh_repo"
gh_format='%H%x1f%P%x1f%aN%x1f%aE%x1f%aI%x1f%(trailers:unfold,separator=%x1e,key_value_separator=%x1d)%x1f%s%x1f%b'
gh_log="git -C $gh_repo -c log.showSignature=false --no-pager log -z --format='$gh_format'"
gh_last=$(git -C "$gh_repo" -c versionsort.suffix=- for-each-ref --count=1 --sort=-v:refname \
    --format='%(refname:short)' refs/tags)
echo "git-history: $(git -C "$gh_repo" rev-list --count HEAD) commits, $(git -C "$gh_repo" tag | wc -l) tags," \
    "$(git -C "$gh_repo" rev-list --count "$gh_last..HEAD") after $gh_last; $(git-cliff --version)"

# gh_mean NAME INDEX: the mean in seconds of the INDEX-th command (0 shipnotes) that bench_compare3 stored.
gh_mean() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["mean"])' "$BENCH_OUT/$1.json" "$2"; }

# gh_goal VALUE OP LIMIT TEXT: "goal TEXT: met" or "NOT met", VALUE compared with LIMIT by OP (>= or <=).
gh_goal() {
    python3 -c '
import sys
value, op, limit, text = float(sys.argv[1]), sys.argv[2], float(sys.argv[3]), sys.argv[4]
met = value >= limit if op == ">=" else value <= limit
print(f"goal {text}: " + ("met" if met else "NOT met") + f" ({value:.2f}x)")' "$@"
}

# gh_speed NAME: the goal lines for NAME's ratios, from the means bench_compare3 stored. The one
# against git-cliff only where git-cliff's goal is part of the case (every release).
gh_speed() {
    local ours cliff log
    ours=$(gh_mean "$1" 0) cliff=$(gh_mean "$1" 1) log=$(gh_mean "$1" 2)
    if [ "${2:-}" = with-cliff ]; then
        echo "$1: shipnotes $(gh_goal "$(python3 -c "print($cliff / $ours)")" ">=" 10 ">= 10x faster than git-cliff")"
    fi
    echo "$1: shipnotes $(gh_goal "$(python3 -c "print($ours / $log)")" "<=" 1.5 "within 1.5x of git log")"
}

# gh_rss NAME OURS CLIFF LOG [with-goal]: peak RSS of each, their notes kept in $gh_dir/NAME-*.md for
# the checks; with-goal adds the goal that shipnotes stays below git-cliff.
gh_rss() {
    local ours cliff log goal=""
    ours=$(bench_peak_rss "$2 >$gh_dir/$1-shipnotes.md")
    cliff=$(bench_peak_rss "$3 >$gh_dir/$1-git-cliff.md")
    log=$(bench_peak_rss "$4")
    if [ "${5:-}" = with-goal ]; then
        goal="   goal below git-cliff: $(python3 -c "print('met' if $ours < $cliff else 'NOT met')")"
    fi
    echo "$1 peak RSS: shipnotes $ours MiB, git-cliff $cliff MiB, git log $log MiB$goal"
}

# --- 1. Notes for every release ------------------------------------------------------------------
gh_all_ours="$SHIPNOTES notes --git --repo $gh_repo --all-releases"
gh_all_log="$gh_log HEAD"
bash -c "$gh_all_log" >/dev/null
bench_compare3 git-history-all-releases git-cliff "git log" "$gh_all_ours >/dev/null" \
    "$gh_cliff >/dev/null 2>&1" "$gh_all_log >/dev/null" 3 0
gh_speed git-history-all-releases with-cliff
gh_rss git-history-all-releases "$gh_all_ours" "$gh_cliff" "$gh_all_log" with-goal

grep -qF "${gh_last#v}" "$gh_dir/git-history-all-releases-shipnotes.md" \
    || echo "git-history: WARNING: shipnotes' notes for every release do not mention $gh_last"
gh_ours_releases=$(grep -c '^## ' "$gh_dir/git-history-all-releases-shipnotes.md" || true)
gh_cliff_releases=$(grep -c '^## ' "$gh_dir/git-history-all-releases-git-cliff.md" || true)
[ $((gh_ours_releases - gh_cliff_releases)) -ge -1 ] && [ $((gh_ours_releases - gh_cliff_releases)) -le 1 ] \
    || echo "git-history: WARNING: shipnotes lists $gh_ours_releases releases, git-cliff $gh_cliff_releases"

# --- 2. Notes since the last tag -----------------------------------------------------------------
gh_new_ours="$SHIPNOTES notes --git --repo $gh_repo"
gh_new_log="$gh_log $gh_last..HEAD"
bench_compare3 git-history-since-last-tag git-cliff "git log" "$gh_new_ours >/dev/null" \
    "$gh_cliff --unreleased >/dev/null 2>&1" "$gh_new_log >/dev/null"
gh_speed git-history-since-last-tag
gh_rss git-history-since-last-tag "$gh_new_ours" "$gh_cliff --unreleased" "$gh_new_log"
[ -s "$gh_dir/git-history-since-last-tag-shipnotes.md" ] \
    || echo "git-history: WARNING: shipnotes printed no notes since $gh_last"
