extension SwiftKernel {
    /// A matrix operand seen through strides: element `(i, j)` is at
    /// `base[i · rowStride + j · columnStride]`.
    ///
    /// A transposed operand is the same storage with the strides swapped, so the packing code
    /// and the micro-kernel read every layout directly and no transpose is ever materialised.
    struct StridedMatrix {
        let base: UnsafePointer<Float>
        let rowStride: Int
        let columnStride: Int

        /// The pointer to element `(row, column)`.
        @inline(__always)
        func address(row: Int, column: Int) -> UnsafePointer<Float> {
            base + (row &* rowStride &+ column &* columnStride)
        }
    }

    /// The row-major result matrix `C`.
    struct OutputMatrix {
        let base: UnsafeMutablePointer<Float>
        let rowStride: Int

        @inline(__always)
        func address(row: Int, column: Int) -> UnsafeMutablePointer<Float> {
            base + (row &* rowStride &+ column)
        }

        /// `C = beta · C` over the top-left `rows × columns`, writing zeros without reading
        /// `C` when `beta` is zero (the whole product when `k` or `alpha` is zero).
        func scale(rows: Int, columns: Int, by beta: Float) {
            for row in 0..<rows {
                let start = address(row: row, column: 0)
                if beta == 0 {
                    start.update(repeating: 0, count: columns)
                } else {
                    for column in 0..<columns { start[column] *= beta }
                }
            }
        }
    }
}
