import Images

/// How a person's image is made to look like a data set's own images.
public enum ImagePreparation: String, Sendable, Equatable {
    /// As MNIST's digits were made (`DigitPreprocessor`): ink told from paper, cropped, strokes
    /// thickened when thin, fitted to a 20×20 box, centred on its centre of mass in 28×28.
    /// Kuzushiji-MNIST's characters were prepared the same way.
    case handwriting
    /// As Fashion-MNIST's product photos were made (`ProductPhotoPreprocessor`, after Xiao,
    /// Rasul and Vollgraf 2017): trimmed, the longest edge resized to 28, sharpened, extended
    /// to 28×28, negated and made gray.
    case productPhoto
}

extension ImagePreparation {
    /// `image` prepared as this data set's images were made: 28×28 bytes, 0 background and
    /// 255 ink (or product); `name` names the image in errors.
    public func prepare(_ image: PixelImage, name: String) throws(DigitImageError) -> PreparedDigit {
        switch self {
        case .handwriting: try DigitPreprocessor.prepare(image, name: name)
        case .productPhoto: try ProductPhotoPreprocessor.prepare(image, name: name)
        }
    }
}
