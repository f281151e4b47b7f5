import ArgumentParser
import Foundation
import MNIST
import NeuralNet

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare the GEMM kernels: agreement, GFLOP/s per training shape, training samples/s.",
        discussion: """
            First checks that every kernel matches the reference kernel on every GEMM shape of a \
            training step, then times each shape and whole training epochs for every kernel, batch \
            size and thread count, with the Swift/BLAS ratio per row. The epochs train what \
            `mnist train` trains with the same flags (by default the 784-128-64-10 model, SGD on a \
            cosine schedule).
            """)

    @OptionGroup var dataOptions: DataOptions

    @Option(
        help: ArgumentHelp("Time only this kernel (default: every kernel in this build).", valueName: "kernel"),
        transform: KernelOptions.parseKernel)
    var kernel: KernelKind?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Batch sizes for the training runs, comma-separated.", valueName: "sizes"))
    var batches = IntegerList([32, 64, 128, 256])

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Batch sizes for the GEMM shape timings, comma-separated.", valueName: "sizes"))
    var shapeBatches = IntegerList([64, 256])

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Thread settings, comma-separated: numbers and auto (default: 1, all cores, auto).", valueName: "settings"),
        transform: ThreadSettingList.init(parsing:))
    var threads = ThreadSettingList.standard

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Batch sizes for the runs under one-core contention, comma-separated; 0 skips them.", valueName: "sizes"))
    var contentionBatches = IntegerList([64, 256])

    @Option(
        parsing: .unconditional,
        help:
            "Timed epochs per kernel and thread setting (after one warm-up epoch each); the settings take turns, an epoch each, and the median is reported."
    )
    var epochs = 3

    @Option(parsing: .unconditional, help: "Train on only the first N training images per epoch (default: all 60,000).")
    var limit: Int?

    @Option(help: ArgumentHelp("Also write the results as JSON to this file.", valueName: "file"))
    var json: String?

    @OptionGroup(title: "What the training epochs train (as for mnist train)") var recipeOptions: RecipeOptions

    /// The recipe the timed epochs train at `batchSize`: `mnist train`'s, from the same flags,
    /// with the first layer on `firstLayer` when given.
    func recipe(batchSize: Int, firstLayer: FirstLayerPath? = nil) -> TrainingRecipe {
        var recipe = recipeOptions.recipe(
            epochs: TrainingRecipe().epochs, batchSize: batchSize, dataSet: dataOptions.dataSet)
        if let firstLayer { recipe.firstLayer = firstLayer }
        return recipe
    }

    func validate() throws {
        if let json { try OutputFile.checkWritable(json, flag: "--json", example: "bench.json") }
        try recipeOptions.validate(epochs: TrainingRecipe().epochs)
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1 (got \(epochs)).") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1 image (got \(limit)).") }
        for (name, list) in [("--batches", batches), ("--shape-batches", shapeBatches)] {
            guard !list.values.isEmpty, list.values.allSatisfy({ $0 >= 1 }) else {
                throw ValidationError("\(name) must list positive whole numbers such as 1,2.")
            }
        }
        guard !contentionBatches.values.isEmpty, contentionBatches.values.allSatisfy({ $0 >= 0 }) else {
            throw ValidationError(
                "--contention-batches must list positive whole numbers such as 64,256, or 0 to skip those runs.")
        }
    }

    func run() throws {
        // The data first: a missing file or a batch too large is said at once, not after the timings.
        let allImages = try dataOptions.reading(dataOptions.dataSet) { () throws(DataError) in
            try dataOptions.directory.trainingSet()
        }
        let images = allImages.slice(0..<min(limit ?? allImages.count, allImages.count))
        let largestBatch = (batches.values + contentionBatches.values).max()!
        guard largestBatch <= images.count else {
            throw CommandError(
                "a batch of \(largestBatch) (--batches, --contention-batches) is larger than the \(images.count) training images; use \(images.count) or less."
            )
        }
        let kernels = Dictionary(
            uniqueKeysWithValues: kinds.flatMap { kind in
                fixedThreadCounts.map { count in (Key(kind: kind, threads: .fixed(count)), kind.make(threads: count)) }
            })
        var measurements = BenchmarkResults(machine: .current(openblas: openBLASConfiguration))
        print(
            "machine: \(measurements.machine.cpu), \(measurements.machine.cores) cores\(measurements.machine.openblas.map { "; \($0)" } ?? "")"
        )
        let network = MLP(sizes: recipe(batchSize: 1).layerSizes(inputs: 28 * 28))
        let table = RatioTable(kinds: kinds, valueWidth: 9)

        try checkAgreement(of: network, into: &measurements)  // before any timing
        timeShapes(of: network, kernels: kernels, table: table, into: &measurements)

        print(
            "\ntraining the \(network.architecture) MLP (\(recipe(batchSize: 1).optimizerSummary)) on \(Format.grouped(images.count)) images, samples/s (median of \(epochs) epochs after a warm-up; the settings take turns, an epoch each):"
        )
        // The dense first layer beside the recipe's (auto by default), in the same turns.
        let path = recipe(batchSize: 1).firstLayer
        let paths: [FirstLayerPath] = path == .dense ? [.dense] : [.dense, path]
        let trainingRates = try timeTraining(
            batches: batches.values, contention: false, paths: paths, images: images, table: table,
            into: &measurements)
        if paths.count > 1 { printFirstLayerComparison(trainingRates) }
        printDenseLimit(of: network, trainingRates: trainingRates, into: &measurements)
        timeAugmentation(on: images, into: &measurements)
        if !contentionBatches.values.contains(0) {
            print("\nthe same under one-core contention (another process keeps a core busy):")
            let hog = try CoreHog()
            defer { hog.stop() }
            _ = try timeTraining(
                batches: contentionBatches.values, contention: true, paths: [recipe(batchSize: 1).firstLayer],
                images: images, table: table, into: &measurements)
        }

        if let json {
            try measurements.write(to: URL(fileURLWithPath: json))
            print("\nwrote \(json)")
        }
    }

    /// The kernels to time: the one `--kernel` names, or every kernel in this build.
    private var kinds: [KernelKind] { kernel.map { [$0] } ?? KernelKind.allCases }

    /// The thread counts of the fixed thread settings, such as 1 and 2.
    private var fixedThreadCounts: [Int] {
        threads.settings.compactMap { if case let .fixed(count) = $0 { count } else { nil } }
    }

    /// Checks that every kernel agrees with the reference kernel on every GEMM shape of a
    /// training step of `network`; throws rather than time a wrong kernel.
    private func checkAgreement(of network: MLP, into measurements: inout BenchmarkResults) throws {
        let threadCount = fixedThreadCounts.max() ?? 1
        let shapes = shapeBatches.values.flatMap { GEMMShape.trainingStep(of: network, batchSize: $0) }
        print(
            "\nagreement with the reference kernel (largest |C − C_ref| / (|C_ref| + 1), bound \(KernelAgreement.tolerance)):"
        )
        for shape in Array(Set(shapes)).sorted(by: { $0.description < $1.description }) {
            var cells: [String] = []
            for kind in kinds {
                let error = KernelAgreement.maximumRelativeError(of: kind.make(threads: threadCount), on: shape)
                guard error <= KernelAgreement.tolerance else {
                    throw BenchmarkError.disagreement(
                        kernel: kind.rawValue, shape: shape.description, error: Double(error))
                }
                cells.append("\(kind.rawValue) \(String(format: "%.1e", error))")
                measurements.results.append(
                    .init(
                        benchmark: "agreement", kernel: kind.rawValue, threads: threadCount, batch: shape.m,
                        shape: shape.description, maximumRelativeError: Double(error)))
            }
            print("  \(shape.description.padded(to: 16)) \(cells.joined(separator: "  "))  ok")
        }
    }

    /// Times each GEMM shape of a training step of `network`, for every kernel and fixed thread count.
    private func timeShapes(
        of network: MLP, kernels: [Key: any GEMMKernel], table: RatioTable, into measurements: inout BenchmarkResults
    ) {
        print("\nGEMM shapes of a training step, GFLOP/s (median of 5):")
        print("  " + "batch".padded(to: 7) + "shape".padded(to: 17) + "threads".padded(to: 9) + table.header)
        for batch in shapeBatches.values {
            for shape in GEMMShape.trainingStep(of: network, batchSize: batch) {
                for count in fixedThreadCounts {
                    let rates = kinds.map { kind in
                        GEMMTiming.gflops(of: kernels[Key(kind: kind, threads: .fixed(count))]!, on: shape)
                    }
                    for (kind, rate) in zip(kinds, rates) {
                        measurements.results.append(
                            .init(
                                benchmark: "gemm", kernel: kind.rawValue, threads: count, batch: batch,
                                shape: shape.description, gflops: rate))
                    }
                    print(
                        "  " + "\(batch)".padded(to: 7) + shape.description.padded(to: 17) + "\(count)".padded(to: 9)
                            + table.row(rates, decimals: 1))
                }
            }
        }
    }

    /// Times preparing batches of 64 with each augmentation, on one thread and on all cores,
    /// against the training step they feed, and prints how much ink the distorted images have.
    private func timeAugmentation(on images: LabelledImages, into measurements: inout BenchmarkResults) {
        print(
            "\npreparing a batch of 64 distorted images, microseconds (median of 100); entries that differ from the blank value, and group-columns the sparse first layer reads:"
        )
        let training = NormalizedImages(images, normalization: recipe(batchSize: 1).normalization)
        let threadCounts = Array(Set([1, ProcessInfo.processInfo.activeProcessorCount])).sorted()
        for augmentation in Augmentation.allCases {
            let measured = threadCounts.map {
                AugmentationTiming.measure(augmentation, threads: $0, batchSize: 64, data: training)
            }
            for (threads, measurement) in zip(threadCounts, measured) {
                measurements.results.append(
                    .init(
                        benchmark: "augmentation", threads: threads, batch: 64, augmentation: augmentation.rawValue,
                        microsecondsPerBatch: measurement.microsecondsPerBatch, inkedShare: measurement.inkedShare,
                        groupColumnShare: measurement.groupColumnShare))
            }
            let times = zip(threadCounts, measured).map { threads, measurement in
                "\(Format.fixed(measurement.microsecondsPerBatch, 0)) on \(Format.counted(threads, "thread"))"
            }
            let ink = measured.last!
            print(
                "  " + augmentation.rawValue.padded(to: 9) + times.joined(separator: ", ")
                    + "; inked \(Format.percent(ink.inkedShare, decimals: 1)), group-columns \(Format.percent(ink.groupColumnShare, decimals: 1))"
            )
        }
    }

    /// Times training epochs for every batch size, thread setting and first-layer path of
    /// `paths`, each kernel in its own run, all in turns; prints the table of the last path
    /// (the recipe's) and returns every row.
    private func timeTraining(
        batches: [Int], contention: Bool, paths: [FirstLayerPath], images: LabelledImages, table: RatioTable,
        into measurements: inout BenchmarkResults
    ) throws -> [TrainingRow] {
        var rows: [TrainingRow] = []
        print("  " + "batch".padded(to: 7) + "threads".padded(to: 9) + table.header)
        for batch in batches {
            // Every kernel, thread setting and path of this batch size in turns, an epoch each.
            let keys = threads.settings.flatMap { setting in
                paths.flatMap { path in kinds.map { (kind: $0, threads: setting, path: path) } }
            }
            let results = try TrainingTiming.measure(
                keys.map { ($0.kind.make($0.threads), recipe(batchSize: batch, firstLayer: $0.path)) }, images: images,
                epochs: epochs)
            for (key, result) in zip(keys, results) {
                measurements.results.append(
                    .init(
                        benchmark: "training", kernel: key.kind.rawValue, threads: key.threads.count, batch: batch,
                        samplesPerSecond: result.samplesPerSecond, automaticThreads: key.threads.isAutomatic,
                        contention: contention, firstLayer: key.path.rawValue,
                        sparseFirstLayerShare: result.sparseFirstLayerShare))
            }
            for (offset, chunk) in stride(from: 0, to: keys.count, by: kinds.count).enumerated() {
                let key = keys[chunk]
                let measured = results[chunk..<chunk + kinds.count]
                rows.append(
                    TrainingRow(
                        batch: batch, threads: key.threads, path: key.path, rates: measured.map(\.samplesPerSecond),
                        sparseShares: measured.map(\.sparseFirstLayerShare)))
                if offset % paths.count == paths.count - 1 {
                    print(
                        "  " + "\(batch)".padded(to: 7) + key.threads.shortName.padded(to: 9)
                            + table.row(rows.last!.rates, decimals: 0))
                }
            }
        }
        return rows
    }

    /// Prints each kernel's rate on the dense first layer beside its rate on the recipe's
    /// path, their ratio, and the share of batches that took the sparse products.
    private func printFirstLayerComparison(_ rows: [TrainingRow]) {
        let path = recipe(batchSize: 1).firstLayer
        print(
            "\nfirst layer, dense against \(path.rawValue) (samples/s of the runs above, which took turns with these; ratio; share of batches on the sparse path):"
        )
        print(
            "  " + "batch".padded(to: 7) + "threads".padded(to: 9)
                + kinds.map {
                    "\($0.rawValue): dense".leftPadded(to: 14) + path.rawValue.leftPadded(to: 9)
                        + "ratio".leftPadded(to: 7) + "sparse".leftPadded(to: 8)
                }
                .joined())
        for row in rows where row.path == path {
            guard
                let dense = rows.first(where: {
                    $0.batch == row.batch && $0.threads == row.threads && $0.path == .dense
                })
            else { continue }
            let cells = kinds.indices.map { index in
                Format.fixed(dense.rates[index], 0).leftPadded(to: 14)
                    + Format.fixed(row.rates[index], 0).leftPadded(to: 9)
                    + (Format.fixed(row.rates[index] / dense.rates[index], 2) + "×").leftPadded(to: 7)
                    + Format.percent(row.sparseShares[index], decimals: 1).leftPadded(to: 8)
            }
            print("  " + "\(row.batch)".padded(to: 7) + row.threads.shortName.padded(to: 9) + cells.joined())
        }
    }

    /// Prints, for every thread setting, the sgemm peak with that many threads (the better
    /// kernel on a 2048³ product), the dense limit it sets for `network`, and each training
    /// row's rate as a fraction of that limit.
    private func printDenseLimit(
        of network: MLP, trainingRates: [TrainingRow], into measurements: inout BenchmarkResults
    ) {
        let flopsPerSample = DenseLimit.flopsPerSample(of: network)
        print(
            "\ndense limit: \(Format.fixed(flopsPerSample / 1e3, 0)) kFLOP per training sample of the \(network.architecture) MLP (forward and weight gradients of every layer, input gradients of all but the first); limit = sgemm peak (the better kernel on a \(DenseLimit.peakShape.description) product, same threads) ÷ that:"
        )
        print(
            "  " + "threads".padded(to: 9) + "peak GFLOP/s".padded(to: 22) + "limit samples/s".padded(to: 17)
                + "training rate ÷ limit (batch, first layer: \(kinds.map(\.rawValue).joined(separator: " ")))")
        // One peak per thread count: `auto` runs on at most as many threads as all cores.
        let peaks = Dictionary(
            uniqueKeysWithValues: Set(threads.settings.map(\.count)).map { count in
                (count, DenseLimit.peak(of: kinds.map { ($0, $0.make(threads: count)) }))
            })
        for setting in threads.settings {
            let (peak, kind) = peaks[setting.count]!
            let limit = DenseLimit(peakFlops: peak, flopsPerSample: flopsPerSample)
            measurements.results.append(
                .init(
                    benchmark: "dense limit", kernel: kind.rawValue, threads: setting.count, batch: 0,
                    shape: DenseLimit.peakShape.description, gflops: peak / 1e9,
                    samplesPerSecond: limit.samplesPerSecond,
                    automaticThreads: setting.isAutomatic))
            let fractions = trainingRates.filter { $0.threads == setting }.map { row in
                "\(row.batch) \(row.path.rawValue): "
                    + row.rates.map { Format.fixed(limit.fraction(of: $0), 2) }.joined(separator: " ")
            }
            print(
                "  " + setting.shortName.padded(to: 9)
                    + "\(Format.fixed(peak / 1e9, 1)) (\(kind.rawValue))".padded(to: 22)
                    + Format.grouped(Int(limit.samplesPerSecond)).padded(to: 17) + fractions.joined(separator: ", "))
        }
    }

    /// One row of the training tables: each kernel's samples/s, and share of batches on the
    /// sparse first layer, at one batch size, thread setting and first-layer path.
    private struct TrainingRow {
        var batch: Int
        var threads: ThreadSetting
        var path: FirstLayerPath
        var rates: [Double]
        var sparseShares: [Double]
    }

    private struct Key: Hashable {
        var kind: KernelKind
        var threads: ThreadSetting
    }

    private var openBLASConfiguration: String? {
        #if OpenBLAS
        BLASKernel.configuration
        #else
        nil
        #endif
    }
}

/// Columns of one value per kernel, then the Swift/BLAS ratio when both are there.
struct RatioTable {
    let kinds: [KernelKind]
    let valueWidth: Int

    private var hasRatio: Bool { kinds.count == 2 }

    var header: String {
        kinds.map { $0.rawValue.leftPadded(to: valueWidth) }.joined()
            + (hasRatio ? "swift/blas".leftPadded(to: 12) : "")
    }

    func row(_ values: [Double], decimals: Int) -> String {
        let cells = values.map { Format.fixed($0, decimals).leftPadded(to: valueWidth) }.joined()
        guard hasRatio, let blas = kinds.firstIndex(where: { $0 != .swift }), let swift = kinds.firstIndex(of: .swift)
        else {
            return cells
        }
        return cells + Format.fixed(values[swift] / values[blas], 2).leftPadded(to: 12)
    }
}

enum BenchmarkError: Error, CustomStringConvertible {
    case disagreement(kernel: String, shape: String, error: Double)

    var description: String {
        switch self {
        case let .disagreement(kernel, shape, error):
            "the \(kernel) kernel disagrees with the reference on \(shape): relative error \(error) exceeds \(KernelAgreement.tolerance). Not timing a wrong kernel."
        }
    }
}
