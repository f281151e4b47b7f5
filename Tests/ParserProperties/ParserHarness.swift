import Foundation

/// One parser the fuzzers exercise, with the properties its output must have. Each libFuzzer
/// harness in `Fuzz/` is one case, and the test suite replays the inputs kept in
/// `Tests/ParserRegressions/<case>/` through the same check.
@_spi(Fuzzing) public enum ParserHarness: String, CaseIterable, Sendable {
    /// `IDXArray(parsing:)` on raw IDX bytes.
    case idx
    /// `IDXArray(reading:)`, which decompresses gzip first, as `mnist` reads its data files.
    case idxGzip = "idx-gzip"
    /// `Gzip.decompress` alone.
    case gzip
    /// `PNG.decode`, and the PNG writer on what it decodes.
    case png
    /// `JPEG.decode` (which applies the Exif orientation), and the JPEG writer.
    case jpeg
    /// `PNM.decode` (PGM and PPM, plain and binary).
    case pnm
    /// `ExifOrientation(jpeg:)` and turning an image upright.
    case exif
    /// `SafeTensors(parsing:)` (header and data), and the writer on what it reads.
    case safetensors
    /// `ModelFile(parsing:)`: a model's tensors and metadata checks, and its writer.
    case modelFile = "model-file"
    /// What `mnist serve` reads from requests: `PredictionRequest`, `TrainingRequest.parse`
    /// and `ServedFolder.file(at:)`.
    case serverRequest = "server-request"

    /// The largest image the harnesses decode. Far below the default limit, so that a
    /// mutated header cannot make every run allocate and decode hundreds of megabytes; the
    /// limit check itself is the same code.
    public static let pixelLimit = 1 << 18

    /// Runs the parser on `bytes`. Rejecting them with its error is fine; throws
    /// `PropertyViolation` when the parser accepts them but returns something inconsistent.
    public func check(_ bytes: Data) throws(PropertyViolation) {
        switch self {
        case .idx: try DataFileProperties.checkIDX(bytes)
        case .idxGzip: try DataFileProperties.checkIDXFile(bytes)
        case .gzip: try DataFileProperties.checkGzip(bytes)
        case .png: try ImageProperties.checkPNG(bytes)
        case .jpeg: try ImageProperties.checkJPEG(bytes)
        case .pnm: try ImageProperties.checkPNM(bytes)
        case .exif: try ImageProperties.checkExif(bytes)
        case .safetensors: try SafeTensorsProperties.checkSafeTensors(bytes)
        case .modelFile: try SafeTensorsProperties.checkModelFile(bytes)
        case .serverRequest: try ServerRequestProperties.check(bytes)
        }
    }

    /// The body of a libFuzzer `LLVMFuzzerTestOneInput`: checks the input and traps on a
    /// violated property, which libFuzzer reports as a crash and keeps the input of.
    public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
        do {
            try check(Data(bytes: data, count: size))
        } catch {
            fatalError("\(rawValue): \(error)")
        }
        return 0
    }
}
