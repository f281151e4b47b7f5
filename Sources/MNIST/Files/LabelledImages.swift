import Foundation

/// Grayscale images with a digit label each, kept as bytes exactly as the files hold them.
public struct LabelledImages: Sendable {
    /// Pixel rows and columns of every image.
    public let height: Int
    /// Pixel columns of every image.
    public let width: Int
    /// `count × height × width` bytes, 0 (paper) to 255 (ink), image after image.
    public let pixels: [UInt8]
    /// One label per image, 0 to 9.
    public let labels: [UInt8]

    /// The number of images.
    public var count: Int { labels.count }
    /// `height × width`, 784 for MNIST.
    public var pixelsPerImage: Int { height * width }

    /// Images of `height × width` bytes each, image after image in `pixels`, with one label each.
    public init(height: Int, width: Int, pixels: [UInt8], labels: [UInt8]) {
        precondition(pixels.count == labels.count * height * width, "pixel count does not match labels")
        self.height = height
        self.width = width
        self.pixels = pixels
        self.labels = labels
    }

    /// Reads and validates an image file and its label file: a 3-dimensional IDX array of
    /// `height × width` images, a 1-dimensional array of labels 0–9, equally many of each.
    public init(images imageURL: URL, labels labelURL: URL, height: Int = 28, width: Int = 28) throws(DataError) {
        let imageName = imageURL.lastPathComponent
        let labelName = labelURL.lastPathComponent
        let images = try IDXArray(contentsOf: imageURL)
        guard images.dimensions.count == 3 else {
            throw .wrongShape(
                imageName, expected: "a list of images (3 dimensions)", found: "\(images.dimensions.count) dimensions")
        }
        guard images.dimensions[1] == height, images.dimensions[2] == width else {
            throw .wrongShape(
                imageName, expected: "\(height)×\(width) images",
                found: "\(images.dimensions[1])×\(images.dimensions[2]) images")
        }
        let labels = try IDXArray(contentsOf: labelURL)
        guard labels.dimensions.count == 1 else {
            throw .wrongShape(
                labelName, expected: "a list of labels (1 dimension)", found: "\(labels.dimensions.count) dimensions")
        }
        guard images.dimensions[0] == labels.dimensions[0] else {
            throw .countMismatch(
                images: images.dimensions[0], labels: labels.dimensions[0], imageFile: imageName, labelFile: labelName)
        }
        if let bad = labels.bytes.firstIndex(where: { $0 > 9 }) {
            throw .invalidLabel(labelName, index: bad, value: labels.bytes[bad])
        }
        self.init(height: height, width: width, pixels: images.bytes, labels: labels.bytes)
    }

    /// The images in `range`, as a data set of their own.
    public func slice(_ range: Range<Int>) -> LabelledImages {
        LabelledImages(
            height: height, width: width,
            pixels: Array(pixels[range.lowerBound * pixelsPerImage..<range.upperBound * pixelsPerImage]),
            labels: Array(labels[range]))
    }
}

extension LabelledImages {
    /// Splits off the last `validationCount` images as a validation set.
    public func split(validationCount: Int) -> (training: LabelledImages, validation: LabelledImages) {
        precondition(validationCount >= 0 && validationCount < count, "validation set must leave training images")
        return (slice(0..<count - validationCount), slice(count - validationCount..<count))
    }
}
