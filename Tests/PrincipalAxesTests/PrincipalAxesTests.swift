import NeuralNet
import Testing

@testable import PrincipalAxes

/// The eigen-decompositions against their definition (A·v = λ·v, orthonormal vectors), against
/// each other (LAPACKE and the Swift Jacobi rotations, in the OpenBLAS build), and the
/// principal axes against points drawn along known directions.
@Suite struct PrincipalAxesTests {
    /// A symmetric `[size, size]` matrix of normal numbers, as a covariance would be: Bᵀ·B.
    static func symmetric(size: Int, seed: UInt64) -> [Double] {
        var generator = RandomGenerator(seed: seed)
        let b = (0..<size * size).map { _ in generator.nextNormal() }
        var a = [Double](repeating: 0, count: size * size)
        for i in 0..<size {
            for j in 0..<size {
                for k in 0..<size { a[i * size + j] += b[k * size + i] * b[k * size + j] }
            }
        }
        return a
    }

    @Test(arguments: EigenSolver.allCases, [1, 2, 7, 64])
    func eigenpairsSatisfyTheirDefinition(solver: EigenSolver, size: Int) {
        let a = Self.symmetric(size: size, seed: UInt64(size))
        let (values, vectors) = solver.decompose(a, size: size)
        let scale = values.map(abs).max() ?? 1
        // LAPACKE works in single precision, Jacobi in double.
        let tolerance = solver == .jacobi ? 1e-9 : 1e-4
        #expect(values == values.sorted(), "eigenvalues ascend")
        for (value, vector) in zip(values, vectors) {
            for i in 0..<size {
                let product = (0..<size).reduce(0.0) { $0 + a[i * size + $1] * vector[$1] }
                #expect(abs(product - value * vector[i]) <= tolerance * scale, "row \(i) of A·v = λ·v")
            }
        }
        for i in 0..<size {
            for j in 0..<size {
                let dot = zip(vectors[i], vectors[j]).reduce(0.0) { $0 + $1.0 * $1.1 }
                #expect(abs(dot - (i == j ? 1 : 0)) <= tolerance * 10, "vectors \(i)·\(j)")
            }
        }
    }

    #if OpenBLAS
    /// LAPACKE and the Swift path give the same two axes (signs made alike by the convention).
    @Test(arguments: [3, 16, 64])
    func lapackeAndJacobiGiveTheSameAxes(dimension: Int) {
        var generator = RandomGenerator(seed: 9)
        // Coordinates of different spread, so that the top eigenvalues are well apart.
        let points = (0..<2_000 * dimension).map { Float(generator.nextNormal() * Double(1 + $0 % dimension)) }
        let lapacke = PrincipalAxes(points: points, dimension: dimension, solver: .lapacke)
        let jacobi = PrincipalAxes(points: points, dimension: dimension, solver: .jacobi)
        for (a, b) in zip(lapacke.axes, jacobi.axes) {
            #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 1e-3 }, "\(a) against \(b)")
        }
        for (a, b) in zip(lapacke.varianceShares, jacobi.varianceShares) { #expect(abs(a - b) <= 1e-4) }
    }
    #endif

    /// Points spread 5 along (3, 4)/5 and 1 along (−4, 3)/5 around (10, −2), on any solver.
    @Test(arguments: EigenSolver.allCases)
    func axesOfAnElongatedCloud(solver: EigenSolver) {
        var generator = RandomGenerator(seed: 4)
        var points: [Float] = []
        for _ in 0..<20_000 {
            let (u, v) = (generator.nextNormal() * 5, generator.nextNormal())
            points += [Float(10 + u * 0.6 - v * 0.8), Float(-2 + u * 0.8 + v * 0.6)]
        }
        let axes = PrincipalAxes(points: points, dimension: 2, solver: solver)
        #expect(abs(axes.mean[0] - 10) < 0.1 && abs(axes.mean[1] + 2) < 0.1)
        // The sign convention: the largest coordinate positive.
        #expect(abs(axes.axes[0][0] - 0.6) < 0.02 && abs(axes.axes[0][1] - 0.8) < 0.02, "\(axes.axes[0])")
        #expect(abs(axes.axes[1][0] - 0.8) < 0.02 && abs(axes.axes[1][1] + 0.6) < 0.02, "\(axes.axes[1])")
        #expect(abs(axes.varianceShares[0] - 25.0 / 26) < 0.01)
        let projected = axes.project([Float(10 + 0.6 * 2), Float(-2 + 0.8 * 2)])
        #expect(abs(projected[0] - 2) < 0.05 && abs(projected[1]) < 0.05, "\(projected)")
    }
}
