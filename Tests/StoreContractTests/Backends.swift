import Foundation
import Review
import StoreTestSupport

/// One place where a store lives, opened as often as a test needs: every
/// `open` is a new connection (a new `SQLiteReviewStore` on the same file, a
/// new `MemoryStore` on the same storage), as a restart or a second annotator
/// would make.
final class StoreHarness: @unchecked Sendable {
    typealias Store = any DecisionStore & AllDecisionsSource
    private let opener: (String) throws -> Store
    private let cleanup: () -> Void

    init(open: @escaping (String) throws -> Store, cleanup: @escaping () -> Void = {}) {
        opener = open; self.cleanup = cleanup
    }

    /// A new connection for `annotator`.
    func open(_ annotator: String) throws -> Store { try opener(annotator) }

    deinit { cleanup() }
}

/// The stores the contract suite runs against.
enum Backend: String, CaseIterable, Sendable, CustomStringConvertible {
    /// `MemoryStore`, the Inspector tests' stand-in.
    case memory
    /// `SQLiteReviewStore` on a file in a temporary folder.
    case sqlite

    var description: String { rawValue }

    /// Every backend this run can reach.
    static var available: [Backend] { allCases }

    /// A fresh, empty store of this kind.
    func harness() throws -> StoreHarness {
        switch self {
        case .memory:
            let storage = MemoryStore.Storage()
            return StoreHarness(open: { MemoryStore(annotator: $0, storage: storage) })
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory
                .appendingPathComponent("scenelens-contract-\(UUID().uuidString)", isDirectory: true)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let path = dir.appendingPathComponent("contract.review.sqlite").path
            return StoreHarness(open: { try SQLiteReviewStore(path: path, annotator: $0) },
                                cleanup: { try? FileManager.default.removeItem(at: dir) })
        }
    }
}
