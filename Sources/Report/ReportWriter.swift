extension ReportDirectory {
    /// The files every report has; a report of a training run also has `loss.svg`,
    /// `accuracy.svg` and `metrics.csv`, and one with the map of the test set `map.svg`.
    public static let commonFiles = ["index.html", "confusion.svg", "confusion.csv", "first-layer.png", "samples.png"]

    /// Writes the report: the figures (SVG charts, PNG tile sheets), the CSV tables, and
    /// `index.html` last, so that a page only ever appears with its figures beside it.
    /// Returns the names of the files written.
    @discardableResult
    public func writeReport(_ contents: ReportContents) throws(ReportError) -> [String] {
        var written: [String] = []
        func save(_ text: String, _ name: String) throws(ReportError) {
            try write(text, to: name)
            written.append(name)
        }

        var lossChart: String?
        var accuracyChart: String?
        if let history = contents.history {
            lossChart = LearningCurves.loss(history).svg()
            accuracyChart = LearningCurves.accuracy(history, testAccuracy: contents.testAccuracy).svg()
            try save(lossChart!, "loss.svg")
            try save(accuracyChart!, "accuracy.svg")
            try save(CSVTables.metrics(history), "metrics.csv")
        }
        let confusion = contents.testPredictions.confusion
        let confusionChart = ConfusionChart.heatmap(confusion, classes: contents.dataSet).svg()
        try save(confusionChart, "confusion.svg")
        try save(CSVTables.confusion(confusion), "confusion.csv")

        if let map = contents.map { try save(DigitMapChart.svg(map, classes: contents.dataSet), "map.svg") }

        let mistakes = DigitGalleries.mistakes(contents.testImages, contents.testPredictions, classes: contents.dataSet)
        let weights = WeightTiles.gallery(contents.firstLayer, side: contents.testImages.width)
        let samples = DigitGalleries.samples(contents.testImages, contents.testPredictions, classes: contents.dataSet)
        for gallery in [mistakes, weights, samples].compactMap({ $0 }) {
            try write(gallery.sheet.image, to: gallery.fileName)
            written.append(gallery.fileName)
        }

        let page = ReportPage(
            contents: contents, lossChart: lossChart, accuracyChart: accuracyChart, confusionChart: confusionChart,
            mistakes: mistakes, weights: weights, samples: samples, files: written)
        try save(page.html, "index.html")
        return written
    }
}
