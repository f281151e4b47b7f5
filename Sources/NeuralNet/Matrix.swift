/// A dense row-major matrix of `Float`, allocated once and never resized.
///
/// The engine's hot loops work on raw pointers, so a matrix is a reference type that owns
/// one aligned buffer: passing it around never copies, and `storage` stays valid for the
/// matrix's lifetime.
// Sendable by contract: nothing locks the elements; threads share a matrix to read it or to write disjoint elements.
public final class Matrix: @unchecked Sendable {
    /// The number of rows.
    public let rows: Int
    /// The number of columns: the stride from one row to the next.
    public let columns: Int
    /// `rows × columns` floats, row after row.
    public let storage: UnsafeMutablePointer<Float>

    /// The number of elements, `rows × columns`.
    public var count: Int { rows * columns }

    /// A `rows × columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, value: Float = 0) {
        require(rows >= 0 && columns >= 0, "rows and columns must not be negative, not \(rows) and \(columns)")
        self.rows = rows
        self.columns = columns
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: max(rows * columns, 1) * MemoryLayout<Float>.stride, alignment: 64)
        storage = raw.bindMemory(to: Float.self, capacity: max(rows * columns, 1))
        storage.initialize(repeating: value, count: rows * columns)
    }

    /// A `rows × columns` matrix holding `values` row after row.
    public convenience init(rows: Int, columns: Int, values: [Float]) {
        require(
            values.count == rows * columns,
            "values must hold rows × columns = \(rows * columns) numbers, not \(values.count)")
        self.init(rows: rows, columns: columns)
        values.withUnsafeBufferPointer { storage.update(from: $0.baseAddress!, count: values.count) }
    }

    deinit { UnsafeMutableRawPointer(storage).deallocate() }

    /// The element at `row`, `column`.
    public subscript(row: Int, column: Int) -> Float {
        get { storage[row * columns + column] }
        set { storage[row * columns + column] = newValue }
    }

    /// The elements row after row, as a new array.
    public var values: [Float] { Array(UnsafeBufferPointer(start: storage, count: count)) }

    /// Sets every element to `value`.
    public func fill(_ value: Float) { storage.update(repeating: value, count: count) }

    /// Copies every element of `other`, which must have the same shape.
    public func copy(from other: Matrix) {
        require(rows == other.rows && columns == other.columns, "shape mismatch")
        storage.update(from: other.storage, count: count)
    }
}
