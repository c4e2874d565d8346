import Foundation

/// `IIPEVAL_TRACE=file`: the workbench measures itself for `make bench` — the time from
/// process start to the first frame on screen, each key's time from read to frame
/// presented, and the peak memory — and writes them to `file` when it quits.
final class FrameTrace {
    private let path: String
    private var firstFrameMs: Double?
    private var keyMs: [Double] = []

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

    func write() {
        var lines = ["first_frame_ms \(firstFrameMs.map { String(format: "%.1f", $0) } ?? "-")"]
        lines += keyMs.map { String(format: "key_ms %.3f", $0) }
        lines.append("peak_rss_kb \(FrameTrace.peakResidentKB() ?? 0)")
        try? (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// From the kernel's record of when this process started (/proc, in clock ticks).
    static func millisecondsSinceProcessStart() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let uptime = try? String(contentsOfFile: "/proc/uptime", encoding: .utf8),
              let afterName = stat.range(of: ")", options: .backwards) else { return nil }
        // Fields after the command name start at field 3; starttime is field 22.
        let fields = stat[afterName.upperBound...].split(separator: " ")
        guard fields.count > 19, let ticks = Double(fields[19]),
              let now = Double(uptime.split(separator: " ").first ?? "") else { return nil }
        return (now - ticks / Double(sysconf(Int32(_SC_CLK_TCK)))) * 1000
    }

    /// VmHWM: the most memory this process has held.
    static func peakResidentKB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return Int(line.split(separator: " ")[1])
    }
}
