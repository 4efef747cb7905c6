import Foundation

/// The frame every page of the site shares: language, title, the way back to the index, the
/// style sheet (inline, so a page is whole on its own) and the small search script of the index.
///
/// Nothing is fetched from anywhere: no fonts, images, scripts or style sheets by address (the
/// empty `data:` icon keeps a browser from asking the server for `/favicon.ico`). The
/// layout is one column that reflows at any width; wide tables scroll inside their own region,
/// so the page stays usable at 200% zoom and on a phone.
enum SiteLayout {
    struct Frame {
        let texts: SiteTexts
        /// The page's path inside the register's folder, e.g. `reserve/404.html`.
        let path: String
        let registerName: String
        /// Whether a province index sits one folder above the register's folder.
        let inProvince: Bool
    }

    static func page(_ frame: Frame, title: String, body: String, script: String? = nil) -> String {
        let e = HTMLReport.escape
        let root = SitePaths.root(from: frame.path)
        var nav = ""
        if frame.path != SitePaths.index {
            nav += "<a href=\"\(root)\(SitePaths.index)\">\(e(frame.texts.backToIndex))</a>"
        }
        if frame.inProvince {
            nav += (nav.isEmpty ? "" : " · ") + "<a href=\"\(root)../\(SitePaths.index)\">\(e(frame.texts.backToProvince))</a>"
        }
        return """
            <!DOCTYPE html>
            <html lang="\(frame.texts.language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <link rel="icon" href="data:,">
            <title>\(e(title)) · \(e(frame.registerName))</title>
            <style>
            \(style)</style>
            </head>
            <body>
            <a class="skip" href="#main">\(e(frame.texts.skipToContent))</a>
            <header>
            <p class="register">\(e(frame.texts.siteTitle)): \(e(frame.registerName))</p>
            \(nav.isEmpty ? "" : "<nav aria-label=\"\(e(frame.texts.backToIndex))\">\(nav)</nav>")
            </header>
            <main id="main">
            <h1>\(e(title))</h1>
            \(body)</main>
            \(script.map { "<script>\n\($0)\n</script>\n" } ?? "")</body>
            </html>

            """
    }

