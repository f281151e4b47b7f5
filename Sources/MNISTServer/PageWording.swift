#if Server
import MNIST

/// How the page asks for an image and names what it reads, by the model's data set: "Draw a
/// digit" for the digits only; for product photos (Fashion-MNIST) it asks for a picture to
/// upload; for other handwriting (Kuzushiji-MNIST) a character to draw.
struct PageWording: Encodable, Equatable {
    /// The page's heading and title.
    var heading: String
    /// The heading of the panel that takes the image.
    var panel: String
    /// The note under it: how to give the image.
    var note: String
    /// What the answer panel says before there is an image.
    var prompt: String
    /// What the 28×28 input panel says it shows; nil for the digits, whose note the page has.
    var seen: String?
    /// The heading of the map of the test set, and its note; nil for the digits, whose words
    /// the page has.
    var mapHeading: String?
    var mapNote: String?

    init(_ dataSet: DataSet) {
        switch (dataSet.isDigits, dataSet.imagePreparation) {
        case (true, _):
            heading = "Draw a digit"
            panel = "Your digit"
            note =
                "Draw one digit with the mouse, a finger or a pen; the answer updates as you draw. You can also drop an image file here or upload one."
            prompt = "Draw a digit in the box."
            seen = nil
        case (false, .productPhoto):
            heading = "Upload a picture"
            panel = "Your picture"
            note =
                "Upload (or drop here) a photo of one \(dataSet.title) item, such as a shoe, a bag or a shirt, whole and on a plain light background, like a shop's product photo. It is trimmed, scaled to 28×28 and negated as the data set's images were."
            prompt = "Upload a picture of one item."
            seen =
                "Your picture after the same preparation as mnist predict: trimmed to the item, scaled to 28 pixels on its longest side, sharpened, centred and negated, like the \(dataSet.title) images. These 784 pixels are all it reads."
            (mapHeading, mapNote) = Self.map(yours: "picture")
        case (false, .handwriting):
            heading = "Draw a character"
            panel = "Your character"
            note =
                "Draw one \(dataSet.title) character (\(dataSet.classNames.joined(separator: ", "))) with the mouse, a finger or a pen, or drop an image file here or upload one."
            prompt = "Draw a character in the box."
            seen =
                "Your drawing after the same preparation as mnist predict: cropped to the ink, scaled to 20×20 and centred in 28×28, like the \(dataSet.title) characters. These 784 pixels are all it reads."
            (mapHeading, mapNote) = Self.map(yours: "character")
        }
    }

    /// The map's heading and note for a data set of named classes, where the page's image is
    /// `yours` (`picture`).
    private static func map(yours: String) -> (heading: String, note: String) {
        (
            "Where your \(yours) lands",
            "The 10,000 test images, each placed by what the network's last hidden layer made of it: its activations projected on their two principal axes, the directions in which they vary most. Dots are coloured by true class; a ring marks an image the network got wrong; the black cross is your \(yours). Hover over a dot (tap it on a phone) to see that test image."
        )
    }
}
#endif
