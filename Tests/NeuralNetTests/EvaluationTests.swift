import NeuralNet
import Testing

@Suite struct EvaluationTests {
    /// Rows are the true class, columns the prediction. Class 2 has no examples, and one
    /// example of class 1 was called 2.
    let evaluation = Evaluation(confusion: [[5, 1, 0], [2, 3, 1], [0, 0, 0]], meanLoss: 0.5)

    @Test func countsAndAccuracy() {
        #expect(evaluation.count == 12)
        #expect(evaluation.correct == 8)
        #expect(evaluation.accuracy == 8.0 / 12)
        #expect(evaluation.actualCounts == [6, 6, 0])
        #expect(evaluation.predictedCounts == [7, 4, 1])
    }

    @Test func recallIsTheShareOfEachClassFound() {
        let expected: [Double?] = [5.0 / 6, 3.0 / 6, nil]
        #expect(evaluation.recalls == expected)
    }

    @Test func precisionIsTheShareOfEachPredictionThatIsRight() {
        let expected: [Double?] = [5.0 / 7, 3.0 / 4, 0]
        #expect(evaluation.precisions == expected)
        let neverPredicted = Evaluation(confusion: [[2, 0], [1, 0]], meanLoss: 0)
        let expectedNever: [Double?] = [2.0 / 3, nil]
        #expect(neverPredicted.precisions == expectedNever)
        let expectedRecalls: [Double?] = [1, 0]
        #expect(neverPredicted.recalls == expectedRecalls)
    }
}
