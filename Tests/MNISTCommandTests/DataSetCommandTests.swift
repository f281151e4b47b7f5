import Foundation
import Images
import TestSupport
import Testing

/// `--dataset` on fetch, train, evaluate and predict: the data set a model is trained on goes
/// into its file and names the classes of every output; data of another data set is refused.
@Suite struct DataSetCommandTests {
    static let quick = ["--validation", "0", "--epochs", "1", "--hidden", "16", "--threads", "1"]

    /// Stand-in files in `folder/data` and a model trained on them as Fashion-MNIST, in
    /// `folder/fashion.safetensors`.
    static func fashionModel(in folder: URL) throws -> (data: URL, model: String, train: ProcessResult) {
        let data = folder.appendingPathComponent("data")
        _ = try SyntheticMNIST.write(to: data)
        let model = folder.appendingPathComponent("fashion.safetensors").path
        let train = try CLI.run(["train", "--dataset", "fashion", "--data", data.path, "--save", model] + quick)
        return (data, model, train)
    }

    @Test func anUnknownDataSetListsTheKnownOnes() throws {
        for command in ["fetch", "train", "evaluate", "bench"] {
            let extra = command == "evaluate" ? ["--model", "m.safetensors"] : []
            let result = try CLI.run([command, "--dataset", "emnist"] + extra)
            #expect(result.status == 64, "\(command)")
            #expect(
                result.error.hasPrefix(
                    "Error: --dataset emnist: no such data set; the known ones are mnist, fashion, kmnist."),
                "\(command): \(result.error)")
        }
    }

    /// Missing files of another data set than MNIST name that data set's fetch, not MNIST's.
    @Test func missingDataSaysWhichDataSetToFetch() throws {
        let folder = Fixtures.temporaryDirectory("dataset-missing")
        defer { try? FileManager.default.removeItem(at: folder) }
        let absent = folder.appendingPathComponent("fashion").path
        let train = try CLI.run(["train", "--dataset", "fashion", "--data", absent])
        #expect(train.status == 1)
        #expect(
            train.error
                == "Error: the data directory \(absent) does not exist. Run `mnist fetch --dataset fashion --data \(absent)` to get the Fashion-MNIST files, or point --data at a folder that has them.\n"
        )
        let empty = folder.path
        let evaluate = try CLI.run(["bench", "--dataset", "kmnist", "--data", empty, "--epochs", "1"])
        #expect(evaluate.status == 1)
        #expect(
            evaluate.error.hasSuffix(
                "train-images-idx3-ubyte.gz is missing from \(empty). Run `mnist fetch --dataset kmnist --data \(empty)` to get the Kuzushiji-MNIST files.\n"
            ), "\(evaluate.error)")
    }

    @Test func fetchingFashionFromDebiansCopyChecksEachFile() throws {
        guard let fashion = Fixtures.fashionMNIST else {
            return print("skipping: Fashion-MNIST is not in /usr/share/datasets/fashion-mnist")
        }
        let folder = Fixtures.temporaryDirectory("fetch-fashion")
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("fashion").path
        let result = try CLI.run(["fetch", "--dataset", "fashion", "--mirror", fashion.path, "--data", data])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.lines.first == "fetching Fashion-MNIST into \(data) from \(fashion.path)")
        #expect(result.lines.filter { $0.hasSuffix("from \(fashion.path), verified") }.count == 4)
        #expect(result.lines.last == "Fashion-MNIST is ready in \(data)")
    }

    @Test func aMirrorWithOtherFilesIsRefusedNamingTheFile() throws {
        let folder = Fixtures.temporaryDirectory("fetch-wrong")
        defer { try? FileManager.default.removeItem(at: folder) }
        let mirror = folder.appendingPathComponent("mirror")
        _ = try SyntheticMNIST.write(to: mirror)
        let data = folder.appendingPathComponent("data").path
        let result = try CLI.run(["fetch", "--dataset", "fashion", "--mirror", mirror.path, "--data", data])
        #expect(result.status == 1)
        #expect(
            result.output.contains(
                "train-images-idx3-ubyte.gz: \(mirror.path) failed: train-images-idx3-ubyte.gz has the wrong content: its SHA-256 is "
            ), "\(result.output)")
        #expect(result.error.contains("cannot fetch train-images-idx3-ubyte.gz"), "\(result.error)")
        #expect(
            result.error.contains("Pass --mirror URL-or-folder to use a mirror that has the Fashion-MNIST files"),
            "\(result.error)")
        #expect(!FileManager.default.fileExists(atPath: data + "/train-images-idx3-ubyte.gz"))
    }

    /// A model trained with `--dataset fashion` (on stand-in files) names its classes, and
    /// evaluating it on another data set's files is refused unless forced.
    @Test func aModelKeepsItsDataSetAndRefusesAnothersFiles() throws {
        let folder = Fixtures.temporaryDirectory("dataset-model")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (data, model, train) = try Self.fashionModel(in: folder)
        #expect(train.status == 0, "\(train.error)")
        let perClass = try #require(train.lines.firstIndex(of: "per-class test accuracy:"))
        #expect(train.lines[perClass + 1].hasPrefix("  0 T-shirt/top: "))
        #expect(train.lines[perClass + 10].hasPrefix("  9 Ankle boot: "))

        let refused = try CLI.run(["evaluate", "--model", model, "--dataset", "mnist", "--data", data.path])
        #expect(refused.status == 1)
        #expect(
            refused.error
                == "Error: \(model) was trained on Fashion-MNIST, but \(data.path) holds MNIST: its 10 classes would be scored against other labels. Evaluate it on Fashion-MNIST (--dataset fashion, or --data a folder of its files), or pass --force to evaluate it anyway.\n"
        )

        let forced = try CLI.run(
            ["evaluate", "--model", model, "--dataset", "mnist", "--data", data.path, "--force", "--threads", "1"])
        #expect(forced.status == 0, "\(forced.error)")
        #expect(forced.error.hasPrefix("warning: \(model) was trained on Fashion-MNIST, but \(data.path) holds MNIST"))
        #expect(forced.lines.contains("confusion matrix (rows: true class, columns: predicted class)"))
        #expect(forced.lines.contains { $0.hasPrefix("  9 Ankle boot  ") })
        #expect(forced.lines.contains("class          precision   recall  images"))

        // The report and the ONNX file name the data set and its classes.
        let report = folder.appendingPathComponent("report")
        let reported = try CLI.run(
            ["evaluate", "--model", model, "--data", data.path, "--report", report.path, "--threads", "1"])
        #expect(reported.status == 0, "\(reported.error)")
        let html = try String(contentsOf: report.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("<h1>Fashion-MNIST model report</h1>"))
        #expect(html.contains("<td>9 Ankle boot</td>"))
        #expect(html.contains("Each row is a true class, each column the class the network predicted"))
        let onnx = folder.appendingPathComponent("fashion.onnx")
        #expect(try CLI.run(["export", "--model", model, "--onnx", onnx.path]).status == 0)
        let onnxText = String(decoding: try Data(contentsOf: onnx), as: UTF8.self)
        #expect(onnxText.contains("perceptron trained on Fashion-MNIST by SwiftMNIST"))
        #expect(onnxText.contains(#""Bag","Ankle boot"]"#))

        let json = try CLI.run(["evaluate", "--model", model, "--data", data.path, "--json", "-"])
        #expect(json.status == 0, "\(json.error)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(object["dataset"] as? String == "fashion")
        let classes = try #require(object["digits"] as? [[String: Any]])
        #expect(classes.map { $0["class_name"] as? String }.last == "Ankle boot")
    }

    /// Real MNIST files are recognized by their checksums: no --dataset is needed to refuse them.
    @Test func realMNISTFilesAreRecognized() throws {
        guard let mirror = Fixtures.sharedMNIST else { return print("skipping: no ../shared/mnist") }
        let folder = Fixtures.temporaryDirectory("dataset-recognized")
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("fashion.safetensors").path
        let train = try CLI.run(
            ["train", "--dataset", "fashion", "--data", mirror.path, "--limit", "1000", "--save", model] + Self.quick)
        #expect(train.status == 0, "\(train.error)")
        let refused = try CLI.run(["evaluate", "--model", model, "--data", mirror.path])
        #expect(refused.status == 1)
        #expect(
            refused.error.contains("was trained on Fashion-MNIST, but \(mirror.path) holds MNIST"), "\(refused.error)")
    }

    @Test func predictNamesTheClass() throws {
        let folder = Fixtures.temporaryDirectory("dataset-predict")
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data")
        _ = try SyntheticMNIST.write(to: data)
        let model = folder.appendingPathComponent("fashion.safetensors").path
        #expect(
            try CLI.run(["train", "--dataset", "fashion", "--data", data.path, "--save", model] + Self.quick).status
                == 0)
        var image = PixelImage(width: 120, height: 120, filledWith: [255, 255, 255])
        for y in 20..<100 {
            for x in 40..<80 { image[x: x, y: y, channel: 0] = 30 }
        }
        let file = folder.appendingPathComponent("trousers.png")
        try PNG.write(image, to: file)

        let text = try CLI.run(["predict", "--model", model, file.path])
        #expect(text.status == 0, "\(text.error)")
        let names = [
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
        ]
        let line = try #require(text.lines.first)
        #expect(line.hasPrefix("\(file.path): "))
        #expect(names.contains { line.hasPrefix("\(file.path): \($0) (") }, "\(line)")

        let json = try CLI.run(["predict", "--model", model, "--json", file.path])
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let result = try #require((object["results"] as? [[String: Any]])?.first)
        let digit = try #require(result["digit"] as? Int)
        #expect(result["class_name"] as? String == names[digit])
        #expect(result["runner_up_class_name"] as? String == names[try #require(result["runner_up"] as? Int)])
    }
}
