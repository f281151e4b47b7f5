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
        var lossSum = 0.0
        var correct = 0
        let (trueWeight, spread) = targetWeights(labelSmoothing: labelSmoothing, classes: classes)
        for row in 0..<rows {
            let z = logits + row * classes
            let label = Int(labels[row])
            let predicted = argmax(z, count: classes)
            let maximum = z[predicted]
            let sum = exponentialSum(z, count: classes, maximum: maximum)
            lossSum += rowLoss(
                z, count: classes, label: label, maximum: maximum, exponentialSum: sum, trueWeight: trueWeight,
                spread: spread)
            if predicted == label { correct += 1 }
        }
        return BatchLoss(lossSum: lossSum, correct: correct)
    }

    /// Writes ∂(mean loss)/∂logits = (softmax − target) / rows, `[rows, classes]`, into
    /// `logitsGradient`, and returns what `forward` returns for the same arguments: the
    /// softmax's exponentials give the loss too, so a training step needs no `forward`.
    @discardableResult
    public static func backward(
        logits: UnsafePointer<Float>, labels: UnsafePointer<Int32>, rows: Int, classes: Int,
        labelSmoothing: Float = 0, logitsGradient: UnsafeMutablePointer<Float>
    ) -> BatchLoss {
        var lossSum = 0.0
        var correct = 0
        let scale = 1 / Float(rows)
        let (trueWeight, spread) = targetWeights(labelSmoothing: labelSmoothing, classes: classes)
        for row in 0..<rows {
            let z = logits + row * classes
            let g = logitsGradient + row * classes
            let label = Int(labels[row])
            let predicted = argmax(z, count: classes)
            let maximum = z[predicted]
            let sum = exponentials(z, count: classes, maximum: maximum, into: g)
            lossSum += rowLoss(
                z, count: classes, label: label, maximum: maximum, exponentialSum: sum, trueWeight: trueWeight,
                spread: spread)
            if predicted == label { correct += 1 }
            let inverseSum = 1 / sum
            for j in 0..<classes { g[j] = g[j] * inverseSum * scale - spread * scale }
            g[label] -= trueWeight * scale
        }
        return BatchLoss(lossSum: lossSum, correct: correct)
    }

    /// One example's loss, `log Σ exp(z) − Σ target · z`, from its largest logit and
    /// Σ exp(z − maximum).
    private static func rowLoss(
        _ z: UnsafePointer<Float>, count: Int, label: Int, maximum: Float, exponentialSum: Float, trueWeight: Float,
        spread: Float
    ) -> Double {
        var logitSum: Float = 0
        if spread > 0 {
            for j in 0..<count { logitSum += z[j] }
        }
        return Double(log(exponentialSum) + maximum - trueWeight * z[label] - spread * logitSum)
    }

    /// The target's extra weight on the true class, `1 − ε`, and its weight on every class, `ε / classes`.
    private static func targetWeights(labelSmoothing: Float, classes: Int) -> (trueWeight: Float, spread: Float) {
        (1 - labelSmoothing, labelSmoothing / Float(classes))
    }

    /// Σ exp(z − maximum) over `count` logits.
    private static func exponentialSum(_ z: UnsafePointer<Float>, count: Int, maximum: Float) -> Float {
        var sum: Float = 0
        for j in 0..<count { sum += exp(z[j] - maximum) }
        return sum
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
