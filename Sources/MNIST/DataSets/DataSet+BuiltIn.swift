import Foundation

extension DataSet {
    /// MNIST (LeCun, Cortes and Burges): handwritten digits, the default.
    public static let mnist = DataSet(
        name: "mnist", title: "MNIST", classNames: (0..<10).map(String.init),
        checksums: Dictionary(uniqueKeysWithValues: MNISTFile.allCases.map { ($0, .content($0.sha256)) }),
        mirrors: MNISTMirror.defaults, normalization: .mnist, imagePreparation: .handwriting)

    /// Fashion-MNIST (Xiao, Rasul and Vollgraf 2017, MIT licence): Zalando's product photos.
    ///
    /// Its authors publish MD5s of their `.gz` files only. The SHA-256s here are of the
    /// decompressed content of Debian's package `dataset-fashion-mnist`, which recompressed the
    /// original files (so its archives differ from the originals while their content does not):
    /// `zcat FILE | sha256sum` in `/usr/share/datasets/fashion-mnist`. The mean and standard
    /// deviation are those of the 47,040,000 training pixels scaled to [0, 1].
    public static let fashion = DataSet(
        name: "fashion", title: "Fashion-MNIST",
        classNames: [
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
        ],
        checksums: [
            .trainingImages: .content("c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
            .trainingLabels: .content("bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
            .testImages: .content("5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
            .testLabels: .content("0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
        ],
        mirrors: [.web(URL(string: "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")!)],
        normalization: Normalization(mean: 0.2860, standardDeviation: 0.3530), imagePreparation: .productPhoto,
        distortions: .productPhotos)

    /// Kuzushiji-MNIST (Clanuwat et al. 2018, CC BY-SA 4.0): one cursive hiragana character
    /// for each of the 10 rows of the hiragana table, named here by its romanization (お o,
    /// き ki, す su, つ tsu, な na, は ha, ま ma, や ya, れ re, を wo).
    ///
    /// Not verified here, since no copy of it was at hand: the checksums are the SHA-256s of
    /// the original `.gz` archives on codh.rois.ac.jp as published in ankane/torchvision-ruby
    /// (`lib/torchvision/datasets/kmnist.rb`), so only those archives pass, not recompressed
    /// copies; the mean and standard deviation are the values commonly passed to PyTorch's
    /// `Normalize` for KMNIST (0.1918, 0.3483), not measured by us.
    public static let kmnist = DataSet(
        name: "kmnist", title: "Kuzushiji-MNIST",
        classNames: ["o", "ki", "su", "tsu", "na", "ha", "ma", "ya", "re", "wo"],
        checksums: [
            .trainingImages: .archive("51467d22d8cc72929e2a028a0428f2086b092bb31cfb79c69cc0a90ce135fde4"),
            .trainingLabels: .archive("e38f9ebcd0f3ebcdec7fc8eabdcdaef93bb0df8ea12bee65224341c8183d8e17"),
            .testImages: .archive("edd7a857845ad6bb1d0ba43fe7e794d164fe2dce499a1694695a792adfac43c5"),
            .testLabels: .archive("20bb9a0ef54c7db3efc55a92eef5582c109615df22683c380526788f98e42a1c"),
        ],
        mirrors: [.web(URL(string: "http://codh.rois.ac.jp/kmnist/dataset/kmnist/")!)],
        normalization: Normalization(mean: 0.1918, standardDeviation: 0.3483), imagePreparation: .handwriting)
}
