import MNIST
import NeuralNet
import PrincipalAxes

/// Where the test set's digits land in the network's last hidden layer: each image's
/// activations there (after ReLU) projected on their two principal axes, so that digits the
/// network finds alike sit together. The report draws it (`DigitMapChart`), the page of
/// `mnist serve` too, with the drawn digit placed on it (`place`).
package struct DigitMap: Sendable {
    /// One test image on the map.
    package struct Point: Sendable, Equatable {
        /// Its coordinate along the first principal axis.
        package var x: Float
        /// Its coordinate along the second principal axis.
        package var y: Float
        /// The true digit.
        package var label: Int
        /// The digit the network answered.
        package var predicted: Int
    }

    /// One point per test image, in the test set's order.
    package let points: [Point]
    /// The axes, from the activations' mean.
    package let axes: PrincipalAxes

    /// The map of `images` as `classifier` reads them; nil for a network without a hidden layer.
    package init?(classifier: DigitClassifier, images: LabelledImages, solver: EigenSolver = .preferred) {
        let network = classifier.network
        guard let layer = network.hiddenLayers.indices.last, images.count >= 2 else { return nil }
        let width = network.layers[layer].outputs
        var activations = [Float](repeating: 0, count: images.count * width)
        var predicted = [Int](repeating: 0, count: images.count)
        // Batches through one pass of its own: its buffers are this map's alone.
        let batch = 256
        let pass = BatchPass(network: network, kernel: classifier.kernel, capacity: batch)
        let data = NormalizedImages(images, normalization: classifier.normalization)
        let classes = network.classCount
        for start in stride(from: 0, to: images.count, by: batch) {
            let rows = min(batch, images.count - start)
            pass.fill(from: data, indices: Array(start..<start + rows)[...])
            let logits = pass.forward(rows: rows)
            for row in 0..<rows {
                let scores = UnsafeBufferPointer(start: logits + row * classes, count: classes)
                predicted[start + row] = scores.indices.max { scores[$0] < scores[$1] } ?? 0
                activations.replaceSubrange(
                    (start + row) * width..<(start + row + 1) * width, with: pass.output(ofLayer: layer, row: row))
            }
        }
        let axes = PrincipalAxes(points: activations, dimension: width, solver: solver)
        self.axes = axes
        points = (0..<images.count).map { index in
            let xy = axes.project(activations[index * width..<(index + 1) * width])
            return Point(x: xy[0], y: xy[1], label: Int(images.labels[index]), predicted: predicted[index])
        }
    }

    /// Where a digit whose last hidden layer output `activations` lands on the map.
    package func place(lastHiddenActivations activations: [Float]) -> (x: Float, y: Float) {
        let xy = axes.project(activations)
        return (xy[0], xy[1])
    }

    /// The share of the activations' variance along each axis, 0 to 1.
    package var varianceShares: [Double] { axes.varianceShares }
}
