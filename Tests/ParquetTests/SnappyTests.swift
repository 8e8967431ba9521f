import CSnappy
import Testing
@testable import Parquet

/// The reader's own snappy decoder against libsnappy's compressor: every
/// kind of element (short and long literals, copies with 1, 2 and 4 byte
/// offsets, overlapping copies), whole in memory and read a few bytes at a time.
@Suite struct SnappyTests {
    static func compress(_ input: [UInt8]) -> [UInt8] {
        var length = snappy_max_compressed_length(input.count)
        var out = [UInt8](repeating: 0, count: length)
        let status = input.withUnsafeBytes { src in
            out.withUnsafeMutableBytes { dst in
                snappy_compress(src.baseAddress?.assumingMemoryBound(to: CChar.self), src.count,
                                dst.baseAddress?.assumingMemoryBound(to: CChar.self), &length)
            }
        }
        #expect(status == SNAPPY_OK)
        return Array(out.prefix(length))
    }

    /// Text-like runs, noise (long literals, as JPEGs are) and repeats of a byte (overlapping copies).
    static func sample(_ size: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        var out: [UInt8] = []
        out.reserveCapacity(size)
        let words = Array("the quick brown fox jumps over a lazy dog near the red car ".utf8)
        while out.count < size {
            switch next() % 3 {
            case 0: for _ in 0..<(next() % 5000) { out.append(UInt8(truncatingIfNeeded: next())) }
            case 1: let k = Int(next() % UInt64(words.count)); out += words[k...] + words[..<k]
            default: out += repeatElement(UInt8(truncatingIfNeeded: next()), count: Int(next() % 300))
            }
        }
        return Array(out.prefix(size))
    }

    @Test(arguments: [0, 1, 60, 61, 4096, 65_536, 70_000, 300_000, 1_200_000])
    func decodesWhatLibsnappyWrites(_ size: Int) throws {
        let input = Self.sample(size, seed: UInt64(size) + 1)
        let packed = Self.compress(input)
        #expect(try Snappy.decode(packed[...], size: size) == input)
        // Read in pieces of 7 bytes: every element boundary lands somewhere in a piece.
        var reads = 0
        let streamed = try Snappy.decode(count: packed.count, size: size) { offset, destination in
            reads += 1
            for i in 0..<destination.count { destination[i] = packed[offset + i] }
        }
        #expect(streamed == input)
        if size > 200_000 { #expect(reads > 3) }
    }

    @Test func damagedDataIsAnErrorNeverACrash() {
        let input = Self.sample(100_000, seed: 9)
        let packed = Self.compress(input)
        // Cut short, the wrong size, bytes after the end.
        #expect(throws: PageError.self) { try Snappy.decode(packed.dropLast(10), size: input.count) }
        #expect(throws: PageError.self) { try Snappy.decode(packed[...], size: input.count + 1) }
        #expect(throws: PageError.self) { try Snappy.decode((packed + [0, 0])[...], size: input.count) }
        // A copy reaching before the start: length 5, 2-byte offset 9 with 4 bytes written.
        #expect(throws: PageError.self) { try Snappy.decode([9, 0x0C, 1, 2, 3, 4, 0x12, 9, 0][...], size: 9) }
        // Every byte flipped in turn: an error or other bytes, never a crash or a wrong length.
        for at in stride(from: 0, to: packed.count, by: 97) {
            var bad = packed
            bad[at] ^= 0x5A
            if let out = try? Snappy.decode(bad[...], size: input.count) { #expect(out.count == input.count) }
        }
    }
}
