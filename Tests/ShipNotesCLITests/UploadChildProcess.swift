import Foundation
import Synchronization

/// Runs the built `shipnotes` as a child of its own, for what ``ShipNotesProcess`` cannot tell: the
/// CPU time the child used (from `wait4`), and an end for a child that hangs (it is killed after a
/// time limit, so a test of a hang fails instead of waiting forever).
enum UploadChildProcess {
    struct Outcome {
        /// The exit status, or nil when the child was killed at the time limit or by a signal.
        var status: Int32?
        /// The signal that ended the child, if one did.
        var signal: Int32?
        var killedAtLimit: Bool
        var output: String
        var error: String
        /// User plus system CPU time of the child, in seconds.
        var cpuSeconds: Double
    }

    /// Runs `shipnotes` with `arguments` and `environment` (on top of the test runner's, without a
    /// token), killing it when it has not ended within `limit`.
    static func run(_ arguments: [String], environment: [String: String] = [:], limit: Duration) async throws -> Outcome {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("shipnotes-child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outputPath = scratch.appendingPathComponent("stdout").path
        let errorPath = scratch.appendingPathComponent("stderr").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let executable = ShipNotesProcess.executable.path
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = ShipNotesProcess.childEnvironment(environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }

        let (status, usage, killed) = await wait(for: pid, limit: limit)
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let error = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        let exited = status & 0x7f == 0
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return Outcome(
            status: exited && !killed ? (status >> 8) & 0xff : nil, signal: exited ? nil : status & 0x7f,
            killedAtLimit: killed, output: output, error: error, cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime))
    }

    /// Waits for the child on threads of its own (blocking waits stay off the concurrency pool) and
    /// kills it at `limit`. The child is reaped only after the killer can no longer act, so the
    /// signal can never reach another process that reused the id.
    private static func wait(for pid: pid_t, limit: Duration) async -> (status: Int32, usage: rusage, killed: Bool) {
        struct State {
            var ended = false
            var killed = false
        }
        let state = Mutex(State())
        Thread {
            let deadline = ContinuousClock.now + limit
            while ContinuousClock.now < deadline, !state.withLock({ $0.ended }) { usleep(20_000) }
            state.withLock { state in
                guard !state.ended else { return }
                state.killed = true
                kill(pid, SIGKILL)
            }
        }.start()
        return await withCheckedContinuation { continuation in
            Thread {
                var info = siginfo_t()
                // WNOWAIT leaves the child a zombie: its id stays taken while the killer may still run.
                while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0, errno == EINTR {}
                let killed = state.withLock { state in
                    state.ended = true
                    return state.killed
                }
                var status: Int32 = 0
                var usage = rusage()
                while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
                continuation.resume(returning: (status, usage, killed))
            }.start()
        }
    }
}
