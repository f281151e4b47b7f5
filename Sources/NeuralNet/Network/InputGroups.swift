/// The entries of a batch that differ from one common value (MNIST's blank pixel), found
/// ``rows`` at a time: for each group of rows, the columns in which any of them differs, and
/// each row's entry minus the common value there.
///
/// The first layer's sparse products (`SparseInput` for inference, `SparseFirstLayer` for
/// training) take their entries from here. Neighbouring images share much of their ink:
/// MNIST's test images have 151 inked pixels each, and four of them 298 together, so a group
/// of four lists about half the columns its rows would one by one, and one scan of the input
/// serves four rows.
final class InputGroups {
    /// The rows of a group.
    static let rows = 4

    /// The entries of a group's rows in one column.
    typealias Entries = SIMD4<Float>

    /// The columns of a row.
    let columns: Int
    /// The most groups read at once.
    let capacity: Int
    /// Group `g` of the rows read last has entries `starts[g]..<starts[g + 1]` of
    /// `columnIndices` and `entries`.
    let starts: UnsafeMutablePointer<Int>
    /// The columns in which some row of the group differs from the base, in order.
    let columnIndices: UnsafeMutablePointer<Int32>
    /// For each of `columnIndices`, `x[row, column] − base` of each row of the group.
    let entries: UnsafeMutablePointer<Entries>
    /// The groups of the rows read last.
    private(set) var count = 0

    /// Room for `capacity` groups of rows of `columns` entries.
    init(columns: Int, capacity: Int) {
        self.columns = columns
        self.capacity = capacity
        starts = .allocate(capacity: capacity + 1)
        starts.initialize(repeating: 0, count: capacity + 1)
        columnIndices = .allocate(capacity: capacity * columns)
        entries = .allocate(capacity: capacity * columns)
    }

    deinit {
        starts.deallocate()
        columnIndices.deallocate()
        entries.deallocate()
    }

    /// The groups that `rows` rows make.
    static func groups(rows: Int) -> Int { (rows + Self.rows - 1) / Self.rows }

    /// Reads the columns of each group of `rows` rows from `x` (`[rows, columns]`) in which some
    /// row differs from `base`, with the group's entries there. Stops and returns false as soon
    /// as one group lists more than `groupLimit` columns, or all groups together more than
    /// `totalLimit`.
    func read(_ x: UnsafePointer<Float>, rows: Int, base: Float, groupLimit: Int, totalLimit: Int) -> Bool {
        precondition(Self.groups(rows: rows) <= capacity, "\(rows) rows exceed the room for \(capacity) groups")
        let (columns, columnIndices, entries) = (self.columns, self.columnIndices, self.entries)
        let blank = SIMD16<Float>(repeating: base)
        var count = 0
        for (group, first) in stride(from: 0, to: rows, by: Self.rows).enumerated() {
            starts[group] = count
            // A group of fewer rows reads its last row again in their place; its users take
            // only the rows there are.
            let last = min(first + Self.rows, rows) - 1
            let x0 = x + first * columns
            let x1 = x + min(first + 1, last) * columns
            let x2 = x + min(first + 2, last) * columns
            let x3 = x + min(first + 3, last) * columns
            @inline(__always) func append(_ column: Int) {
                columnIndices[count] = Int32(truncatingIfNeeded: column)
                entries[count] = Entries(x0[column], x1[column], x2[column], x3[column]) - base
                count &+= 1
            }
            @inline(__always) func differs(_ x: UnsafePointer<Float>, _ column: Int) -> SIMDMask<SIMD16<Int32>> {
                UnsafeRawPointer(x + column).loadUnaligned(as: SIMD16<Float>.self) .!= blank
            }
            var column = 0
            // Sixteen columns at a time: one comparison per row gives a bit per column in
            // which some row differs, and only those bits are visited.
            while column + 16 <= columns {
                let anyRow = differs(x0, column) .| differs(x1, column) .| differs(x2, column) .| differs(x3, column)
                var bits = Self.laneBits.replacing(with: 0, where: .!anyRow).wrappedSum()
                while bits != 0 {
                    append(column &+ bits.trailingZeroBitCount)
                    bits &= bits &- 1
                }
                column += 16
            }
            for column in column..<columns
            where x0[column] != base || x1[column] != base || x2[column] != base || x3[column] != base {
                append(column)
            }
            if count - starts[group] > groupLimit || count > totalLimit { return false }
        }
        self.count = Self.groups(rows: rows)
        starts[self.count] = count
        return true
    }

    /// Lane `i` holds bit `i`: summing the lanes of columns that differ gives their bit mask.
    private static let laneBits = SIMD16<Int32>(
        1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768)
}
