import Foundation
import GRDB

/// A decision's state as the history table keeps it (before and after a change).
struct DecisionState: Codable, Equatable {
    var verdict: String
    var note: String?
    var tags: [String]
    var time: Int64
    var contentHash: String

    enum CodingKeys: String, CodingKey {
        case verdict, note, tags, time
        case contentHash = "content_hash"
    }
}

/// Conversions between `Decision`, database rows and history states.
enum DecisionRow {
    /// Milliseconds since the Unix epoch; what the store keeps, exactly.
    static func millis(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// The date for stored milliseconds.
    static func date(millis: Int64) -> Date {
        Date(timeIntervalSince1970: Double(millis) / 1000)
    }

    /// Now, at the store's precision, so a returned decision equals the one read back.
    static func now() -> Date { date(millis: millis(Date())) }

    static func encodeTags(_ tags: [String]) -> String {
        guard let data = try? JSONEncoder().encode(tags) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Tags from the column; a damaged value reads as no tags rather than failing the whole read.
    static func decodeTags(_ text: String?) -> [String] {
        guard let text, let tags = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else { return [] }
        return tags
    }

    /// A decision from a `decisions` row; nil when the verdict is not one this version knows.
    static func decision(from row: Row) -> Decision? {
        let verdictText: String = row["verdict"] ?? ""
        guard let verdict = Verdict(rawValue: verdictText) else { return nil }
        let ms: Int64 = row["time"] ?? 0
        return Decision(key: NegativeKey(itemID: row["item_id"] ?? "", negativeID: row["negative_id"] ?? ""),
                        annotator: row["annotator"] ?? "", verdict: verdict,
                        note: row["note"], tags: decodeTags(row["tags"]),
                        time: date(millis: ms), contentHash: row["content_hash"] ?? "")
    }

    static func state(of d: Decision) -> DecisionState {
        DecisionState(verdict: d.verdict.rawValue, note: d.note, tags: d.tags,
                      time: millis(d.time), contentHash: d.contentHash)
    }

    static func decision(from state: DecisionState, key: NegativeKey, annotator: String) -> Decision? {
        guard let verdict = Verdict(rawValue: state.verdict) else { return nil }
        return Decision(key: key, annotator: annotator, verdict: verdict, note: state.note, tags: state.tags,
                        time: date(millis: state.time), contentHash: state.contentHash)
    }

    static func encodeState(_ d: Decision?) -> String? {
        guard let d else { return nil }
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        guard let data = try? enc.encode(state(of: d)) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func decodeState(_ text: String?) -> DecisionState? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(DecisionState.self, from: Data(text.utf8))
    }
}
