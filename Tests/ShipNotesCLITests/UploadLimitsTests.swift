import Foundation
import Sandbox
import Testing

/// `shipnotes upload` at the edges: numbers no timeout can be, a build that is not a regular file,
/// and a server that takes its time to answer.
@Suite(.timeLimit(.minutes(2))) struct UploadLimitsTests {
    private let notes = "* Faster sync\n"

    /// Each is refused as bad usage (status 2) with one line naming the flag, before anything is
    /// read or sent; none may trap ("Double value cannot be converted to Int64").
    @Test(arguments: [
        ["--timeout", "inf"], ["--timeout", "nan"], ["--timeout", "1e30"], ["--timeout=-1"], ["--timeout", "0"],
        ["--timeout", "86401"], ["--connect-timeout", "1e300"], ["--connect-timeout", "inf"], ["--connect-timeout", "nan"],
        ["--connect-timeout=-1"], ["--connect-timeout", "0"], ["--connect-timeout=-inf"],
    ])
    func aTimeoutThatIsNoWaitIsBadUsage(timeout: [String]) async throws {
        try await InProcessSandbox.with { sandbox in
            let result = try await sandbox.shipnotes(
                sandbox.uploadArguments(["--notes", notes] + timeout), environment: ["HOCKEYAPP_API_TOKEN": sandbox.token])
            let flag = String(timeout[0].split(separator: "=")[0])
            let message: String = "Error: \(flag) takes a number of seconds above 0 and at most 86400 (a day); got \(Self.shown(timeout))."
            #expect(result.status == 2)
            #expect(result.output.isEmpty)
            #expect(result.errorLines.map(String.init) == [message])
            #expect(!result.error.contains("Fatal error"))
            #expect(!result.error.localizedCaseInsensitiveContains("backtrace"))
            #expect(result.error.split(separator: "\n").count <= 3)
            #expect(await sandbox.uploads.isEmpty)
        }
    }

    /// How the message shows the value: as `%g` prints it.
    private static func shown(_ timeout: [String]) -> String {
        let text = timeout.count > 1 ? timeout[1] : String(timeout[0].split(separator: "=")[1])
        switch text {
        case "1e30": return "1e+30"
        case "1e300": return "1e+300"
        default: return text
        }
    }

    @Test func theLongestAndAFractionalTimeoutAreTaken() async throws {
        try await InProcessSandbox.with { sandbox in
            let result = try await sandbox.shipnotes(
                sandbox.uploadArguments(["--notes", notes, "--timeout", "86400", "--connect-timeout", "0.5"]),
                environment: ["HOCKEYAPP_API_TOKEN": sandbox.token])
            #expect(result.status == 0)
            #expect(await sandbox.storedVersions.count == 1)
        }
    }

    /// A named pipe as the build is refused at once with one error line (opening it would wait for
    /// a writer); the child is killed at the time limit if it hangs.
    @Test(arguments: ["--ipa", "--dsym"])
    func aNamedPipeAsABuildFileIsOneErrorLine(option: String) async throws {
        try await InProcessSandbox.with { sandbox in
            let fifo = sandbox.folder.appendingPathComponent(option == "--ipa" ? "Pipe.ipa" : "Pipe.app.dSYM.zip")
            #expect(mkfifo(fifo.path, 0o600) == 0)
            let arguments = option == "--ipa"
                ? sandbox.uploadArguments(["--notes", notes], build: fifo)
                : sandbox.uploadArguments(["--notes", notes, "--dsym", fifo.path])
            let outcome = try await UploadChildProcess.run(
                arguments, environment: ["HOCKEYAPP_API_TOKEN": sandbox.token], limit: .seconds(20))
            #expect(!outcome.killedAtLimit, "shipnotes upload was still waiting on the named pipe after 20 s")
            #expect(outcome.status == 1)
            #expect(outcome.error == "Error: the build file \(fifo.path) cannot be read: it is a named pipe (FIFO), not a regular file\n")
            #expect(await sandbox.uploads.isEmpty)
        }
    }

    /// While the server holds its answer (the whole build received), the client waits on its socket
    /// instead of polling it: a few seconds of waiting cost next to no CPU. The bound is a quarter of
    /// the wait, far above what waiting costs and far below the whole core a busy loop takes.
    @Test func waitingForALateAnswerCostsAlmostNoCPU() async throws {
        try await InProcessSandbox.with { sandbox in
            let wait = 4.0
            await sandbox.server.inject(.delay(.seconds(wait)))
            let outcome = try await UploadChildProcess.run(
                sandbox.uploadArguments(["--notes", notes]), environment: ["HOCKEYAPP_API_TOKEN": sandbox.token],
                limit: .seconds(60))
            #expect(outcome.status == 0)
            #expect(outcome.output.hasPrefix("Uploaded CLI Test App 3.1.0 (42)"))
            #expect(outcome.cpuSeconds < wait / 4, "shipnotes used \(outcome.cpuSeconds) s of CPU during a \(wait) s wait")
            #expect(await sandbox.storedVersions.count == 1)
        }
    }
}
