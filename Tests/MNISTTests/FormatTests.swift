import MNIST
import Testing

@Suite struct FormatTests {
    @Test func numbersReadAsPeopleWriteThem() {
        #expect(Format.grouped(1_234_567) == "1,234,567" && Format.grouped(-1234) == "-1,234")
        #expect(Format.percent(0.97854) == "97.85%" && Format.percent(0.97854, decimals: 1) == "97.9%")
        #expect(Format.fixed(2.675, 1) == "2.7" && Format.significant(0.000123456, 3) == "0.000123")
        #expect(Format.significant(1.23456e-5, 3) == "1.23e-05" && Format.counted(1, "epoch") == "1 epoch")
        #expect(Format.scientific(0.000736, 3) == "7.36e-04" && Format.scientific(1e-9, 3) == "1.00e-09")
    }

    @Test(arguments: [
        (1.0, "100%"), (0.99996, ">99.9%"), (0.997, "99.7%"), (0.9949, "99%"), (0.5, "50%"), (0.032, "3.2%"),
    ])
    func probabilitiesNeverRoundUpToCertainty(probability: Float, text: String) {
        #expect(Format.probability(probability) == text)
    }
}
