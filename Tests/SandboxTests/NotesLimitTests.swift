import Foundation
import HockeyApp
import Testing
import Sandbox

/// The server keeps the first 5,000 Unicode code points of notes (Ruby's `String#length`); the
/// client's clipping and the sandbox's truncation must count the same way, which differs from
/// counting characters (grapheme clusters) as soon as one is made of several code points.
@Suite struct NotesLimitTests {
    /// Characters of one to seven code points: a letter, a letter with a combining mark, a flag,
    /// a ZWJ flag sequence and a ZWJ family.
    static let units = ["ж", "e\u{301}", "🇫🇷", "🏳️‍🌈", "👨‍👩‍👧‍👦"]
    /// Lengths in code points just under, at and across the limit.
    static let lengths = [4_999, 5_000, 5_001, 6_003]

    /// `unit` repeated, then padded with "x", to exactly `length` code points.
    static func notes(of unit: String, length: Int) -> String {
        let size = unit.unicodeScalars.count
        return String(repeating: unit, count: length / size) + String(repeating: "x", count: length % size)
    }

    /// The first `count` code points of `text`, cut wherever that falls, spelled out by hand.
    static func firstScalars(_ text: String, _ count: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: text.unicodeScalars.prefix(count))
        return String(view)
    }

    @Test(arguments: units, lengths)
    func theSandboxKeepsTheFirstFiveThousandCodePoints(unit: String, length: Int) async throws {
        let notes = Self.notes(of: unit, length: length)
        try await SandboxHarness.run { sandbox async throws in
            var form = MultipartForm()
            form.addFile("ipa", try sandbox.sampleBuild(bundleVersion: "1"))
            form.add("notes", notes)
            form.add("notes_type", "1")
            #expect(try await sandbox.upload(form).status == 201)
            let stored = try #require(await sandbox.server.storedVersions(appID: sandbox.appID).first)
            #expect(stored.notesSource.unicodeScalars.count == min(length, 5_000))
            #expect(stored.notesSource.unicodeScalars.elementsEqual(Self.firstScalars(notes, 5_000).unicodeScalars))
        }
    }

    @Test(arguments: units, lengths)
    func theClientClipsToTheCodePointsTheSandboxKeeps(unit: String, length: Int) async throws {
        let notes = Self.notes(of: unit, length: length)
        #expect(NotesClipper.length(of: notes) == length)
        let clipped = NotesClipper.clip(notes)
        if length <= NotesClipper.serverLimit {
            #expect(clipped.unicodeScalars.elementsEqual(notes.unicodeScalars))
        } else {
            #expect(NotesClipper.length(of: clipped) <= NotesClipper.serverLimit)
            // Clipping cuts between characters, never inside one, and marks the cut.
            #expect(clipped.hasSuffix("…"))
            #expect(notes.hasPrefix(String(clipped.dropLast())))
        }
        // What the client sends after clipping, the sandbox keeps whole.
        try await SandboxHarness.run { sandbox async throws in
            var form = MultipartForm()
            form.addFile("ipa", try sandbox.sampleBuild(bundleVersion: "1"))
            form.add("notes", clipped)
            #expect(try await sandbox.upload(form).status == 201)
            let stored = try #require(await sandbox.server.storedVersions(appID: sandbox.appID).first)
            #expect(stored.notesSource.unicodeScalars.elementsEqual(clipped.unicodeScalars))
        }
    }
}
