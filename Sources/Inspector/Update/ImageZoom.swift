import Analysis
import SceneData
import TerminalUI

/// Zooming into the picture (by hand, to the selected object's box, to the
/// critical elements) and panning it.
enum ImageZoom {
    /// One zoom step of `+` / `-`.
    static let step = 1.5
    /// One pan step, as a part of what is shown.
    static let panStep = 0.25

    static func perform(_ s: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .zoomIn, .zoomOut:
            let v = s.image.viewport ?? .whole
            let next = v.zoomed(by: action == .zoomIn ? step : 1 / step)
            if next == nil && s.image.viewport == nil { s.flash = "the whole image is shown"; return [] }
            if let n = next, n.width == v.width, n.height == v.height { s.flash = "zoomed in as far as it goes"; return [] }
            s.image.viewport = next
        case .zoomToObject:
            guard let id = selectedEntity(s) else {
                s.flash = "no object selected: pick one in the graph pane (2, j/k), then Z"
                return []
            }
            guard let v = around([id], s, subject: s.item?.sceneGraph.entities.first { $0.id == id }.map { "box '\($0.name)'" }) else {
                s.flash = "the selected object has no box on the image"
                return []
            }
            s.image.viewport = v
        case .zoomToCritical:
            guard let item = s.item else { return [] }
            var ids: [String] = []
            for ref in CriticalElements.resolved(for: item) {
                switch ref {
                case .entity(let e): ids.append(e)
                case .attribute(let a): ids.append(a.entity)
                case .relation(let r): ids += [r.subject, r.object]
                }
            }
            guard let v = around(ids, s, subject: "critical elements") else {
                s.flash = "no critical element has a box on the image"
                return []
            }
            s.image.viewport = v
        case .panLeft: pan(&s, dx: -1, dy: 0)
        case .panRight: pan(&s, dx: 1, dy: 0)
        case .panUp: pan(&s, dx: 0, dy: -1)
        case .panDown: pan(&s, dx: 0, dy: 1)
        default: return []
        }
        return InspectorApp.clampAndImage(&s)
    }

    /// Moves a zoomed picture by a pan step in each direction given (-1, 0, 1).
    static func pan(_ s: inout AppState, dx: Int, dy: Int) {
        guard let v = s.image.viewport else { s.flash = "not zoomed in: + or Z first"; return }
        s.image.viewport = v.panned(dx: Double(dx) * panStep, dy: Double(dy) * panStep)
    }

    /// The object of the graph pane's selected row (a relation's subject), whatever has focus.
    static func selectedEntity(_ s: AppState) -> String? {
        let rows = PanesModel.graphRows(s)
        guard s.panes.graphSelection >= 0, s.panes.graphSelection < rows.count else { return nil }
        switch rows[s.panes.graphSelection].kind {
        case .entity(let id): return id
        case .relation(let r): return r.subject
        default: return nil
        }
    }

    /// The part of the image around the boxes of `ids` together, shaped like the image pane.
    static func around(_ ids: [String], _ s: AppState, subject: String?) -> ImageViewport? {
        guard let item = s.item else { return nil }
        let sg = item.sceneGraph
        let boxes = sg.entities.filter { ids.contains($0.id) }.compactMap(\.box)
        guard !boxes.isEmpty else { return nil }
        let x0 = boxes.map(\.x).min() ?? 0, y0 = boxes.map(\.y).min() ?? 0
        let x1 = boxes.map { $0.x + $0.w }.max() ?? 0, y1 = boxes.map { $0.y + $0.h }.max() ?? 0
        let ow = Double(sg.width ?? s.image.loaded?.originalWidth ?? 0), oh = Double(sg.height ?? s.image.loaded?.originalHeight ?? 0)
        let pane = s.layout.imageArea
        let cell = s.image.drawsPixels ? s.image.support.cellSize : CellSize(width: 1, height: 2)
        let aspect = pane.isEmpty ? 0 : Double(pane.width * cell.width) / Double(pane.height * cell.height)
        return ImageViewport.around(x: x0, y: y0, w: x1 - x0, h: y1 - y0, imageWidth: ow, imageHeight: oh,
                                    paneAspect: aspect, subject: subject)
    }
}
