import Foundation

extension SafeTensors {
    /// One tensor of a safetensors file: element type, shape and raw little-endian bytes.
    public struct Tensor: Sendable, Equatable {
        /// The element type.
        public var dtype: DType
        /// The dimensions, outermost first.
        public var shape: [Int]
        /// `shape`'s product × `dtype.byteCount` bytes, little-endian, row-major.
        public var bytes: Data

        /// A tensor of `dtype` and `shape` whose elements are `bytes`, little-endian.
        public init(dtype: DType, shape: [Int], bytes: Data) {
            require(
                shape.reduce(1, *) * dtype.byteCount == bytes.count,
                "\(bytes.count) bytes do not hold a \(dtype) tensor of shape \(shape)")
            self.dtype = dtype
            self.shape = shape
            self.bytes = bytes
        }

        /// A float32 tensor holding `floats` row-major.
        public init(shape: [Int], floats: UnsafeBufferPointer<Float>) {
            var bytes = Data(count: floats.count * 4)
            bytes.withUnsafeMutableBytes { raw in
                for (index, value) in floats.enumerated() {
                    raw.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: 4 * index, as: UInt32.self)
                }
            }
            self.init(dtype: .float32, shape: shape, bytes: bytes)
        }

        /// The elements as `Float`s, or nil unless the tensor is float32.
        public var floats: [Float]? {
            guard dtype == .float32 else { return nil }
            return [Float](unsafeUninitializedCapacity: bytes.count / 4) { floats, count in
                bytes.withUnsafeBytes { raw in
                    for index in floats.indices {
                        let bits = raw.loadUnaligned(fromByteOffset: 4 * index, as: UInt32.self)
                        floats.initializeElement(at: index, to: Float(bitPattern: UInt32(littleEndian: bits)))
                    }
                }
                count = floats.count
            }
        }
    }

    /// The element types the safetensors format defines, by the names its headers use.
    public enum DType: String, CaseIterable, Sendable {
        /// 64-bit IEEE floating point.
        case float64 = "F64"
        /// 32-bit IEEE floating point, what the engine reads and writes.
        case float32 = "F32"
        /// 16-bit IEEE floating point.
        case float16 = "F16"
        /// bfloat16: float32 with a 7-bit mantissa.
        case bfloat16 = "BF16"
        /// 8-bit float, 4 exponent and 3 mantissa bits.
        case float8E4M3 = "F8_E4M3"
        /// 8-bit float, 5 exponent and 2 mantissa bits.
        case float8E5M2 = "F8_E5M2"
        /// Signed 64-bit integer.
        case int64 = "I64"
        /// Signed 32-bit integer.
        case int32 = "I32"
        /// Signed 16-bit integer.
        case int16 = "I16"
        /// Signed 8-bit integer.
        case int8 = "I8"
        /// Unsigned 64-bit integer.
        case uint64 = "U64"
        /// Unsigned 32-bit integer.
        case uint32 = "U32"
        /// Unsigned 16-bit integer.
        case uint16 = "U16"
        /// Unsigned 8-bit integer.
        case uint8 = "U8"
        /// Boolean, one byte.
        case bool = "BOOL"

        /// Bytes per element.
        public var byteCount: Int {
            switch self {
            case .float64, .int64, .uint64: 8
            case .float32, .int32, .uint32: 4
            case .float16, .bfloat16, .int16, .uint16: 2
            case .float8E4M3, .float8E5M2, .int8, .uint8, .bool: 1
            }
        }
    }
}
