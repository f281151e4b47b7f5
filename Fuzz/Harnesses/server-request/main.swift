@_spi(Fuzzing) import ParserProperties

/// libFuzzer's entry point: one input for the `server-request` parsers and its properties.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    ParserHarness.serverRequest.fuzz(data, size)
}
