import Charts
import Testing

@Suite struct MarkupTests {
    @Test func escapesTheFiveSpecialCharacters() {
        #expect(Markup.escaped(#"a<b & "c" 'd'>"#) == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;")
    }

    @Test func replacesControlCharactersXMLForbids() {
        #expect(Markup.escaped("a\u{1}b\u{0}c") == "a\u{FFFD}b\u{FFFD}c")
        #expect(Markup.escaped("tab\tline\nreturn\r") == "tab\tline\nreturn\r")
        #expect(Markup.escaped("ünïcödé → 7") == "ünïcödé → 7")
    }

    @Test(arguments: [(3.14159, "3.14"), (2.0, "2"), (-0.001, "0"), (10.5, "10.5"), (-12.345678, "-12.35"), (0, "0")])
    func numbersHaveAtMostTwoDecimals(value: Double, text: String) {
        #expect(Markup.number(value) == text)
    }
}

@Suite struct ColorTests {
    @Test func hexHasSixDigits() {
        #expect(Color(hex: 0x0A0B0C).hex == "#0a0b0c")
        #expect(Color(red: 255, green: 128, blue: 0).hex == "#ff8000")
    }

    @Test func mapBlendsBetweenStopsAndClamps() {
        let map = ColorMap([Color(hex: 0x000000), Color(hex: 0xFFFFFF)])
        #expect(map(0.5) == Color(red: 128, green: 128, blue: 128))
        #expect(map(-1) == Color(hex: 0x000000))
        #expect(map(2) == Color(hex: 0xFFFFFF))
        #expect(map(.nan) == Color(hex: 0x000000))
        #expect(ColorMap.blues(1) == ColorMap.blues.stops.last)
    }

    @Test func divergingMapIsWhiteInTheMiddle() {
        let middle = ColorMap.blueWhiteRed(0.5)
        #expect(middle.luminance > 0.9)
        #expect(ColorMap.blueWhiteRed(0).blue > ColorMap.blueWhiteRed(0).red)
        #expect(ColorMap.blueWhiteRed(1).red > ColorMap.blueWhiteRed(1).blue)
    }

    @Test func textContrastsWithTheBackground() {
        #expect(ColorMap.blues(1).contrastingText == .white)
        #expect(ColorMap.blues(0).contrastingText == .ink)
    }
}
