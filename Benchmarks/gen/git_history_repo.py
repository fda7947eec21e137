#!/usr/bin/env python3
"""Builds a deterministic git repository of 50,000 commits in OUTDIR and prints its path.

Usage: git_history_repo.py OUTDIR

The history looks like a busy project's main branch:
  - squash-merged pull requests with conventional subjects ending in `(#N)` (feat, fix, docs, perf,
    refactor, chore, test, build, ci; optional scopes; some `!` and some `BREAKING CHANGE:` footers;
    bodies; `Co-authored-by:`, `Refs: #N` and `Closes #N` lines at the end) and some non-conventional
    subjects such as `Update README.md`;
  - real merge commits: a branch of 1-4 commits, forked from main's tip or a step or two before it,
    merged with `Merge pull request #N from user/branch`, a blank line and the pull request's title;
  - `Revert "<subject>"` commits whose body is `This reverts commit <full sha>.` of an earlier commit;
  - every commit changes one or two small files under app/, lib/, docs/, tests/ or the build and CI
    files, the folder following the commit's type and scope, so that a path filter selects a part;
  - 200 version tags spread evenly along main's first-parent history, increasing in SemVer order
    (v0.1.9 then v0.1.10, pre-releases such as v1.0.0-rc.1 before v1.0.0), alternately annotated and
    lightweight, and about 150 commits after the last tag.

Authors, emails, time zones and dates are fixed; dates advance monotonically in commit order. A fixed
seed makes every run produce the same objects, so the same commit ids. The commits are written to
`git fast-import`'s standard input in one pass; a revert learns the id of the commit it reverts with
fast-import's `get-mark`, answered on fast-import's standard output.

When OUTDIR already holds a repository finished by this version of the generator (the marker file
.git/shipnotes-bench-generator records a hash of this file and its parameters), nothing is done.
The repository is built in a temporary folder beside OUTDIR and moved into place when complete.
"""
import hashlib
import os
import random
import shutil
import subprocess
import sys

COMMITS = 50_000
TAGS = 200
UNRELEASED = 150          # commits (all parents) after the last tag, about
SEED = 20261201
START = 1_546_300_800     # 2019-01-01T00:00:00Z
MARKER = "shipnotes-bench-generator"

AUTHORS = [
    ("Ada Lindqvist", "ada@example.com", "+0100", "ada-l"),
    ("Bram Okafor", "bram.okafor@example.org", "+0000", "bramo"),
    ("Chen Wei", "chen.wei@example.com", "+0800", "chenwei"),
    ("Dolores Ibarra", "dolores@example.net", "-0600", "dibarra"),
    ("Emeka Nwosu", "emeka@example.com", "+0100", "enwosu"),
    ("Freya Holm", "freya.holm@example.com", "+0200", "fholm"),
    ("Gustavo Peña", "gustavo@example.org", "-0300", "gpena"),
    ("Hana Sato", "hana.sato@example.jp", "+0900", "hsato"),
    ("Isaac Mbeki", "isaac@example.com", "+0200", "imbeki"),
    ("Jonas Müller", "jonas.mueller@example.de", "+0100", "jmueller"),
    ("Kavya Rao", "kavya@example.in", "+0530", "kavyar"),
    ("Liam O'Brien", "liam.obrien@example.ie", "+0000", "lobrien"),
    ("Zoë Laurent", "zoe@example.fr", "+0100", "zlaurent"),
    ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", "+0000", "dependabot"),
]
MERGER = ("GitHub", "noreply@github.com", "+0000")

