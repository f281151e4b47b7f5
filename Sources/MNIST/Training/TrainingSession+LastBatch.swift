import NeuralNet

extension TrainingSession {
    /// The batch the last `trainBatch` trained, as images: which training images it drew, in the
    /// epoch's shuffled order, and each as the network saw it (normalized and, with augmentation,
    /// distorted), turned back into bytes; nil before the first batch. Allocates: for a caller
    /// that shows a step, such as the page's step mode.
    public func lastBatch() -> (indices: [Int], images: LabelledImages)? {
        guard let batch = trainer.lastBatch() else { return nil }
        let training = splits.training
        let images = LabelledImages(
            height: training.height, width: training.width,
            pixels: batch.features.map(recipe.normalization.byte(of:)), labels: batch.labels.map { UInt8($0) })
        return (batch.indices, images)
    }
}
