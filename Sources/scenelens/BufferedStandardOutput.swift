import Foundation

/// Standard output in 64 KiB writes: a report on a 200k-item dataset is many
/// lines, and a write per line would dominate the run.
struct BufferedStandardOutput {
    private var buffer: [UInt8] = []
    /// Text lines for a terminal go through `TerminalText.safe`; JSON lines must not.
    private let sanitizing: Bool

    /// An output that sanitises each line unless it carries JSON (`sanitizing: false`).
    init(sanitizing: Bool) { self.sanitizing = sanitizing }

    /// Appends `line` and a newline, writing out when the buffer is full.
    mutating func write(_ line: String) {
        buffer.append(contentsOf: (sanitizing ? TerminalText.safe(line) : line).utf8)
        buffer.append(0x0A)
        if buffer.count > 1 << 16 { flush() }
    }

    /// Writes out whatever is buffered.
    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