# Areas: the files a commit of that area changes, and the scopes its subjects use.
AREAS = {
    "app": ([f"app/{d}/{n}.swift" for d, names in (
        ("screens", ("login", "settings", "onboarding", "release_list", "release_detail", "upload")),
        ("views", ("banner", "toolbar", "empty_state", "progress", "avatar", "markdown")),
        ("state", ("session", "store", "router", "preferences"))) for n in names] + ["app/main.swift"],
        ["ui", "login", "settings", "onboarding", "upload", "router", "a11y", "i18n"]),
    "lib": ([f"lib/{d}/{n}.swift" for d, names in (
        ("core", ("version", "semver", "release", "notes", "diff")),
        ("net", ("client", "retry", "multipart", "auth", "tls")),
        ("store", ("cache", "disk", "keychain", "migrations")),
        ("parse", ("markdown", "textile", "changelog", "commits"))) for n in names],
        ["core", "net", "cache", "parser", "auth", "semver", "api", "storage"]),
    "docs": ([f"docs/{n}.md" for n in ("index", "install", "configuration", "cli", "api", "faq",
                                        "upgrading", "contributing", "architecture", "changelog-format")]
             + ["README.md"], ["readme", "api", "cli", "guide"]),
    "tests": ([f"tests/{n}_tests.swift" for n in ("semver", "notes", "client", "cache", "parser",
                                                  "login", "upload", "router", "changelog")]
              + ["tests/fixtures/sample.json"], ["unit", "e2e", "fixtures"]),
    "build": (["Makefile", "Package.swift", "scripts/release.sh", "scripts/bootstrap.sh"],
              ["deps", "release", "make", "spm"]),
    "ci": ([".github/workflows/ci.yml", ".github/workflows/release.yml", ".github/dependabot.yml"],
           ["github", "workflows", "lint"]),
}
# Type, weight, areas its commits change.
TYPES = [("feat", 24, ("app", "lib")), ("fix", 29, ("app", "lib")), ("docs", 8, ("docs",)),
         ("perf", 4, ("lib", "app")), ("refactor", 8, ("lib", "app")), ("chore", 10, ("build", "lib", "app")),
         ("test", 7, ("tests",)), ("build", 4, ("build",)), ("ci", 6, ("ci",))]
TYPE_WEIGHTS = [w for _, w, _ in TYPES]

VERBS = {
    "feat": ["add", "support", "introduce", "allow", "show", "expose", "enable"],
    "fix": ["fix", "handle", "avoid", "prevent", "correct", "guard against", "stop"],
    "docs": ["document", "clarify", "describe", "explain", "fix typos in"],
    "perf": ["speed up", "cache", "avoid copying", "stream", "batch", "reduce allocations in"],
    "refactor": ["extract", "simplify", "split", "rename", "inline", "move"],
    "chore": ["bump", "update", "clean up", "remove unused", "tidy"],
    "test": ["add tests for", "cover", "fix flaky test for", "add fixtures for"],
    "build": ["bump", "pin", "update", "drop"],
    "ci": ["cache", "run", "split", "retry", "speed up"],
}
OBJECTS = ["release notes rendering", "upload retries", "the login screen", "dark mode colours",
           "semver pre-release ordering", "changelog parsing", "keychain access", "multipart bodies",
           "empty release lists", "the settings toolbar", "offline mode", "crash reports", "TLS pinning",
           "large archives", "the markdown renderer", "token refresh", "progress reporting",
           "locale fallbacks", "cache eviction", "disk migrations", "the onboarding flow",
           "deep links", "Textile tables", "commit parsing", "the API client", "timeouts on slow networks",
           "unicode titles", "the release detail view", "keyboard shortcuts", "avatar loading",
           "the CI matrix", "nightly builds", "dependency updates", "the release script", "lint warnings"]
WORDS = ("the a this that release notes upload build cache retry screen view token client server "
         "parser version tag commit branch merge change request response error timeout memory "
         "thread queue file path folder index record entry list section heading body footer "
         "because when while after before so that which it now no longer instead also").split()
UNCONVENTIONAL = ["Update README.md", "Fix typo", "Tidy up", "Update dependencies", "Small fixes",
                  "Merge branch 'main' into release", "Improve docs", "Bump version", "Update CI config",
                  "Apply suggestions from code review", "Remove debug logging", "Update screenshots"]
BRANCH_EXTRA = ["address review comments", "wip", "fix tests", "apply suggestions from code review",
                "rename per review", "fix lint"]


def version_names():
    """200 tag names in increasing SemVer order."""
    names = [f"v0.1.{p}" for p in range(12)]
    names += [f"v0.{m}.{p}" for m in range(2, 11) for p in range(5)]
    names += ["v1.0.0-alpha.1", "v1.0.0-beta.1", "v1.0.0-rc.1", "v1.0.0-rc.2", "v1.0.0"]
    names += [f"v1.0.{p}" for p in range(1, 11)]
    names += [f"v1.{m}.{p}" for m in range(1, 13) for p in range(4)]
    names += ["v2.0.0-rc.1", "v2.0.0-rc.2", "v2.0.0", "v2.0.1", "v2.0.2", "v2.0.3"]
    minor = 1
    while len(names) < TAGS:
        names += [f"v2.{minor}.{p}" for p in range(5)][: TAGS - len(names)]
        minor += 1
    assert len(names) == TAGS and len(set(names)) == TAGS
    return names


