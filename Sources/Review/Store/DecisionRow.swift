import Foundation
import GRDB

/// A decision's state as the history log keeps it (before and after a change).
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

/// How every store writes a decision's tags and its logged states as text,
/// so that `store copy` moves them between stores unchanged.
public enum DecisionCoding {
    /// Tags as a JSON array.
    public static func encodeTags(_ tags: [String]) -> String {
        guard let data = try? JSONEncoder().encode(tags) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Tags from the column; a damaged value reads as no tags rather than failing the whole read.
    public static func decodeTags(_ text: String?) -> [String] {
        guard let text, let tags = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else { return [] }
        return tags
    }

    /// A logged state as JSON (nil: no decision).
    public static func encodeState(_ d: Decision?) -> String? {
        guard let d else { return nil }
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        let state = DecisionState(verdict: d.verdict.rawValue, note: d.note, tags: d.tags,
                                  time: DecisionChanges.millis(d.time), contentHash: d.contentHash)
        guard let data = try? enc.encode(state) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The decision a logged state describes; nil for no decision, a damaged state or an unknown verdict.
    public static func decodeState(_ text: String?, key: NegativeKey, annotator: String) -> Decision? {
        guard let text, let state = try? JSONDecoder().decode(DecisionState.self, from: Data(text.utf8)),
              let verdict = Verdict(rawValue: state.verdict) else { return nil }
        return Decision(key: key, annotator: annotator, verdict: verdict, note: state.note, tags: state.tags,
                        time: DecisionChanges.date(millis: state.time), contentHash: state.contentHash)
    }

    /// A decision from its columns; nil when the verdict is not one this version knows.
    public static func decision(itemID: String, negativeID: String, annotator: String, verdict: String,
                                note: String?, tags: String?, millis: Int64, contentHash: String) -> Decision? {
        guard let verdict = Verdict(rawValue: verdict) else { return nil }
        return Decision(key: NegativeKey(itemID: itemID, negativeID: negativeID), annotator: annotator, verdict: verdict,
                        note: note, tags: decodeTags(tags), time: DecisionChanges.date(millis: millis), contentHash: contentHash)
    }
}

/// Decisions from SQLite rows.
enum DecisionRow {
    /// A decision from a `decisions` row; nil when the verdict is not one this version knows.
    static func decision(from row: Row) -> Decision? {
        DecisionCoding.decision(itemID: row["item_id"] ?? "", negativeID: row["negative_id"] ?? "",
                                annotator: row["annotator"] ?? "", verdict: row["verdict"] ?? "",
                                note: row["note"], tags: row["tags"], millis: row["time"] ?? 0,
                                contentHash: row["content_hash"] ?? "")
    }
}
