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
        case float64 = "F64"
        case float32 = "F32"
        case float16 = "F16"
        case bfloat16 = "BF16"
        case float8E4M3 = "F8_E4M3"
        case float8E5M2 = "F8_E5M2"
        case int64 = "I64"
        case int32 = "I32"
        case int16 = "I16"
        case int8 = "I8"
        case uint64 = "U64"
        case uint32 = "U32"
        case uint16 = "U16"
        case uint8 = "U8"
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
