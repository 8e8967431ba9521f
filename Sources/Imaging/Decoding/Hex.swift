/// Hex digits for messages.
func hex<T: BinaryInteger>(_ v: T, digits: Int = 2) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, digits - s.count)) + s
}