def sentence(rng, lo=6, hi=16):
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    return (" ".join(words)).capitalize() + "."


def paragraph(rng):
    text = " ".join(sentence(rng) for _ in range(rng.randint(1, 4)))
    lines, line = [], ""
    for word in text.split():  # wrapped at 72 columns, as commit bodies are
        if line and len(line) + 1 + len(word) > 72:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


class Generator:
    def __init__(self, git_dir):
        self.rng = random.Random(SEED)
        self.git_dir = git_dir
        self.clock = START
        self.mark = 0
        self.pr = 1000
        self.line_counter = 0
        self.main = {}            # path -> tuple of lines on main's tip
        self.snapshots = []       # main's file states at the last few first-parent commits
        self.first_parent = []    # marks of main's first-parent commits
        self.touched = {}         # mark -> (subject, paths) for commits a revert may pick
        self.fast_import = None

    # --- fast-import stream --------------------------------------------------------------------
    def write(self, data):
        self.fast_import.stdin.write(data)

    def data(self, text):
        raw = text.encode()
        self.write(b"data %d\n" % len(raw) + raw + b"\n")

    def sha_of(self, mark):
        self.write(b"get-mark :%d\n" % mark)
        self.fast_import.stdin.flush()
        sha = self.fast_import.stdout.readline().decode().strip()
        assert len(sha) == 40, sha
        return sha

    def tick(self):
        self.clock += self.rng.randint(240, 4200)
        return self.clock

    def commit(self, ref, message, author, changes, parent=None, merge=None, committer=None):
        """Writes one commit; changes is a list of (path, lines). Returns its mark."""
        self.mark += 1
        when = self.tick()
        name, email, tz = author[:3]
        cname, cemail, ctz = committer or author[:3]
        self.write(f"commit {ref}\nmark :{self.mark}\n"
                   f"author {name} <{email}> {when} {tz}\n"
                   f"committer {cname} <{cemail}> {when} {ctz}\n".encode())
        self.data(message)
        if parent is not None:
            self.write(b"from :%d\n" % parent)
        if merge is not None:
            self.write(b"merge :%d\n" % merge)
        for path, lines in changes:
            self.write(f"M 100644 inline {path}\n".encode())
            self.data("\n".join(lines) + "\n")
        return self.mark

    # --- content ---------------------------------------------------------------------------------
    def edit(self, state, path):
        """The file at path with one line replaced or added; keeps files under 24 lines."""
        rng = self.rng
        lines = list(state.get(path, (f"// {path}",)))
        self.line_counter += 1
        new = f"{' '.join(rng.choice(WORDS) for _ in range(rng.randint(3, 9)))} {self.line_counter}"
        if path.endswith(".swift"):
            new = f"let v{self.line_counter} = \"{new}\""
        if len(lines) > 1 and rng.random() < 0.45:
            lines[rng.randrange(1, len(lines))] = new
        else:
            lines.append(new)
            if len(lines) > 24:
                del lines[1]
        state[path] = tuple(lines)
        return path, state[path]

    def pick_paths(self, areas):
        rng = self.rng
        area = rng.choice(areas)
        paths = [rng.choice(AREAS[area][0])]
        if rng.random() < 0.3:
            second = rng.choice(AREAS["tests" if area in ("app", "lib") else rng.choice(list(AREAS))][0])
            if second != paths[0]:
                paths.append(second)
        return area, paths

    def conventional(self):
        """(subject without PR number, body paragraphs and trailers, areas)."""
        rng = self.rng
        kind, _, areas = rng.choices(TYPES, TYPE_WEIGHTS)[0]
        area, paths = self.pick_paths(areas)
        scope = rng.choice(AREAS[area][1]) if rng.random() < 0.65 else None
        bang = "!" if rng.random() < 0.015 else ""
        head = kind + (f"({scope})" if scope else "") + bang
        subject = f"{head}: {rng.choice(VERBS[kind])} {rng.choice(OBJECTS)}"
        extra = []
        if rng.random() < 0.4:
            extra += [paragraph(rng) for _ in range(rng.randint(1, 2))]
        footers = []
        if rng.random() < 0.01:
            footers.append(f"BREAKING CHANGE: {sentence(rng, 4, 10)}")
        if rng.random() < 0.15:
            footers.append(f"Refs: #{rng.randint(1, self.pr)}")
        if rng.random() < 0.15:
            footers.append(f"Closes #{rng.randint(1, self.pr)}")
        if rng.random() < 0.10:
            co = rng.choice(AUTHORS[:-1])
            footers.append(f"Co-authored-by: {co[0]} <{co[1]}>")
        if footers:
            extra.append("\n".join(footers))
        return subject, extra, paths

    def message(self, subject, extra):
        return "\n\n".join([subject] + extra) + "\n"

    def main_commit(self, message, author, paths, committer=None):
        changes = [self.edit(self.main, p) for p in paths]
        parent = self.first_parent[-1] if self.first_parent else None
        mark = self.commit("refs/heads/main", message, author, changes, parent=parent, committer=committer)
        self.advance(mark)
        return mark

    def advance(self, mark):
        self.first_parent.append(mark)
        self.snapshots.append(dict(self.main))
        del self.snapshots[:-3]

    # --- steps along main's first-parent history -------------------------------------------------
    def squash(self):
        rng = self.rng
        self.pr += 1
        author = rng.choice(AUTHORS)
        if author[3] == "dependabot":
            package = rng.choice(["swift-argument-parser", "swift-nio", "swift-crypto", "yams"])
            old = f"1.{rng.randint(0, 9)}.{rng.randint(0, 9)}"
            subject = f"build(deps): bump {package} from {old} to 1.{rng.randint(10, 20)}.0"
            extra, paths = [paragraph(rng)], ["Package.swift"]
        elif rng.random() < 0.08:
            subject, extra = rng.choice(UNCONVENTIONAL), []
            paths = [rng.choice(["README.md", "docs/index.md", ".github/workflows/ci.yml", "Makefile",
                                 rng.choice(AREAS["app"][0]), rng.choice(AREAS["lib"][0])])]
        else:
            subject, extra, paths = self.conventional()
        subject = f"{subject} (#{self.pr})"
        mark = self.main_commit(self.message(subject, extra), author, paths, committer=MERGER)
        self.touched[mark] = (subject, paths)

    def direct(self):
        rng = self.rng
        author = rng.choice(AUTHORS[:-1])
        if rng.random() < 0.3:
            subject, extra = rng.choice(UNCONVENTIONAL), []
            paths = [rng.choice(["README.md", "Makefile", "docs/faq.md"])]
        else:
            subject, extra, paths = self.conventional()
        mark = self.main_commit(self.message(subject, extra), author, paths)
        self.touched[mark] = (subject, paths)

    def revert(self):
        rng = self.rng
        candidates = [m for m in self.first_parent[-400:] if m in self.touched]
        target = rng.choice(candidates)
        subject, paths = self.touched[target]
        message = f'Revert "{subject}"\n\nThis reverts commit {self.sha_of(target)}.\n'
        self.main_commit(message, rng.choice(AUTHORS[:-1]), paths)

    def merge(self, branch_commits):
        rng = self.rng
        self.pr += 1
        author = rng.choice(AUTHORS[:-1])
        back = rng.randint(1, min(3, len(self.snapshots)))
        fork = self.first_parent[-back]
        state = dict(self.snapshots[-back])
        title, extra, paths = self.conventional()
        changed = set()
        tip = fork
        for i in range(branch_commits):
            if i == 0:
                message = self.message(title, extra)
            elif rng.random() < 0.5:
                message = rng.choice(BRANCH_EXTRA) + "\n"
            else:
                sub, more, paths = self.conventional()
                message = self.message(sub, more)
            changes = [self.edit(state, p) for p in paths]
            changed.update(p for p, _ in changes)
            tip = self.commit("refs/heads/bench-pr", message, author, changes, parent=tip)
        branch = rng.choice(["feature", "fix", "chore", "docs"]) + "/" + "-".join(
            rng.choice(OBJECTS).replace("the ", "").split()[:3])
        message = f"Merge pull request #{self.pr} from {author[3]}/{branch}\n\n{title}\n"
        # The merged tree: main's, with the branch's version of every file the branch changed.
        changes = []
        for path in sorted(changed):
            self.main[path] = state[path]
            changes.append((path, state[path]))
        mark = self.commit("refs/heads/main", message, author, changes,
                           parent=self.first_parent[-1], merge=tip, committer=MERGER)
        self.advance(mark)

    def tag(self, name, index):
        target = self.first_parent[-1]
        if index % 2 == 0:  # annotated
            tagger = self.rng.choice(AUTHORS[:-1])
            self.write(f"tag {name}\nfrom :{target}\n"
                       f"tagger {tagger[0]} <{tagger[1]}> {self.clock + 600} {tagger[2]}\n".encode())
            self.data(f"Release {name}\n")
        else:               # lightweight
            self.write(f"reset refs/tags/{name}\nfrom :{target}\n\n".encode())

    # --- the whole history -----------------------------------------------------------------------
    def plan(self):
        """The steps along main's first-parent history: 0 a single commit, N > 0 a merge of N commits."""
        rng, steps, total = self.rng, [], 0
        while total < COMMITS:
            left = COMMITS - total
            if total > 0 and left >= 6 and rng.random() < 0.12:
                n = rng.randint(1, 4)
                steps.append(n)
                total += n + 1
            else:
                steps.append(0)
                total += 1
        # The last tag goes on the step after which about UNRELEASED commits remain.
        after, last = 0, len(steps) - 1
        while after + steps[last] + 1 <= UNRELEASED:
            after += steps[last] + 1
            last -= 1
        tags = {round((i + 1) * last / TAGS): i for i in range(TAGS)}
        assert len(tags) == TAGS and max(tags) == last
        return steps, tags

    def run(self):
        steps, tags = self.plan()
        names = version_names()
        self.fast_import = subprocess.Popen(
            ["git", "--git-dir", self.git_dir, "fast-import", "--quiet", "--done"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=1 << 20)
        rng = self.rng
        first = self.commit("refs/heads/main", "Initial commit\n", AUTHORS[0],
                            [(p, (f"// {p}",)) for area in AREAS.values() for p in area[0]])
        for area in AREAS.values():
            for p in area[0]:
                self.main[p] = (f"// {p}",)
        self.advance(first)
        for index, step in enumerate(steps):
            if index == 0:
                pass  # the initial commit
            elif step:
                self.merge(step)
            else:
                roll = rng.random()
                if roll < 0.012 and len(self.touched) > 10:
                    self.revert()
                elif roll < 0.11:
                    self.direct()
                else:
                    self.squash()
            if index in tags:
                self.tag(names[tags[index]], tags[index])
        self.write(b"reset refs/heads/bench-pr\n\ndone\n")
        self.fast_import.stdin.close()
        if self.fast_import.wait() != 0:
            sys.exit("git fast-import failed")
        assert self.mark == COMMITS, self.mark


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = os.path.abspath(sys.argv[1])
    with open(__file__, "rb") as f:
        version = hashlib.sha256(f.read() + f"{COMMITS}/{TAGS}/{UNRELEASED}/{SEED}".encode()).hexdigest()
    marker = os.path.join(out, ".git", MARKER)
    if os.path.isfile(marker) and open(marker).read().strip() == version:
        print(out)
        return
    if os.path.exists(out) and os.listdir(out) and not os.path.isfile(marker):
        sys.exit(f"{out} exists and is not a repository made by {os.path.basename(__file__)}")
    tmp = out + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    git("init", "-q", "-b", "main", tmp, cwd=".")
    Generator(os.path.join(tmp, ".git")).run()
    git("symbolic-ref", "HEAD", "refs/heads/main", cwd=tmp)
    git("read-tree", "-u", "--reset", "HEAD", cwd=tmp)  # a checked-out work tree, as a clone has
    with open(os.path.join(tmp, ".git", MARKER), "w") as f:
        f.write(version + "\n")
    shutil.rmtree(out, ignore_errors=True)
    os.rename(tmp, out)
    print(out)


if __name__ == "__main__":
    main()
