/// How closely a kernel's products match the reference kernel's, the check the benchmark
/// runs before it times anything. Package access: only `mnist bench` and the tests use it.
package enum KernelAgreement {
    /// The error bound kernels must meet: every element of C within
    /// `tolerance · (|reference| + 1)` of the reference (float32 sums of up to a few thousand
    /// terms in a different order differ by far less).
    package static let tolerance: Float = 1e-4

    /// The largest `|C − C_reference| / (|C_reference| + 1)` over C for `shape`, with A and B
    /// drawn uniformly from [−1, 1] using `seed`.
    package static func maximumRelativeError(
        of kernel: any GEMMKernel, on shape: GEMMShape, seed: UInt64 = 1
    ) -> Float {
        var generator = RandomGenerator(seed: seed)
        func random(_ count: Int) -> [Float] { (0..<count).map { _ in Float(generator.nextUnitDouble() * 2 - 1) } }
        let a = random(shape.m * shape.k)
        let b = random(shape.k * shape.n)
        var expected = [Float](repeating: 0, count: shape.m * shape.n)
        var actual = [Float](repeating: .nan, count: shape.m * shape.n)
        shape.run(ReferenceKernel(), a: a, b: b, c: &expected)
        shape.run(kernel, a: a, b: b, c: &actual)
        var worst: Float = 0
        for index in expected.indices {
            let error = abs(actual[index] - expected[index]) / (abs(expected[index]) + 1)
            worst = max(worst, error.isNaN ? .infinity : error)
        }
        return worst
    }
}
