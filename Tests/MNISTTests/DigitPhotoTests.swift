import Foundation
import Images
import NeuralNet
import TestSupport
import Testing

@testable import MNIST

@Suite struct DigitPhotoTests {
    @Test func roundTripKeepsLabelsAndIsReproducible() throws {
        var digits = [UInt8](repeating: 0, count: 3 * 784)
        for image in 0..<3 {
            for y in 8..<20 { for x in (10 + image)..<(14 + image) { digits[image * 784 + y * 28 + x] = 255 } }
        }
        let images = LabelledImages(height: 28, width: 28, pixels: digits, labels: [4, 1, 7])
        let first = try DigitPhoto.roundTrip(images, seed: 3)
        let second = try DigitPhoto.roundTrip(images, seed: 3)
        #expect(first.labels == [4, 1, 7] && first.pixels.count == 3 * 784)
        #expect(first.pixels == second.pixels)
        // Each 4×12 bar is fitted to 20 pixels high and centred: ink in rows 4-23 only.
        for image in 0..<3 {
            let rows = Set((0..<784).filter { first.pixels[image * 784 + $0] > 64 }.map { $0 / 28 })
            #expect(rows.min()! >= 3 && rows.max()! <= 24, "image \(image): rows \(rows.sorted())")
        }
    }

    @Test func drawsTheDigitLargerInDarkInkOnWhite() throws {
        var digit = [UInt8](repeating: 0, count: 784)
        for y in 10..<18 { for x in 12..<16 { digit[y * 28 + x] = 255 } }
        var generator = RandomGenerator(seed: 5)
        let photo = DigitPhoto.render(digit, using: &generator)
        #expect(photo.width == DigitPhoto.canvasWidth && photo.height == DigitPhoto.canvasHeight && photo.channels == 3)
        let prepared = try DigitPreprocessor.prepare(photo, name: "photo")
        #expect(prepared.darkInkOnLightPaper)
        // A 4×8 block scaled 2.5-6 times: its box is 10-24 × 20-48 pixels (±2 for the blur).
        #expect((8...26).contains(prepared.inkBox.x.count) && (18...50).contains(prepared.inkBox.y.count))
        #expect(prepared.inkBox.y.count > prepared.inkBox.x.count)
    }

    /// MNIST test digits drawn large, off-centre, dark on light, saved as PNG and as JPEG and
    /// read back, predict as their original 28×28 images do, with a small model trained here.
    /// (`DigitPhoto.roundTrip` is what `mnist evaluate --as-photos` runs on the whole test set.)
    @Test func photosOfTestDigitsPredictAsTheOriginals() throws {
        guard let mirror = Fixtures.sharedMNIST else { return print("skipping: no ../shared/mnist") }
        let directory = MNISTDirectory(mirror)
        let classifier = try Self.trainSmallClassifier(on: directory.trainingSet().slice(0..<4000))
        let test = try directory.testSet().slice(0..<300)
        let originals = classifier.predict(test)

        let photos = classifier.predict(try DigitPhoto.roundTrip(test, seed: 11))
        let agrees = zip(originals, photos).map { $0.digit == $1.digit }
        let agreeing = agrees.filter { $0 }.count
        let png = agrees.enumerated().filter { $0.offset % 2 == 0 && $0.element }.count
        print(
            "photos predicted as the originals: \(agreeing) of \(test.count) (PNG \(png) of 150, JPEG \(agreeing - png) of 150)"
        )
        #expect(Double(agreeing) >= 0.97 * Double(test.count))
    }

    /// A 784-64-10 network trained for three epochs: about 90% accurate, in seconds.
    static func trainSmallClassifier(on images: LabelledImages) throws -> DigitClassifier {
        var recipe = TrainingRecipe()
        (recipe.hiddenWidths, recipe.epochs, recipe.seed) = ([64], 3, 3)
        recipe.optimizer = OptimizerSettings(.sgd, learningRate: 0.05)
        let kernel = KernelKind.preferred.make(threads: 1)
        let run = recipe.makeRun(training: images, kernel: kernel)
        for _ in 0..<recipe.epochs { _ = try run.trainEpoch() }
        return DigitClassifier(network: run.network, normalization: recipe.normalization, kernel: kernel)
    }
}
