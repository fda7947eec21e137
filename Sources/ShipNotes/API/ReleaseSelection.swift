/// Which releases of a changelog a build's notes come from.
public enum ReleaseSelection: Sendable, Hashable {
    /// The release with this version (`v1.2.3`, `1.2.3` and `[1.2.3]` match alike).
    case version(String)
    /// The newest release by version that is neither unreleased nor yanked.
    case latest
    /// The first unreleased section in the file.
    case unreleased
    /// Every release newer than this version, newest first: for a build that skips versions.
    case since(String)
}

extension ChangelogOutline {
    /// The indices in ``headings`` of the selected releases, newest first.
    ///
    /// - Throws: `ChangelogError` when the selection finds nothing (naming the nearest versions
    ///   when a version is not in the file), or when a selected version appears twice.
    public func indices(of selection: ReleaseSelection) throws -> [Int] {
        let selected = try unambiguousIndices(of: selection)
        // One release (the usual case) is checked with a scan; many (`--since`) with one table,
        // so that the check stays linear.
        var linesOfVersion: [ReleaseVersion: [Int]] = [:]
        if selected.count > 1 {
            for heading in headings {
                if let version = heading.version { linesOfVersion[version, default: []].append(heading.line) }
            }
        }
        for index in selected {
            guard let version = headings[index].version else { continue }
            let lines = selected.count > 1
                ? linesOfVersion[version] ?? [] : headings.filter { $0.version == version }.map(\.line)
            if lines.count > 1 {
                let first = headings.first { $0.version == version }!.version!.written
                throw ChangelogError.duplicateVersion(path: path, version: first, line: lines[1], firstLine: lines[0])
            }
        }
        return selected
    }

    private func unambiguousIndices(of selection: ReleaseSelection) throws -> [Int] {
        switch selection {
        case let .version(text):
            let wanted = try Self.version(text)
            if let index = headings.firstIndex(where: { $0.version == wanted }) { return [index] }
            throw ChangelogError.versionNotFound(path: path, version: text, nearest: nearestVersions(to: wanted))
        case .latest:
            let released = headings.indices.filter { headings[$0].version != nil && !headings[$0].isUnreleased && !headings[$0].isYanked }
            guard let newest = released.max(by: { headings[$0].version! < headings[$1].version! }) else {
                throw ChangelogError.noReleasedVersion(path: path)
            }
            return [newest]
        case .unreleased:
            guard let index = headings.firstIndex(where: \.isUnreleased) else {
                throw ChangelogError.noUnreleasedSection(path: path)
            }
            return [index]
        case let .since(text):
            let oldest = try Self.version(text)
            let newer = headings.indices.filter { index in
                guard let version = headings[index].version, !headings[index].isUnreleased else { return false }
                return version > oldest
            }
            guard !newer.isEmpty else { throw ChangelogError.nothingSince(path: path, version: text) }
            return newer.sorted { headings[$0].version! > headings[$1].version! }
        }
    }

    /// The selected releases, bodies and all, newest first.
    public func releases(_ selection: ReleaseSelection) throws -> [Release] {
        try indices(of: selection).map(release(at:))
    }

    /// The release a changelog's notes come from when nothing is selected: the newest released
    /// version, or the first release when every one is unreleased.
    ///
    /// - Throws: `ChangelogError.duplicateVersion` when the newest version appears twice.
    public func defaultRelease() throws -> Release {
        do {
            return try releases(.latest)[0]
        } catch ChangelogError.noReleasedVersion {
            return release(at: 0)
        }
    }

    private static func version(_ text: String) throws -> ReleaseVersion {
        guard let version = ReleaseVersion(text) ?? ReleaseVersion.single(text) else {
            throw ChangelogError.notAVersion(text)
        }
        return version
    }

    /// Up to two versions on either side of `version`, newest first, each with its line.
    private func nearestVersions(to version: ReleaseVersion) -> [String] {
        let sorted = headings.filter { $0.version != nil }.sorted { $0.version! < $1.version! }
        let insertion = sorted.firstIndex { $0.version! > version } ?? sorted.count
        let window = sorted[max(0, insertion - 2)..<min(sorted.count, insertion + 2)]
        return window.reversed().map { "\($0.version!.written) (line \($0.line))" }
    }
}

extension Collection where Element == Release {
    /// The releases as one Markdown document: each one's heading (its title without link marks,
    /// whose definitions the notes do not carry), then its notes.
    public var mergedNotes: String {
        map { release in
            let heading = String(repeating: "#", count: release.level) + " " + ReleaseTitleParser.plainText(release.title)
            let notes = release.notes
            return notes.isEmpty ? heading + "\n" : heading + "\n\n" + notes
        }.joined(separator: "\n")
    }
}
