#if canImport(Glibc)
import Glibc
#endif

/// A broken promise found by a target (beyond a crash): printed and turned
/// into a crash, so libFuzzer keeps the input like any other finding.
func check(_ condition: @autoclosure () -> Bool, _ what: @autoclosure () -> String,
           file: StaticString = #fileID, line: UInt = #line) {
    if condition() { return }
    printError("scenelens-fuzz: \(file):\(line): \(what())")
    abort()
}

/// True when `text` is one line: what every diagnostic must be.
func isOneLine(_ text: String) -> Bool {
    !text.unicodeScalars.contains { $0 == "\n" || $0 == "\r" || $0.value == 0x2028 || $0.value == 0x2029 }
}

/// A line on standard error (unbuffered, so it is out before an abort).
func printError(_ text: String) {
    let bytes = Array((text + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
