/// How commits are grouped under section titles: the groups in the order the notes show them,
/// each with the Conventional Commits types that make it, and what happens to the other commits.
public struct CommitGrouping: Sendable, Hashable, Codable {
    public struct Group: Sendable, Hashable, Codable {
        public var title: String
        public var types: [String]

        public init(title: String, types: [String]) {
            self.title = title
            self.types = types.map { $0.lowercased() }
        }
    }

    /// The groups, in the order they are shown.
    public var groups: [Group]
    /// The title of the group of commits no group takes (non-conventional ones, unknown types).
    public var otherTitle: String
    /// False drops commits whose titles are not Conventional Commits.
    public var keepsNonConventional: Bool

    public init(groups: [Group] = CommitGrouping.defaultGroups, otherTitle: String = "Other Changes",
                keepsNonConventional: Bool = true) {
        self.groups = groups
        self.otherTitle = otherTitle
        self.keepsNonConventional = keepsNonConventional
    }

    /// What readers look for first, first: features and fixes, then the rest.
    public static let defaultGroups: [Group] = [
        Group(title: "Features", types: ["feat", "feature"]),
        Group(title: "Bug Fixes", types: ["fix", "bugfix"]),
        Group(title: "Performance", types: ["perf"]),
        Group(title: "Reverts", types: ["revert"]),
        Group(title: "Refactoring", types: ["refactor"]),
        Group(title: "Documentation", types: ["docs", "doc"]),
        Group(title: "Build", types: ["build", "ci", "deps"]),
        Group(title: "Tests", types: ["test", "tests"]),
        Group(title: "Style", types: ["style"]),
        Group(title: "Chores", types: ["chore"]),
    ]

    /// Reads `type=Title` items (`feat=New`, `fix,bugfix=Fixed`): the groups in the order given.
    ///
    /// - Returns: nil when an item has no `=` or an empty side.
    public static func groups(parsing items: [String]) -> [Group]? {
        var groups: [Group] = []
        for item in items {
            guard let equals = item.firstIndex(of: "=") else { return nil }
            let types = item[..<equals].split(separator: ",").map { $0.trimmingSpaces }.filter { !$0.isEmpty }
            let title = item[item.index(after: equals)...].trimmingSpaces
            guard !types.isEmpty, !title.isEmpty else { return nil }
            groups.append(Group(title: title, types: types))
        }
        return groups
    }

    /// The index in `groups` for a type; `groups.count` stands for the other commits.
    func groupIndex(forType type: String?) -> Int {
        guard let type else { return groups.count }
        return groups.firstIndex(where: { $0.types.contains(type) }) ?? groups.count
    }
}

/// The next version after `base` for a set of commits, by Conventional Commits: a breaking change
/// bumps the major (the minor below 1.0), a feature the minor, anything else the patch. A
/// pre-release base is released as its final version (`1.0.0-rc.2` → `1.0.0`) unless the change
/// calls for more than that final version already gives.
public enum VersionBump {
    public static func next(after base: ReleaseVersion?, breaking: Bool, feature: Bool) -> String {
        let numbers = base?.numbers ?? [0, 0, 0]
        var major = numbers.first ?? 0
        var minor = numbers.count > 1 ? numbers[1] : 0
        var patch = numbers.count > 2 ? numbers[2] : 0
        if let base, base.isPrerelease {
            // 1.0.0-rc.1 → 1.0.0 covers any change; 1.1.0-beta → 1.1.0 covers a feature or a fix.
            let coversBreaking = minor == 0 && patch == 0 || major == 0 && patch == 0
            let coversFeature = patch == 0
            if breaking ? coversBreaking : (feature ? coversFeature : true) {
                return "\(major).\(minor).\(patch)"
            }
        }
        if breaking && major > 0 {
            major += 1
            minor = 0
            patch = 0
        } else if breaking || feature {
            minor += 1
            patch = 0
        } else {
            patch += 1
        }
        return "\(major).\(minor).\(patch)"
    }
}
