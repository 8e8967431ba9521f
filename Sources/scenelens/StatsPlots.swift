import Analysis
import Foundation
import Imaging
import Review
import SceneData
import TerminalUI

/// `stats --plot DIR`: the figures people would rather look at than read, as
/// PNG files made by the project's own encoder.
enum StatsPlots {
    /// Writes j.png, acceptance.png, calibration.png and progress.png into
    /// `dir` (created if missing) and returns their paths.
    static func write(to dir: String, items: some ReviewItemSource, report: StatsReport, calibration: CalibrationReport,
                      decisions: [String: [Decision]], band: ClosedRange<Double> = 0.3...0.7) throws -> [String] {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var written: [String] = []
        for (name, chart) in charts(items: items, report: report, calibration: calibration, decisions: decisions, band: band) {
            let path = (dir as NSString).appendingPathComponent(name)
            try Data(PNGEncoder.encode(chart.render(), dropAlpha: true)).write(to: URL(fileURLWithPath: path), options: .atomic)
            written.append(path)
        }
        return written
    }

    /// The four figures, named as their PNG files: what `--plot` writes and `--charts` prints.
    /// The figures for a terminal (`stats --charts`): J and acceptance as
    /// bars; the reliability diagram and progress over time as braille plots
    /// (points against the diagonal, a curve of decisions), where the shape is
    /// the point. Without Unicode, `#` bars and `*` dots.
    static func chartsText(items: some ReviewItemSource, report: StatsReport, calibration: CalibrationReport,
                           decisions: [String: [Decision]], width: Int = 72, unicode: Bool) -> String {
        let bars = charts(items: items, report: report, calibration: calibration, decisions: decisions)
        var out = bars.map { $0.1.text(width: width, unicode: unicode) }
        let points = calibration.bins.compactMap { b in b.meanConfidence.flatMap { c in b.agreement.map { (x: c, y: $0) } } }
        if let k = bars.firstIndex(where: { $0.0 == "calibration.png" }), !points.isEmpty {
            let ece = calibration.expectedCalibrationError.map { String(format: "%.3f", $0) } ?? "-"
            out[k] = LinePlot(title: bars[k].1.title + " (agreement against confidence)",
                              note: "each bin at its mean confidence; dotted: perfect calibration; ece \(ece)",
                              series: [.init(points: points, joined: true)], x: 0...1, y: 0...1,
                              xLabels: ("confidence 0", "1"), diagonal: true).text(width: width, unicode: unicode)
        }
        let times = decisions.values.joined().map(\.time).sorted()
        if let k = bars.firstIndex(where: { $0.0 == "progress.png" }), let first = times.first, let last = times.last, last > first {
            let day = DateFormatter()
            day.locale = Locale(identifier: "en_US_POSIX"); day.timeZone = TimeZone(identifier: "UTC"); day.dateFormat = "MM-dd HH:mm"
            let curve = times.enumerated().map { (x: $0.element.timeIntervalSince(first), y: Double($0.offset + 1)) }
            out[k] = LinePlot(title: "Decisions over time (UTC)", note: bars[k].1.note,
                              series: [.init(points: curve, joined: true)], x: 0...last.timeIntervalSince(first),
                              y: 0...Double(times.count), xLabels: (day.string(from: first), day.string(from: last)))
                .text(width: width, unicode: unicode)
        }
        return out.joined(separator: "\n")
    }

    static func charts(items: some ReviewItemSource, report: StatsReport, calibration: CalibrationReport,
                       decisions: [String: [Decision]], band: ClosedRange<Double> = 0.3...0.7) -> [(String, BarChart)] {
        var charts: [(String, BarChart)] = []

        // J in tenths, the kept band highlighted.
        var tenths = [Int](repeating: 0, count: 10)
        var measured = 0
        for i in 0..<items.itemCount {
            guard let item = items.reviewItem(at: i) else { continue }
            for n in item.negatives {
                guard let j = Overlap.measure(negative: n, item: item)?.value, j.isFinite else { continue }
                tenths[EqualBins.tenths.index(j)] += 1
                measured += 1
            }
        }
        charts.append(("j.png", BarChart(
            title: "Overlap J of \(measured) negatives",
            bars: tenths.enumerated().map { k, n in
                let lo = Double(k) / 10
                return BarChart.Bar(label: String(format: "%.1f", lo), value: Double(n),
                                    highlighted: lo >= band.lowerBound - 1e-9 && lo + 0.1 <= band.upperBound + 1e-9)
            },
            note: measured == 0 ? "no negative has SG- or edits to measure"
                : String(format: "J(SG-, SG+) - the kept band %.1f to %.1f highlighted", band.lowerBound, band.upperBound))))

        // Acceptance rate per operator.
        let ops = report.byOperator.keys.sorted(by: PairText.operatorOrder)
        charts.append(("acceptance.png", BarChart(
            title: "Acceptance per operator",
            bars: ops.map { BarChart.Bar(label: $0, value: report.byOperator[$0]?.acceptanceRate) },
            top: 1, note: "accept / (accept + reject), skips left out")))

        // Reliability diagram.
        charts.append(("calibration.png", BarChart(
            title: "Judge calibration: \(calibration.pairs.count) pairs",
            bars: calibration.bins.map { BarChart.Bar(label: String(format: "%.1f", $0.lower), value: $0.agreement, marker: $0.meanConfidence) },
            top: 1, diagonal: true,
            note: "bars: agreement, ticks: mean confidence, diagonal: perfect, ece " + (calibration.expectedCalibrationError.map { String(format: "%.3f", $0) } ?? "-"))))

        // Decisions per day, with the rate and what is left.
        let times = decisions.values.joined().map(\.time).sorted()
        var perDay: [(String, Int)] = []
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_US_POSIX"); day.timeZone = TimeZone(identifier: "UTC"); day.dateFormat = "MM-dd"
        for t in times {
            let label = day.string(from: t)
            if perDay.last?.0 == label { perDay[perDay.count - 1].1 += 1 } else { perDay.append((label, 1)) }
        }
        let rate = perDay.isEmpty ? 0 : Double(times.count) / Double(perDay.count)
        let left = report.overall.undecided
        let eta = rate > 0 ? String(format: "about %.0f days left at %.0f a day", Double(left) / rate, rate) : "no rate yet"
        charts.append(("progress.png", BarChart(
            title: "Decisions per day (UTC)",
            bars: perDay.suffix(30).map { BarChart.Bar(label: $0.0, value: Double($0.1)) },
            note: "\(left) undecided, \(eta)")))
        return charts
    }
}
