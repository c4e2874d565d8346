import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs another program: `posix_spawn`, then `waitpid` on exactly that child.
///
/// Foundation's `Process.waitUntilExit` learns of a child's end through a SIGCHLD
/// source, and on Linux it can miss it: a test starting the tmux server waited forever
/// in CI on a client that had long exited. Waiting on the pid itself cannot miss it, and
/// a deadline turns a stuck child into a result instead of a hang.
public enum ChildProcess {
    public struct Outcome: Sendable {
        /// The exit status, or 128 + the signal that ended the child.
        public let status: Int32
        public let output: Data
        public let errors: Data
        /// True when the deadline passed and the child was killed.
        public let timedOut: Bool
        /// The most memory the child held (its maximum resident set), in KiB.
        public let peakResidentKB: Int

        public var outputText: String { String(decoding: output, as: UTF8.self) }
        public var errorText: String { String(decoding: errors, as: UTF8.self) }
    }

    public enum Failure: Error, CustomStringConvertible {
        case cannotStart(program: String, errno: Int32)

        public var description: String {
            switch self {
            case let .cannotStart(program, code): "cannot start \(program): \(String(cString: strerror(code)))"
            }
        }
    }

    /// Runs `arguments[0]` (looked up in PATH) with standard input from /dev/null and
    /// both outputs collected. Descriptors other than 0–2 are closed in the child, so a
    /// daemon it starts (a tmux server) cannot hold our pipes open.
    public static func capture(_ arguments: [String], environment: [String: String]? = nil,
                               timeout: TimeInterval = 120) throws -> Outcome {
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        guard pipe(&outPipe) == 0 else { throw Failure.cannotStart(program: arguments[0], errno: errno) }
        guard pipe(&errPipe) == 0 else {
            let code = errno
            close(outPipe[0]); close(outPipe[1])
            throw Failure.cannotStart(program: arguments[0], errno: code)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        for fd in outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        // Every other descriptor open now; one that closes meanwhile is skipped by glibc.
        for fd in openDescriptors() where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }

        let spawned = spawn(arguments, environment: environment, actions: &actions)
        close(outPipe[1])
        close(errPipe[1])
        defer { close(outPipe[0]); close(errPipe[0]) }
        switch spawned {
        case let .failure(error): throw error
        case let .success(pid): return collect(pid: pid, out: outPipe[0], err: errPipe[0], deadline: Date().addingTimeInterval(timeout))
        }
    }

    /// Runs `arguments[0]` on the caller's own terminal and waits for it without limit
    /// (an editor the user is typing in). Returns the exit status.
    public static func runInTerminal(_ arguments: [String]) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        switch spawn(arguments, environment: nil, actions: &actions) {
        case let .failure(error): throw error
        case let .success(pid): return waitForExit(pid).status
        }
    }

    // MARK: - The parts

    private static func spawn(_ arguments: [String], environment: [String: String]?,
                              actions: inout posix_spawn_file_actions_t) -> Result<pid_t, Failure> {
        let environment = environment ?? ProcessInfo.processInfo.environment
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        // The child starts with no blocked signals and SIGPIPE back at its default.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var pid: pid_t = 0
        let code = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        return code == 0 ? .success(pid) : .failure(.cannotStart(program: arguments[0], errno: code))
    }

    /// Reads both pipes until they close and the child has exited, or until the deadline,
    /// when the child is killed. A child that exits while something it started still holds
    /// a pipe gets a short grace period, then its output is taken as it stands.
    private static func collect(pid: pid_t, out: Int32, err: Int32, deadline: Date) -> Outcome {
        var output = Data()
        var errors = Data()
        var open: [Int32: Bool] = [out: true, err: true]
        var status: Int32?
        var peakKB = 0
        var exitedAt: Date?
        var buffer = [UInt8](repeating: 0, count: 65_536)

        while open.values.contains(true) || status == nil {
            if Date() >= deadline {
                kill(pid, SIGKILL)
                let ended = waitForExit(pid)
                return Outcome(status: 128 + SIGKILL, output: output, errors: errors, timedOut: true, peakResidentKB: ended.peakKB)
            }
            if status == nil, let ended = reap(pid, block: false) {
                status = ended.status
                peakKB = ended.peakKB
                exitedAt = Date()
            }
            if let exitedAt, Date().timeIntervalSince(exitedAt) > 2 { break }
            var fds = open.filter(\.value).map { pollfd(fd: $0.key, events: Int16(POLLIN), revents: 0) }
            if fds.isEmpty {
                usleep(10_000)
                continue
            }
            guard poll(&fds, nfds_t(fds.count), 50) > 0 else { continue }
            for entry in fds where entry.revents != 0 {
                let count = read(entry.fd, &buffer, buffer.count)
                if count > 0 {
                    if entry.fd == out { output.append(buffer, count: count) } else { errors.append(buffer, count: count) }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    open[entry.fd] = false
                }
            }
        }
        let ended = status.map { (status: $0, peakKB: peakKB) } ?? waitForExit(pid)
        return Outcome(status: ended.status, output: output, errors: errors, timedOut: false, peakResidentKB: ended.peakKB)
    }

    private static func openDescriptors() -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return names.compactMap { Int32($0) }
    }

    private static func waitForExit(_ pid: pid_t) -> (status: Int32, peakKB: Int) {
        while true {
            if let ended = reap(pid, block: true) { return ended }
        }
    }

    /// The child's status and peak memory once it has ended; nil while it runs (or on EINTR).
    private static func reap(_ pid: pid_t, block: Bool) -> (status: Int32, peakKB: Int)? {
        var raw: Int32 = 0
        var usage = rusage()
        let result = wait4(pid, &raw, block ? 0 : WNOHANG, &usage)
        if result == pid {
            let signal = raw & 0x7f
            return (signal == 0 ? (raw >> 8) & 0xff : 128 + signal, Int(usage.ru_maxrss))
        }
        if result == -1 && errno == ECHILD { return (127, 0) }  // already reaped elsewhere
        return nil
    }
}
