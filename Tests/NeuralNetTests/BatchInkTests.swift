import Testing

@testable import NeuralNet

@Suite struct BatchInkTests {
    /// Five rows of three columns on a blank value of −1: two groups, the second of one row.
    @Test func countsEntriesAndGroupColumnsOffTheBlankValue() {
        let x: [Float] = [
            -1, 0.5, -1,
            -1, -1, -1,
            2, -1, -1,
            -1, 0.5, -1,
            -1, -1, 3,
        ]
        let ink = x.withUnsafeBufferPointer { BatchInk($0.baseAddress!, rows: 5, columns: 3, base: -1) }
        // Entries: 0.5, 2, 0.5 in the first group and 3 in the second, of 15.
        #expect(ink.inkedShare == 4.0 / 15)
        // Group-columns: columns 0 and 1 in the first group, column 2 in the second, of 2 × 3.
        #expect(ink.groupColumnShare == 3.0 / 6)
    }
}
