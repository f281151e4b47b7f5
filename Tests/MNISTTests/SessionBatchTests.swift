import MNIST
import NeuralNet
import Testing

/// The batch a session trained last, as images: what the page's step mode shows.
@Suite struct SessionBatchTests {
    @Test func normalizingAndBackGivesEveryByte() {
        for normalization in [Normalization.mnist, Normalization(mean: 0.286, standardDeviation: 0.353)] {
            for byte in UInt8.min...UInt8.max {
                #expect(normalization.byte(of: normalization(byte)) == byte)
            }
            #expect(normalization.byte(of: 1e6) == 255 && normalization.byte(of: -1e6) == 0)
        }
    }

    @Test func theLastBatchIsTheTrainingImagesItDrewInTheShuffledOrder() throws {
        let session = try TrainingSessionTests.session()
        #expect(session.lastBatch() == nil)
        let training = session.splits.training
        var drawn: [Int] = []
        for _ in 0..<session.stepsPerEpoch {
            try session.trainBatch()
            let (indices, images) = try #require(session.lastBatch())
            #expect(indices.count == images.count && images.count <= session.recipe.batchSize)
            for (row, index) in indices.enumerated() {
                #expect(images.labels[row] == training.labels[index])
                #expect(
                    images.pixels[row * 784..<(row + 1) * 784] == training.pixels[index * 784..<(index + 1) * 784],
                    "batch image \(row) is not training image \(index)")
            }
            drawn += indices
        }
        #expect(drawn.sorted() == Array(0..<training.count), "an epoch draws every training image once")
        #expect(drawn != Array(0..<training.count), "the order is shuffled")
    }

    @Test func anAugmentedBatchShowsTheDistortedImages() throws {
        var recipe = TrainingSessionTests.recipe
        recipe.augmentation = .affine
        let session = try TrainingSessionTests.session(recipe)
        try session.trainBatch()
        let (indices, images) = try #require(session.lastBatch())
        let training = session.splits.training
        #expect(images.labels == indices.map { training.labels[$0] })
        let unchanged = indices.indices.filter { row in
            images.pixels[row * 784..<(row + 1) * 784] == training.pixels[indices[row] * 784..<(indices[row] + 1) * 784]
        }
        #expect(unchanged.count < indices.count / 2, "the batch shows the images before their distortion")
    }
}
