import CLITestSupport
import Foundation
import Testing

/// `render` on a file too big to count whole before the first frame: the
/// header gives the exact total when it is known and says "at least" when not.
@Suite struct RenderTotalTests {
    /// 400 items of about 4 KB each: past the size `render` counts up front.
    static func bigDataset() throws -> (dir: URL, path: String) {
        let padding = String(repeating: "x", count: 4000)
        let lines = (0..<400).map { k in
            TerminalOutputCLITests.line(id: "big-\(k)").replacingOccurrences(of: #""evidence":"yes","#,
                                                                             with: #""meta":{"pad":"\#(padding)"},"#)
        }
        let written = try TerminalOutputCLITests.write(lines)
        let size = try FileManager.default.attributesOfItem(atPath: written.path)[.size] as? Int ?? 0
        #expect(size > 1 << 20, "the dataset must be big enough not to be counted up front")
        return written
    }

    func header(_ args: [String]) throws -> String {
        let r = try ScenelensCLI.run(["render"] + args + ["--plain", "--size", "160x10"])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout.split(separator: "\n").first.map(String.init) ?? ""
    }

    @Test func theLastItemGivesTheExactTotal() throws {
        let (dir, path) = try Self.bigDataset(); defer { try? FileManager.default.removeItem(at: dir) }
        let last = try header([path, "--item", "399"])
        #expect(last.contains("item 400 of 400 · id big-399"), "\(last)")
        #expect(!last.contains("+"))
    }

    @Test func anEarlierItemSaysTheTotalIsALowerBound() throws {
        let (dir, path) = try Self.bigDataset(); defer { try? FileManager.default.removeItem(at: dir) }
        let early = try header([path, "--item", "10"])
        #expect(early.contains("item 11 of at least "), "\(early)")
        #expect(!early.contains("+"))
        let bound = early.components(separatedBy: "of at least ").last.flatMap { Int($0.prefix { $0.isNumber }) } ?? 0
        #expect(bound > 11 && bound < 400, "\(early)")
    }

    @Test func keysThatGoToTheEndFindTheRealLastItem() throws {
        let (dir, path) = try Self.bigDataset(); defer { try? FileManager.default.removeItem(at: dir) }
        let end = try header([path, "--item", "10", "--keys", "G"])
        #expect(end.contains("item 400 of 400 · id big-399"), "\(end)")
    }
}
