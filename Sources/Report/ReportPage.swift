import Charts
import Foundation
import MNIST

/// The report's `index.html`: one self-contained page (inline CSS and SVG, no scripts, no
/// network) that links the PNG figures beside it.
struct ReportPage {
    let contents: ReportContents
    /// The SVG documents drawn inline, keyed by their file name.
    let lossChart: String?
    let accuracyChart: String?
    let confusionChart: String
    let mistakes: Gallery?
    let weights: Gallery
    let samples: Gallery
    /// Every other file of the report, for the list at the end.
    let files: [String]

    var html: String {
        let accuracy = Format.percent(contents.testAccuracy)
        let predictions = contents.testPredictions
        let mistakeCount = (0..<predictions.count).filter { !predictions.isCorrect(example: $0) }.count
        let noun = contents.dataSet.classNoun
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(contents.title)) · test accuracy \(accuracy)</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <main>
            <header><h1>\(e(contents.title))</h1><p class="subtitle">\(e(contents.subtitle))</p></header>

            """
        page += cards()
        if let lossChart, let accuracyChart {
            page += section(
                "Learning curves",
                note:
                    "Training loss and accuracy are means over each epoch’s batches, drawn at the middle of the epoch; validation is measured on held-out images after each epoch. The thin line is the loss of every training batch. Hover over a point for its value.",
                body:
                    "<div class=\"row\">\(figure(lossChart, file: "loss.svg", fills: true))\(figure(accuracyChart, file: "accuracy.svg", fills: true))</div>"
            )
        }
        page += section(
            "Confusion matrix",
            note:
                "Each row is a true \(noun), each column the \(noun) the network predicted, so the diagonal holds the correct answers and every other cell a kind of mistake. Shading follows the logarithm of the count, so that single mistakes still show.",
            body: "<div class=\"row\">\(figure(confusionChart, file: "confusion.svg"))\(classTable())</div>")
        if let mistakes {
            page += section(
                "Most confident mistakes",
                note:
                    "\(mistakes.tiles.count == mistakeCount ? "All \(mistakeCount) misclassified test images" : "The \(mistakes.tiles.count) of the \(Format.grouped(mistakeCount)) misclassified test images the network was surest about"), surest first. Caption: true \(noun) → predicted \(noun), and the probability the network gave its prediction; hover for the probability of the true \(noun).",
                body: gallery(mistakes))
        } else {
            page += section("Mistakes", note: "The network classified every test image correctly.", body: "")
        }
        if contents.map != nil {
            let (things, yours) = contents.dataSet.isDigits ? ("Digits", "your digit") : ("Classes", "your image")
            page += section(
                "Where the test \(contents.dataSet.isDigits ? "digits" : "images") land",
                note:
                    "Each dot is one of the test images, in the colour of its true \(noun), placed by what the last hidden layer made of it: its activations projected on their two principal axes, the directions in which they vary most. \(things) the network finds alike sit together; a ring marks an image it got wrong. The page of `mnist serve` draws the same map and places \(yours) on it.",
                body:
                    "<figure class=\"chart\"><img src=\"map.svg\" width=\"\(Markup.number(DigitMapChart.width))\" alt=\"the test images on the two principal axes of the last hidden layer\"><figcaption><a href=\"map.svg\">map.svg</a></figcaption></figure>"
            )
        }
        page += section(
            "What the first layer learned",
            note:
                "The incoming weights of \(weights.tiles.count == contents.firstLayer.rows ? "all \(weights.tiles.count)" : "the first \(weights.tiles.count) of \(contents.firstLayer.rows)") first-layer units, each drawn as a \(contents.testImages.height)×\(contents.testImages.width) image: red where ink raises the unit’s input, blue where it lowers it, white where the pixel does not matter. Each tile is scaled to its own largest weight; units are numbered from 1, as on the page of `mnist serve`.",
            body: "<div class=\"legend\">\(ColorLegend.weights.svg())</div>" + gallery(weights))
        page += section(
            "Correct answers, by class",
            note: "The first correctly classified test images of each \(noun).",
            body: gallery(samples))
        page += section("The run", note: "", body: "<div class=\"row\">\(settingsTable())\(epochTable())</div>")
        page += section(
            "Files", note: "Everything on this page is also in this folder:",
            body: "<p class=\"files\">" + files.map { "<a href=\"\(e($0))\">\(e($0))</a>" }.joined(separator: " · ")
                + "</p>")
        page += "</main>\n</body>\n</html>\n"
        return page
    }

    // MARK: Pieces

    private func cards() -> String {
        var cards = [
            (
                Format.percent(contents.testAccuracy),
                "test accuracy, \(Format.grouped(contents.testPredictions.count)) images"
            )
        ]
        if let history = contents.history, let last = history.epochs.last {
            if let validation = last.validationAccuracy {
                cards.append((Format.percent(validation), "validation accuracy, last epoch"))
            }
            cards.append((Format.percent(last.trainingAccuracy), "training accuracy, last epoch"))
            cards.append((Format.fixed(history.meanSecondsPerEpoch, 2) + " s", "per epoch of training"))
            cards.append((Format.grouped(Int(history.meanSamplesPerSecond.rounded())), "training samples per second"))
        }
        let items = cards.map {
            "<div class=\"card\"><div class=\"value\">\(e($0.0))</div><div class=\"label\">\(e($0.1))</div></div>"
        }
        return "<div class=\"cards\">\(items.joined())</div>\n"
    }

    private func section(_ title: String, note: String, body: String) -> String {
        "<section>\n<h2>\(e(title))</h2>\n" + (note.isEmpty ? "" : "<p class=\"note\">\(e(note))</p>\n") + body
            + "\n</section>\n"
    }

    /// An inline chart with a link to its file; `fills` lets it grow to share the row's width.
    private func figure(_ svg: String, file: String, fills: Bool = false) -> String {
        "<figure class=\"chart\(fills ? " fills" : "")\">\(svg)<figcaption><a href=\"\(file)\">\(file)</a></figcaption></figure>"
    }

    /// The tiles of a gallery as CSS sprites of its PNG, so each can carry its caption as text.
    private func gallery(_ gallery: Gallery) -> String {
        let sheet = gallery.sheet
        let scale = gallery.displayScale
        func px(_ value: Int) -> String { Markup.number(Double(value) * scale) + "px" }
        func tile(_ tile: Gallery.Tile) -> String {
            let (x, y) = sheet.origin(of: tile.index)
            let caption = tile.caption.map { "<figcaption>\(e($0))</figcaption>" } ?? ""
            return
                "<figure class=\"tile\" title=\"\(e(tile.tooltip))\"><span class=\"sprite\" style=\"background-position:-\(px(x)) -\(px(y))\"></span>\(caption)</figure>"
        }
        let style =
            "--tile:\(px(sheet.tilePixels));--sheet:url(\(gallery.fileName));--sheet-size:\(px(sheet.image.width)) \(px(sheet.image.height))"
        let link = "<p class=\"file\"><a href=\"\(gallery.fileName)\">\(gallery.fileName)</a></p>"
        guard let rowLabels = gallery.rowLabels else {
            return "<div class=\"gallery\" style=\"\(style)\">\(gallery.tiles.map(tile).joined())</div>\(link)"
        }
        let byIndex = Dictionary(gallery.tiles.map { ($0.index, $0) }) { first, _ in first }
        var cells = ""
        for (row, label) in rowLabels.enumerated() {
            cells += "<div class=\"row-label\">\(e(label))</div>"
            for column in 0..<sheet.columns {
                cells += byIndex[row * sheet.columns + column].map(tile) ?? "<span class=\"empty\"></span>"
            }
        }
        return "<div class=\"grid\" style=\"\(style);--columns:\(sheet.columns)\">\(cells)</div>\(link)"
    }

    /// Per-class accuracy and each class's most common confusion.
    private func classTable() -> String {
        let confusion = contents.testPredictions.confusion
        var rows =
            "<tr><th>\(contents.dataSet.classNoun)</th><th class=\"num\">images</th><th class=\"num\">correct</th><th>most often taken for</th></tr>"
        for (digit, counts) in confusion.enumerated() {
            let total = counts.reduce(0, +)
            let accuracy = total == 0 ? "–" : Format.percent(Double(counts[digit]) / Double(total))
            let wrong = counts.enumerated().filter { $0.offset != digit && $0.element > 0 }.max {
                $0.element < $1.element
            }
            let confusedWith = wrong.map { "\(e(contents.dataSet.classLabel($0.offset))) (\($0.element)×)" } ?? "–"
            rows +=
                "<tr><td>\(e(contents.dataSet.classLabel(digit)))</td><td class=\"num\">\(Format.grouped(total))</td><td class=\"num\">\(accuracy)</td><td>\(confusedWith)</td></tr>"
        }
        return "<table class=\"classes\">\(rows)</table>"
    }

    private func settingsTable() -> String {
        let rows = contents.settings.map { "<tr><th>\(e($0.name))</th><td>\(e($0.value))</td></tr>" }
        return "<table class=\"settings\"><caption>Settings</caption>\(rows.joined())</table>"
    }

    private func epochTable() -> String {
        guard let history = contents.history else { return "" }
        let showsValidation = history.hasValidation
        var rows =
            "<tr><th>epoch</th><th class=\"num\">loss</th><th class=\"num\">training</th>"
            + (showsValidation ? "<th class=\"num\">validation</th>" : "")
            + "<th class=\"num\">learning rate</th><th class=\"num\">seconds</th><th class=\"num\">samples/s</th></tr>"
        for epoch in history.epochs {
            rows +=
                "<tr><td>\(epoch.epoch)</td><td class=\"num\">\(Format.fixed(epoch.trainingLoss, 4))</td>"
                + "<td class=\"num\">\(Format.percent(epoch.trainingAccuracy))</td>"
                + (showsValidation
                    ? "<td class=\"num\">\(epoch.validationAccuracy.map(Format.percent) ?? "–")</td>" : "")
                + "<td class=\"num\">\(Format.scientific(epoch.learningRate, 3))</td>"
                + "<td class=\"num\">\(Format.fixed(epoch.seconds, 2))</td>"
                + "<td class=\"num\">\(Format.grouped(Int(epoch.samplesPerSecond.rounded())))</td></tr>"
        }
        return
            "<table class=\"epochs\"><caption>Epochs (also in <a href=\"metrics.csv\">metrics.csv</a>)</caption>\(rows)</table>"
    }

    // MARK: Formatting

    private func e(_ text: String) -> String { Markup.escaped(text) }

    static let style = """

