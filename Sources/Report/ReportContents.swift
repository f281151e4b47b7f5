import MNIST
import NeuralNet

/// Everything a report shows, gathered by whoever trained or evaluated the network.
public struct ReportContents: Sendable {
    /// A named setting of the run, shown as a table row.
    public struct Setting: Sendable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The page's heading, such as "MNIST training report".
    public var title: String
    /// One line under the heading: the model and when the report was made.
    public var subtitle: String
    /// The run's settings, in the order to show them.
    public var settings: [Setting]
    /// The training run, when the report is about one (nil for a saved model).
    public var history: TrainingHistory?
    /// The test images and what the network said about each.
    public var testImages: LabelledImages
    public var testPredictions: Predictions
    /// The first layer's weights `[units, height × width]`, one row per hidden unit.
    public var firstLayer: Matrix
    /// The data set of the images, whose class names label the tables and charts.
    public var dataSet: DataSet
    /// Where the test images land in the last hidden layer (`map.svg`); nil leaves the map out.
    package var map: DigitMap?

    public init(
        title: String, subtitle: String, settings: [Setting], history: TrainingHistory?,
        testImages: LabelledImages, testPredictions: Predictions, firstLayer: Matrix, dataSet: DataSet = .mnist
    ) {
        precondition(testImages.count == testPredictions.count, "one prediction per test image")
        precondition(firstLayer.columns == testImages.pixelsPerImage, "first-layer weights must match the image size")
        self.title = title
        self.subtitle = subtitle
        self.settings = settings
        self.history = history
        self.testImages = testImages
        self.testPredictions = testPredictions
        self.firstLayer = firstLayer
        self.dataSet = dataSet
    }

    /// The fraction of test images classified correctly.
    public var testAccuracy: Double {
        let predictions = testPredictions
        let correct = (0..<predictions.count).filter(predictions.isCorrect).count
        return predictions.count == 0 ? 0 : Double(correct) / Double(predictions.count)
    }
}