    /// A table with header cells and a caption, in a region that scrolls sideways when it is too
    /// wide; on a phone's width each row shows as a card, every cell labelled with its column.
    /// `cells` are HTML already escaped, `headers` plain text unless `headerHTML` gives them as HTML;
    /// `numeric` columns are right-aligned.
    static func table(caption: String, headers: [String], rows: [[String]], rowIDs: [String?]? = nil, numeric: Set<Int> = [],
                      rowHeaders: Bool = false, headerHTML: [String]? = nil) -> String {
        let e = HTMLReport.escape
        var html = "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"\(e(caption))\">\n<table class=\"cards\">\n<caption>\(e(caption))</caption>\n<thead><tr>"
        for (i, header) in headers.enumerated() {
            html += "<th scope=\"col\"\(numeric.contains(i) ? " class=\"num\"" : "")>\(headerHTML?[i] ?? e(header))</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for (r, row) in rows.enumerated() {
            let id = rowIDs?[r].map { " id=\"\(e($0))\"" } ?? ""
            html += "<tr\(id)>"
            for (i, cell) in row.enumerated() {
                let cls = (numeric.contains(i) ? " class=\"num\"" : "") + (i < headers.count ? " data-label=\"\(e(headers[i]))\"" : "")
                if i == 0 && rowHeaders { html += "<th scope=\"row\"\(cls)>\(cell)</th>" } else { html += "<td\(cls)>\(cell)</td>" }
            }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>\n</div>\n"
    }

    /// A list of terms and values (`<dl>`); values are HTML already escaped.
    static func facts(_ pairs: [(String, String)]) -> String {
        "<dl class=\"facts\">\n" + pairs.map { "<dt>\(HTMLReport.escape($0.0))</dt><dd>\($0.1)</dd>\n" }.joined() + "</dl>\n"
    }

    // Colours: text #1a1a1a and links #0b4f9c on white, both above 7:1 contrast.
    static let style = """
        :root { color-scheme: light; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1a1a1a; background: #fff; margin: 0 auto; max-width: 72rem; padding: 0 1rem 3rem; line-height: 1.5; font-size: 1rem; }
        a { color: #0b4f9c; }
        a:focus, [tabindex]:focus { outline: 3px solid #b35c00; outline-offset: 2px; }
        .skip { position: absolute; left: -999px; }
        .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: 0.4rem; }
        header { border-bottom: 1px solid #bbb; padding: 0.6rem 0; display: flex; flex-wrap: wrap; gap: 0.3rem 1.5rem; justify-content: space-between; }
        header p { margin: 0; font-weight: 600; }
        h1 { font-size: 1.6rem; line-height: 1.25; margin: 1rem 0 0.5rem; overflow-wrap: anywhere; }
        h2 { font-size: 1.25rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; margin-top: 2rem; }
        .scroll { overflow-x: auto; max-width: 100%; margin: 0.5rem 0 1rem; }
        table { border-collapse: collapse; min-width: 100%; font-size: 0.95rem; }
        caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
        th, td { border: 1px solid #bbb; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
        thead th { background: #eef1f5; }
        tbody th { font-weight: 600; }
        .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        td ul { margin: 0; padding-left: 1.1rem; }
        .none { color: #555; font-style: italic; }
        code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.9em; overflow-wrap: break-word; }
        .hash { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.9em; overflow-wrap: anywhere; }
        dl.facts { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 0.3rem 1rem; }
        dl.facts dt { font-weight: 600; }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        .mark { color: #8a1c1c; font-weight: 600; }
        .bad { color: #8a1c1c; font-weight: 600; }
        .good { color: #1d6b33; font-weight: 600; }
        ul.catalogue { padding-left: 1.2rem; }
        ul.catalogue li { margin: 0.2rem 0; }
        #search label { display: block; font-weight: 600; }
        #search input { font-size: 1rem; padding: 0.4rem; width: min(30rem, 100%); box-sizing: border-box; }
        @media (max-width: 40rem) {
          table.cards, table.cards tbody, table.cards tr, table.cards th, table.cards td { display: block; min-width: 0; }
          table.cards thead { position: absolute; left: -9999px; }
          table.cards tr { border: 1px solid #bbb; margin: 0 0 0.8rem; }
          table.cards th, table.cards td { border: none; border-bottom: 1px solid #e2e2e2; text-align: left; white-space: normal; }
          table.cards [data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
          table.cards td:empty { display: none; }
          dl.facts { grid-template-columns: 1fr; }
          dl.facts dd { margin-bottom: 0.4rem; }
          h1 { font-size: 1.35rem; }
        }
        @media print { .skip, #search, nav { display: none; } }

        """

    /// The index's search: filters the lists of subjects and decisions as one types. The lists
    /// are all on the page without it.
    static func searchScript(noResults: String) -> String {
        """
        (function () {
          var box = document.getElementById('search');
          var input = document.getElementById('search-input');
          var status = document.getElementById('search-status');
          if (!box || !input) { return; }
          box.hidden = false;
          var items = Array.prototype.slice.call(document.querySelectorAll('ul.catalogue li'));
          input.addEventListener('input', function () {
            var q = input.value.trim().toLowerCase();
            var shown = 0;
            items.forEach(function (li) {
              var match = q === '' || li.textContent.toLowerCase().indexOf(q) !== -1;
              li.hidden = !match;
              if (match) { shown += 1; }
            });
            status.textContent = shown === 0 ? \(jsString(noResults)) : '';
          });
        })();
        """
    }

    static func jsString(_ text: String) -> String {
        var out = "'"
        for scalar in text.unicodeScalars {
            switch scalar {
            case "'": out += "\\'"
            case "\\": out += "\\\\"
            case "<": out += "\\x3c"
            default:
                if scalar.value < 0x20 || scalar.value > 0x7E { out += String(format: "\\u%04x", scalar.value > 0xFFFF ? 0xFFFD : scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "'"
    }
}