        :root { --ink: #222222; --muted: #5f6368; --line: #e3e6ea; --paper: #ffffff; --page: #f4f5f7; }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--page); color: var(--ink); font: 15px/1.5 \(SVG.fontFamily); }
        main { max-width: 1200px; margin: 0 auto; padding: 28px 28px 48px; }
        h1 { font-size: 28px; margin: 0; }
        h2 { font-size: 19px; margin: 0 0 2px; }
        .subtitle { color: var(--muted); margin: 2px 0 18px; }
        section { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 18px 22px 20px; margin: 16px 0; }
        .note { color: var(--muted); font-size: 14px; margin: 2px 0 14px; max-width: 92ch; }
        .cards { display: flex; flex-wrap: wrap; gap: 12px; }
        .card { flex: 1 1 170px; background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 12px 18px; }
        .card .value { font-size: 26px; font-weight: 600; font-variant-numeric: tabular-nums; }
        .card .label { color: var(--muted); font-size: 13px; }
        .row { display: flex; flex-wrap: wrap; gap: 20px 28px; align-items: flex-start; }
        figure { margin: 0; }
        .chart svg { display: block; max-width: 100%; height: auto; }
        .chart.fills { flex: 1 1 460px; min-width: 0; }
        .chart.fills svg { width: 100%; }
        figcaption, .file { font-size: 12px; color: var(--muted); margin: 4px 0 0; }
        a { color: #2a6ab0; }
        .gallery { display: grid; grid-template-columns: repeat(auto-fill, minmax(calc(var(--tile) + 34px), 1fr)); gap: 12px 6px; }
        .grid { display: grid; grid-template-columns: 22px repeat(var(--columns), var(--tile)); gap: 6px; align-items: center; }
        .tile { text-align: center; }
        .tile figcaption { color: var(--ink); font-variant-numeric: tabular-nums; white-space: nowrap; margin-top: 2px; }
        .sprite, .empty { display: block; margin: 0 auto; width: var(--tile); height: var(--tile); border-radius: 3px; outline: 1px solid var(--line); }
        .sprite { background-image: var(--sheet); background-size: var(--sheet-size); background-repeat: no-repeat; image-rendering: pixelated; }
        .row-label { font-weight: 600; text-align: right; padding-right: 4px; }
        table { border-collapse: collapse; font-size: 14px; }
        caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
        th, td { text-align: left; padding: 3px 12px 3px 0; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { font-weight: 600; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        .settings td { max-width: 32ch; overflow-wrap: anywhere; }
        .files a { white-space: nowrap; }

        """
}
