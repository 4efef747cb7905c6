/// Places a chart's text labels along one axis so that no two overlap: each label keeps its
/// wanted left edge (moved inside the bounds), and goes to the first row where it clears every
/// label already there by `gap`. Rows are numbered from 0; the chart turns them into heights.
///
/// Widths are estimated from the text (`width(of:fontSize:)`), on the wide side, since a static
/// page cannot measure its font.
enum ReportLabelLayout {
    struct Label: Equatable {
        /// The wanted left edge.
        var x: Double
        var width: Double
    }

    struct Placed: Equatable {
        var x: Double
        var width: Double
        var row: Int
        var right: Double { x + width }
    }

    /// The labels placed, in the order given.
    static func place(_ labels: [Label], from minX: Double, to maxX: Double, gap: Double = 8) -> [Placed] {
        var placed = [Placed?](repeating: nil, count: labels.count)
        var rowEnds: [Double] = []
        let clamped = labels.map { label in
            Placed(x: Swift.max(minX, Swift.min(label.x, maxX - label.width)), width: label.width, row: 0)
        }
        for index in clamped.indices.sorted(by: { (clamped[$0].x, $0) < (clamped[$1].x, $1) }) {
            var label = clamped[index]
            let row = rowEnds.firstIndex { $0 + gap <= label.x } ?? rowEnds.count
            if row == rowEnds.count { rowEnds.append(label.right) } else { rowEnds[row] = label.right }
            label.row = row
            placed[index] = label
        }
        return placed.compactMap { $0 }
    }

    /// A generous width for `text` at `fontSize` pixels: 0.62 em a character.
    static func width(of text: String, fontSize: Double) -> Double {
        Double(text.count) * fontSize * 0.62
    }

    /// Whether any two labels in the same row come closer than `gap`.
    static func overlaps(_ labels: [Placed], gap: Double = 8) -> Bool {
        for (i, a) in labels.enumerated() {
            for b in labels[(i + 1)...] where a.row == b.row {
                if a.x < b.right + gap && b.x < a.right + gap { return true }
            }
        }
        return false
    }
}
