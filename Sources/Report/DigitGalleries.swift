import Charts
import Foundation
import MNIST
import NeuralNet

/// The galleries of test digits: the network's most confident mistakes, and correctly
/// classified examples of every class.
enum DigitGalleries {
    static let ink = Color(hex: 0x161616)

    /// Test image `index` as dark ink on white paper.
    static func colors(of images: LabelledImages, _ index: Int) -> [Color] {
        let size = images.pixelsPerImage
        return images.pixels[index * size..<(index + 1) * size].map { Color.white.mixed(with: ink, Double($0) / 255) }
    }

    /// The misclassified examples, most confident first (ties in test-set order), at most
    /// `limit` of them.
    static func mostConfidentMistakes(_ predictions: Predictions, limit: Int) -> [Int] {
        let mistakes = (0..<predictions.count).filter { !predictions.isCorrect(example: $0) }
        let ordered = mistakes.sorted {
            let (a, b) = (predictions.confidence(example: $0), predictions.confidence(example: $1))
            return a != b ? a > b : $0 < $1
        }
        return Array(ordered.prefix(limit))
    }

    /// Class `label` in a sentence: `a 7` for a digit, `Sneaker` for a named class.
    static func described(_ label: Int, in dataSet: DataSet) -> String {
        dataSet.isDigits ? "a \(label)" : dataSet.classNames[label]
    }

    /// Up to `limit` mistakes, eight to a row, each captioned "true → predicted" (by the
    /// classes' names) with the probability of the prediction. Nil when there are no mistakes.
    static func mistakes(
        _ images: LabelledImages, _ predictions: Predictions, classes dataSet: DataSet, limit: Int = 64
    ) -> Gallery? {
        let chosen = mostConfidentMistakes(predictions, limit: limit)
        guard !chosen.isEmpty else { return nil }
        var sheet = TileSheet(tileSize: images.width, columns: 8, count: chosen.count)
        var tiles: [Gallery.Tile] = []
        for (slot, example) in chosen.enumerated() {
            sheet.draw(tile: slot, colors(of: images, example))
            let (truth, guess) = (predictions.labels[example], predictions.predicted[example])
            let confidence = Format.probability(predictions.confidence(example: example))
            let truthProbability = Format.probability(predictions.probability(of: truth, example: example))
            let (truthName, guessName) = (dataSet.classNames[truth], dataSet.classNames[guess])
            tiles.append(
                .init(
                    index: slot, caption: "\(truthName) → \(guessName) \(confidence)",
                    tooltip:
                        "test image \(example): \(described(truth, in: dataSet)), taken for \(described(guess, in: dataSet)) with probability \(confidence) (\(truthProbability) for \(truthName))"
                ))
        }
        return Gallery(fileName: "mistakes.png", sheet: sheet, tiles: tiles, rowLabels: nil)
    }

    /// One row per class, labelled as `dataSet` names it, with its first `perClass` correctly
    /// classified test images.
    static func samples(
        _ images: LabelledImages, _ predictions: Predictions, classes dataSet: DataSet, perClass: Int = 12
    ) -> Gallery {
        let classes = predictions.classCount
        var sheet = TileSheet(tileSize: images.width, columns: perClass, count: classes * perClass)
        var tiles: [Gallery.Tile] = []
        var found = Array(repeating: 0, count: classes)
        for example in 0..<predictions.count where predictions.isCorrect(example: example) {
            let label = predictions.labels[example]
            guard found[label] < perClass else { continue }
            let slot = label * perClass + found[label]
            found[label] += 1
            sheet.draw(tile: slot, colors(of: images, example))
            tiles.append(
                .init(
                    index: slot, caption: nil,
                    tooltip:
                        "test image \(example): \(described(label, in: dataSet)), probability \(Format.probability(predictions.confidence(example: example)))"
                ))
        }
        return Gallery(
            fileName: "samples.png", sheet: sheet, tiles: tiles.sorted { $0.index < $1.index },
            rowLabels: (0..<classes).map(dataSet.classLabel))
    }
}
