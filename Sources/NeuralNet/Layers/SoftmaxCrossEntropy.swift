import Foundation

/// Softmax followed by cross-entropy with integer class labels: the loss of a classifier.
///
/// The target is the one-hot label or, with label smoothing ε, PyTorch's smoothed
/// `(1 − ε) · onehot + ε / classes` (Szegedy et al., 2016), which keeps the network from
/// growing its logits without bound to reach a probability of exactly 1. The loss is the
/// cross-entropy against that target, `−Σ target · log softmax`, computed as log-sum-exp
/// minus the target-weighted logits, with the maximum logit subtracted first, so it never
/// overflows.
public enum SoftmaxCrossEntropy {
    /// What one batch scored.
    public struct BatchLoss: Sendable {
        /// The sum (not the mean) of the per-example losses.
        public var lossSum: Double
        /// How many examples had the correct class as their largest logit.
        public var correct: Int
    }

    /// The summed loss and the number of correct predictions of `logits[rows, classes]`
    /// against `labels[rows]`.
    public static func forward(
        logits: UnsafePointer<Float>, labels: UnsafePointer<Int32>, rows: Int, classes: Int,
        labelSmoothing: Float = 0
    ) -> BatchLoss {
        let (trueWeight, spread) = targetWeights(labelSmoothing: labelSmoothing, classes: classes)
        // Room for one row's exponentials, which only `backward` keeps.
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: classes) { exponentials in
            var loss = BatchLoss(lossSum: 0, correct: 0)
            for row in 0..<rows {
                score(
                    logits + row * classes, classes: classes, label: Int(labels[row]), trueWeight: trueWeight,
                    spread: spread, exponentials: exponentials.baseAddress!, into: &loss)
            }
            return loss
        }
    }

    /// Writes ∂(mean loss)/∂logits = (softmax − target) / rows, `[rows, classes]`, into
    /// `logitsGradient`, and returns what `forward` returns for the same arguments: the
    /// softmax's exponentials give the loss too, so a training step needs no `forward`.
    @discardableResult
    public static func backward(
        logits: UnsafePointer<Float>, labels: UnsafePointer<Int32>, rows: Int, classes: Int,
        labelSmoothing: Float = 0, logitsGradient: UnsafeMutablePointer<Float>
    ) -> BatchLoss {
        var loss = BatchLoss(lossSum: 0, correct: 0)
        let scale = 1 / Float(rows)
        let (trueWeight, spread) = targetWeights(labelSmoothing: labelSmoothing, classes: classes)
        for row in 0..<rows {
            let g = logitsGradient + row * classes
            let label = Int(labels[row])
            let sum = score(
                logits + row * classes, classes: classes, label: label, trueWeight: trueWeight, spread: spread,
                exponentials: g, into: &loss)
            let inverseSum = 1 / sum
            for j in 0..<classes { g[j] = g[j] * inverseSum * scale - spread * scale }
            g[label] -= trueWeight * scale
        }
        return loss
    }

    /// Adds one example's loss, `log Σ exp(z) − Σ target · z`, to `loss`, and counts it
    /// correct when its largest logit is its label's; writes exp(z − maximum) of its logits
    /// `z` into `exponentials` and returns their sum.
    @discardableResult
    private static func score(
        _ z: UnsafePointer<Float>, classes: Int, label: Int, trueWeight: Float, spread: Float,
        exponentials: UnsafeMutablePointer<Float>, into loss: inout BatchLoss
    ) -> Float {
        require((0..<classes).contains(label), "labels must be classes in 0..<\(classes), not \(label)")
        let predicted = argmax(z, count: classes)
        let maximum = z[predicted]
        let sum = Self.exponentials(z, count: classes, maximum: maximum, into: exponentials)
        var logitSum: Float = 0
        if spread > 0 {
            for j in 0..<classes { logitSum += z[j] }
        }
        loss.lossSum += Double(log(sum) + maximum - trueWeight * z[label] - spread * logitSum)
        if predicted == label { loss.correct += 1 }
        return sum
    }

    /// The target's extra weight on the true class, `1 − ε`, and its weight on every class, `ε / classes`.
    private static func targetWeights(labelSmoothing: Float, classes: Int) -> (trueWeight: Float, spread: Float) {
        (1 - labelSmoothing, labelSmoothing / Float(classes))
    }

    /// Writes exp(z − maximum) of `count` logits into `values` and returns their sum.
    private static func exponentials(
        _ z: UnsafePointer<Float>, count: Int, maximum: Float, into values: UnsafeMutablePointer<Float>
    ) -> Float {
        var sum: Float = 0
        for j in 0..<count {
            values[j] = exp(z[j] - maximum)
            sum += values[j]
        }
        return sum
    }

    /// The softmax of `count` logits: probabilities that sum to 1, computed with the largest
    /// logit subtracted first so that it never overflows.
    public static func softmax(_ logits: UnsafePointer<Float>, count: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { probabilities, initialized in
            softmax(logits, count: count, into: probabilities.baseAddress!)
            initialized = count
        }
    }

    /// Writes the softmax of `count` logits into `probabilities`: exp(z − max) / Σ exp(z − max).
    public static func softmax(
        _ logits: UnsafePointer<Float>, count: Int, into probabilities: UnsafeMutablePointer<Float>
    ) {
        let maximum = logits[argmax(logits, count: count)]
        let inverseSum = 1 / exponentials(logits, count: count, maximum: maximum, into: probabilities)
        for j in 0..<count { probabilities[j] *= inverseSum }
    }

    /// The index of the largest of `count` values (the first one on a tie).
    public static func argmax(_ values: UnsafePointer<Float>, count: Int) -> Int {
        var best = 0
        for index in 1..<count where values[index] > values[best] { best = index }
        return best
    }
}
