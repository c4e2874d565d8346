import Foundation

/// `IIPEVAL_TRACE=file`: the workbench measures itself for `make bench` — the time from
/// process start to the first frame on screen, each key's time from read to frame
/// presented, and the peak memory — and writes them to `file` when it quits.
final class FrameTrace {
    private let path: String
    private var firstFrameMs: Double?
    private var keyMs: [Double] = []
    /// Named waits for background work: what was waited for, and for how long.
    private var waits: [(String, Double)] = []

    init?(environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard let path = environment["IIPEVAL_TRACE"], !path.isEmpty else { return nil }
        self.path = path
    }

    func firstFrame() {
        firstFrameMs = FrameTrace.millisecondsSinceProcessStart()
    }

    func key(since start: UInt64) {
        keyMs.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
    }

    /// Background work shown on screen (`analysis_ready`), since it was asked for.
    func shown(_ name: String, since start: UInt64) {
        waits.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000))
    }

    func write() {
        var lines = ["first_frame_ms \(firstFrameMs.map { String(format: "%.1f", $0) } ?? "-")"]
        lines += keyMs.map { String(format: "key_ms %.3f", $0) }
        lines += waits.map { String(format: "%@_ms %.1f", $0.0, $0.1) }
        lines.append("peak_rss_kb \(FrameTrace.peakResidentKB() ?? 0)")
        do {
            try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            // Called once the terminal is given back: the benchmark reading it must hear why.
            FileHandle.standardError.write(Data("iipeval: \(path): cannot write the trace: \(error.localizedDescription)\n".utf8))
        }
    }

    /// A file of the kernel's /proc, or nil where there is none (not Linux): then nothing is measured.
    private static func kernelFile(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// From the kernel's record of when this process started (/proc, in clock ticks).
    static func millisecondsSinceProcessStart() -> Double? {
        guard let stat = kernelFile("/proc/self/stat"), let uptime = kernelFile("/proc/uptime"),
              let afterName = stat.range(of: ")", options: .backwards) else { return nil }
        // Fields after the command name start at field 3; starttime is field 22.
        let fields = stat[afterName.upperBound...].split(separator: " ")
        guard fields.count > 19, let ticks = Double(fields[19]),
              let now = Double(uptime.split(separator: " ").first ?? "") else { return nil }
        return (now - ticks / Double(sysconf(Int32(_SC_CLK_TCK)))) * 1000
    }

    /// VmHWM: the most memory this process has held.
    static func peakResidentKB() -> Int? {
        guard let status = kernelFile("/proc/self/status"),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return Int(line.split(separator: " ")[1])
    }
}
