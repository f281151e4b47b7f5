import Foundation

extension ModelFile {
    /// The class names as the `class_names` key holds them: a JSON array, slashes unescaped.
    static func classNamesText(_ names: [String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        // An array of strings always encodes.
        return String(decoding: try! encoder.encode(names), as: UTF8.self)
    }

    /// The data set a file's metadata names: a built-in one by its name (MNIST when there is
    /// no name), with the file's class names when it has them; an unknown name becomes a data
    /// set of its own, with the file's class names (the digits when it has none) and
    /// `normalization`, prepared as handwriting and fetched from nowhere.
    static func dataSet(
        in metadata: [String: String], normalization: Normalization, path: String
    ) throws(ModelFileError) -> DataSet {
        let name = metadata[Key.dataSet] ?? DataSet.mnist.name
        var dataSet =
            DataSet.named(name)
            ?? DataSet(
                name: name, title: name, classNames: DataSet.mnist.classNames, checksums: [:], mirrors: [],
                normalization: normalization, imagePreparation: .handwriting)
        if let text = metadata[Key.classNames] {
            guard let names = try? JSONDecoder().decode([String].self, from: Data(text.utf8)),
                names.count == classCount
            else {
                throw .notAModel(
                    path, reason: "its metadata's \(Key.classNames) is not a JSON array of \(classCount) names")
            }
            dataSet.classNames = names
        }
        return dataSet
    }
}
