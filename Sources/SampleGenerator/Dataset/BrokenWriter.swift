import Foundation
import Imaging
import SceneData

/// Writes `broken.jsonl`: one line per kind of fault `scenelens validate`
/// finds, each line otherwise a valid copy of a showcase item, `meta.fault`
/// naming its fault.
struct BrokenWriter {
    let seed: UInt64

    /// Writes the file and the corrupt image and NaN-holding map it points to; returns the line count.
    func write(to folder: String, base: ItemRecord) throws -> Int {
        var rng = SplitMix64(seed: seed, stream: 0xB0_0000)
        var lines: [[UInt8]] = []
        func line(_ n: Int, _ fault: String, _ change: (inout ItemRecord) -> Void) -> String {
            var r = base
            r.id = String(format: "broken-%02d", n)
            r.meta = .object([("fault", .string(fault)), ("copied_from", .string(base.id))])
            change(&r)
            var w = JSONWriter()
            ItemEncoder.write(r, to: &w)
            return String(decoding: w.bytes, as: UTF8.self)
        }
        func add(_ s: String) { lines.append(Array(s.utf8)) }

        add(line(1, "json_syntax: the colon after \"chosen\" is missing") { _ in }
            .replacingFirst(",\"chosen\":", with: ",\"chosen\" "))
        add(line(2, "missing_field: no \"question\"") { _ in }
            .replacingFirst(",\"question\":\"\(base.question)\"", with: ""))
        add(line(3, "wrong_type: \"answer\" is a number") { _ in }
            .replacingFirst("\"answer\":\"\(base.answer)\"", with: "\"answer\":\(Int(base.answer) ?? 7)"))
        add(line(4, "duplicate_id: same id as line 3") { $0.id = "broken-03" })
        add(line(5, "unknown_entity: relation to o99") {
            $0.sceneGraph.relations.append(Relation(subject: "o1", predicate: "left of", object: "o99"))
        })
        add(line(6, "critical_unknown_entity: critical names o98") { $0.critical = ($0.critical ?? []) + [.entity("o98")] })
        add(line(7, "edit_unknown_entity: an edit removes o97") {
            if !$0.negatives.isEmpty { $0.negatives[0].edits = [.remove(.entity("o97"))] }
        })
        add(line(8, "box_outside_image: the first object's box ends past the right edge") {
            $0.form = .gqa
            if var b = $0.sceneGraph.entities.first?.box, let width = $0.sceneGraph.width {
                b.x = Double(width - 12); b.w = 60
                $0.sceneGraph.entities[0].box = b
            }
        })
        add(line(9, "attention_shape: 16x16 focus map with 250 values") {
            let values = AttentionMaker.grid(rows: 16, cols: 16, width: 320, height: 240, boxes: [], rng: &rng)
            $0.attention = [ItemRecord.Attention(label: "focus", rows: 16, cols: 16, values: Array(values.prefix(250)))]
        })
        add(line(10, "unknown_operator: \"twist\"") { if !$0.negatives.isEmpty { $0.negatives[0].operatorName = "twist" } })
        add(line(11, "missing_image: images/missing-000.png does not exist") { $0.image = .path("images/missing-000.png") })
        add(line(12, "image_does_not_decode: images/corrupt.png is a truncated PNG") { $0.image = .path("images/corrupt.png") })
        add(line(13, "npy_nan: attn/nan.npy holds a NaN") {
            $0.attention = [ItemRecord.Attention(label: "step", rationale: "chosen", step: 0, path: "attn/nan.npy")]
        })

        try OutputFile.write(corruptPNG(), to: folder + "/images/corrupt.png")
        var grid = AttentionMaker.grid(rows: 16, cols: 16, width: 320, height: 240, boxes: [(40, 60, 50, 50)], rng: &rng)
        grid[3 * 16 + 5] = .nan
        try OutputFile.write(NPYWriter.encode(grid, rows: 16, cols: 16), to: folder + "/attn/nan.npy")
        try OutputFile.write(lines.flatMap { $0 }, to: folder + "/broken.jsonl")
        return lines.count
    }

    /// A PNG whose header is fine but whose image data stops in the middle of the zlib stream.
    private func corruptPNG() -> [UInt8] {
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var ihdr = [UInt8]()
        ihdr.appendBigEndian(320); ihdr.appendBigEndian(240)
        ihdr += [8, 2, 0, 0, 0]
        PNGEncoder.appendChunk("IHDR", ihdr, to: &out)
        PNGEncoder.appendChunk("IDAT", [0x78, 0x9C, 0xED, 0xC1, 0x01, 0x0D, 0x00, 0x00], to: &out)
        PNGEncoder.appendChunk("IEND", [], to: &out)
        return out
    }
}

extension String {
    /// This string with the first occurrence of `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let r = range(of: target) else { return self }
        return replacingCharacters(in: r, with: replacement)
    }
}
