import Foundation
import Review
import ReviewPostgres
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
    /// `PostgresReviewStore` on the server `SCENELENS_TEST_PG` names, each test in a project of its own.
    case postgresql

    var description: String { rawValue }

    /// The test server's URL (`SCENELENS_TEST_PG`); `.ci/run` starts one on loopback and sets it.
    static var testServer: String? {
        ProcessInfo.processInfo.environment["SCENELENS_TEST_PG"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Every backend this run can reach: PostgreSQL only when a test server is given.
    static var available: [Backend] { testServer == nil ? [.memory, .sqlite] : allCases }

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
        case .postgresql:
            guard let url = Self.testServer else { throw NoTestServer() }
            let project = "contract-\(UUID().uuidString)"
            return StoreHarness(open: { try PostgresReviewStore(url: url, project: project, annotator: $0) })
        }
    }
}

/// `SCENELENS_TEST_PG` is not set.
struct NoTestServer: Error, CustomStringConvertible {
    var description: String { "SCENELENS_TEST_PG is not set; .ci/run starts a PostgreSQL server and sets it" }
}
