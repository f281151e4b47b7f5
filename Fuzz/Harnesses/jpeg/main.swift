@_spi(Fuzzing) import ParserProperties

/// libFuzzer's entry point: one input for the `jpeg` parser and its properties.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    ParserHarness.jpeg.fuzz(data, size)
}
