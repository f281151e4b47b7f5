// The guide's articles (SwiftMNISTGuide.docc) link to symbols of NeuralNet, MNIST and Charts.
// DocC resolves a catalog's links only into the modules its target depends on, so the articles
// live in this target, which depends on all three and has no code of its own.
