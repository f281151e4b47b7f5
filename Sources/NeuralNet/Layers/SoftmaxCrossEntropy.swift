import Foundation

/// Softmax followed by cross-entropy with integer class labels, fused with its gradient.
public enum SoftmaxCrossEntropy {
    /// What one batch scored.
    public struct Result: Sendable {
        /// The sum (not the mean) of the per-example losses.
        public var lossSum: Double
        /// How many examples had the correct class as their largest logit.
        public var correct: Int
    }

    /// For `logits[rows, classes]` and `labels[rows]`, returns the summed loss and the number
    /// of correct predictions, and writes ∂(mean loss)/∂logits = (softmax − target) / rows
    /// into `gradient` when given.
    ///
    /// The target is the one-hot label or, with `labelSmoothing` ε, PyTorch's smoothed
    /// `(1 − ε) · onehot + ε / classes` (Szegedy et al., 2016), which keeps the network from
    /// growing its logits without bound to reach a probability of exactly 1. The loss is the
    /// cross-entropy against that target, `−Σ target · log softmax`, computed as log-sum-exp
    /// minus the target-weighted logits, with the maximum logit subtracted first, so it never
    /// overflows.
    public static func evaluate(
        logits: UnsafePointer<Float>, labels: UnsafePointer<Int32>, rows: Int, classes: Int,
        gradient: UnsafeMutablePointer<Float>?, labelSmoothing: Float = 0
    ) -> Result {
        var lossSum = 0.0
        var correct = 0
        let scale = 1 / Float(rows)
        let trueWeight = 1 - labelSmoothing  // the target's extra weight on the true class
        let spread = labelSmoothing / Float(classes)  // the target's weight on every class
        for row in 0..<rows {
            let z = logits + row * classes
            let label = Int(labels[row])
            let predicted = argmax(z, count: classes)
            let maximum = z[predicted]
            var sum: Float = 0
            for j in 0..<classes { sum += exp(z[j] - maximum) }
            var logitSum: Float = 0
            if labelSmoothing > 0 {
                for j in 0..<classes { logitSum += z[j] }
            }
            lossSum += Double(log(sum) + maximum - trueWeight * z[label] - spread * logitSum)
            if predicted == label { correct += 1 }
            if let gradient {
                let g = gradient + row * classes
                let inverseSum = 1 / sum
                for j in 0..<classes { g[j] = exp(z[j] - maximum) * inverseSum * scale - spread * scale }
                g[label] -= trueWeight * scale
            }
        }
        return Result(lossSum: lossSum, correct: correct)
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
    public static func softmax(_ logits: UnsafePointer<Float>, count: Int, into probabilities: UnsafeMutablePointer<Float>) {
        let maximum = logits[argmax(logits, count: count)]
        var sum: Float = 0
        for j in 0..<count {
            probabilities[j] = exp(logits[j] - maximum)
            sum += probabilities[j]
        }
        let inverseSum = 1 / sum
        for j in 0..<count { probabilities[j] *= inverseSum }
    }

    /// The index of the largest of `count` values (the first one on a tie).
    public static func argmax(_ values: UnsafePointer<Float>, count: Int) -> Int {
        var best = 0
        for index in 1..<count where values[index] > values[best] { best = index }
        return best
    }
}
