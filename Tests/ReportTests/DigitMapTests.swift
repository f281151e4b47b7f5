import Charts
import Foundation
import MNIST
import NeuralNet
import PrincipalAxes
import TestSupport
import Testing

@testable import Report

/// The map of the test set: the same points from either eigen-solver, each the projection of
/// its image's last hidden layer, and the report's map.svg with a dot per image and a ring per mistake.
@Suite struct DigitMapTests {
    static let network = TestNetworks.random(sizes: [784, 16, 8, 10], seed: 3)
    static let classifier = DigitClassifier(network: network, normalization: .mnist, kernel: ReferenceKernel())

    @Test func everySolverPlacesThePointsAlikeAndAsTheirActivationsProject() throws {
        let images = SampleReport.images()
        let maps = EigenSolver.allCases.map { DigitMap(classifier: Self.classifier, images: images, solver: $0)! }
        let spread = maps[0].points.map { max(abs($0.x), abs($0.y)) }.max() ?? 1
        for map in maps.dropFirst() {
            for (a, b) in zip(maps[0].points, map.points) {
                #expect(abs(a.x - b.x) <= 1e-3 * spread && abs(a.y - b.y) <= 1e-3 * spread)
                #expect(a.label == b.label && a.predicted == b.predicted)
            }
        }
        // Each point is its image's last hidden layer, from `read`, on the map's axes; and the
        // network's answer.
        let map = maps[0]
        for index in [0, 7, 39] {
            let digit = Array(images.pixels[index * 784..<(index + 1) * 784])
            let (prediction, activations) = Self.classifier.read(digit)
            let placed = map.place(lastHiddenActivations: activations.last!)
            #expect(abs(placed.x - map.points[index].x) <= 1e-4 * spread)
            #expect(abs(placed.y - map.points[index].y) <= 1e-4 * spread)
            #expect(map.points[index].predicted == prediction.digit && map.points[index].label == index % 10)
        }
        #expect(map.varianceShares[0] >= map.varianceShares[1] && map.varianceShares.reduce(0, +) <= 1)
    }

    @Test func theReportDrawsADotPerImageAndRingsTheMistakes() throws {
        var contents = SampleReport.contents()
        let map = DigitMap(classifier: Self.classifier, images: contents.testImages)!
        contents.map = map
        let (files, folder) = try SampleReport.written(contents)
        #expect(files.contains("map.svg") && folder.references.contains("map.svg"))
        #expect(folder.html.contains("Where the test digits land"))
        let svg = try String(contentsOf: folder.url.appendingPathComponent("map.svg"), encoding: .utf8)
        let circles = svg.components(separatedBy: "<circle ").dropFirst()
        let rings = circles.filter { $0.contains("fill=\"none\"") }.count
        let mistakes = map.points.filter { $0.label != $0.predicted }.count
        // The legend adds a dot per digit and one ring; the images' dots are one path per digit.
        #expect(circles.count - rings == 10)
        #expect(rings == mistakes + 1)
        let paths = svg.components(separatedBy: "<path ").dropFirst()
        for digit in 0..<10 {
            let path = paths.filter { $0.contains("stroke=\"\(SeriesColor.digits[digit].hex)\"") }
            let count = map.points.filter { $0.label == digit }.count
            #expect(path.count == (count > 0 ? 1 : 0))
            #expect((path.first?.components(separatedBy: "h0").count ?? 1) - 1 == count, "a dot per image of \(digit)")
        }
        for digit in 0..<10 { #expect(svg.contains(SeriesColor.digits[digit].hex)) }
        #expect(svg.contains(Format.percent(map.varianceShares[0], decimals: 1) + " of the variance"))
    }

    /// A data set of named classes names them in the legend, in two rows, and calls the points
    /// images, not digits.
    @Test func theMapOfNamedClassesNamesThem() throws {
        var contents = SampleReport.contents(dataSet: .fashion)
        contents.map = DigitMap(classifier: Self.classifier, images: contents.testImages)!
        let (_, folder) = try SampleReport.written(contents)
        #expect(folder.html.contains("Where the test images land"))
        #expect(folder.html.contains("in the colour of its true class"))
        let svg = try String(contentsOf: folder.url.appendingPathComponent("map.svg"), encoding: .utf8)
        #expect(svg.contains("Where the test images land in the last hidden layer"))
        for name in DataSet.fashion.classNames { #expect(svg.contains(">\(Markup.escaped(name))<")) }
    }

    @Test func aNetworkWithoutAHiddenLayerHasNoMap() {
        let flat = DigitClassifier(
            network: TestNetworks.random(sizes: [784, 10], seed: 1), normalization: .mnist, kernel: ReferenceKernel())
        #expect(DigitMap(classifier: flat, images: SampleReport.images()) == nil)
    }
}
