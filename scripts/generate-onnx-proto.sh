#!/bin/bash
# Regenerates Sources/ONNXExport/onnx.pb.swift from Sources/ONNXExport/onnx.proto. Run it only after
# changing the .proto; the generated file is committed, so that no build needs the protobuf
# compiler or plugin.
#
# Needs `protoc` (Debian: apt-get install protobuf-compiler) and `protoc-gen-swift` of the
# same swift-protobuf version as Package.swift's, built outside this package, for example:
#   git clone https://github.com/apple/swift-protobuf /tmp/swift-protobuf
#   cd /tmp/swift-protobuf && git checkout 1.39.0 && swift build -c release --product protoc-gen-swift
# then PROTOC_GEN_SWIFT=/tmp/swift-protobuf/.build/release/protoc-gen-swift scripts/generate-onnx-proto.sh
set -euo pipefail
cd "$(dirname "$0")/.."
plugin=${PROTOC_GEN_SWIFT:-$(command -v protoc-gen-swift || true)}
[ -x "$plugin" ] || { echo "protoc-gen-swift not found: set PROTOC_GEN_SWIFT to its path" >&2; exit 1; }
protoc --plugin=protoc-gen-swift="$plugin" --proto_path=Sources/ONNXExport --swift_opt=Visibility=Internal \
  --swift_out=Sources/ONNXExport Sources/ONNXExport/onnx.proto
# The module is built only with the package trait ONNX (Package.swift): guard the file as the
# module's other sources are.
generated=Sources/ONNXExport/onnx.pb.swift
awk '!done && /^#if canImport/ { print "#if ONNX  // the package trait that builds this module (Package.swift)\n"; done = 1 } { print }
  END { print "#endif" }' "$generated" > "$generated.tmp" && mv "$generated.tmp" "$generated"
echo "wrote $generated"
