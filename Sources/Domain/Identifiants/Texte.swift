extension StringProtocol {
    /// Trims ASCII and Unicode white space, as JavaScript's `String.prototype.trim`.
    public func trimmingSpaces() -> String {
        // Fast path: most values start and end with a visible ASCII character.
        let s = String(self)
        if let f = s.utf8.first, let l = s.utf8.last, f > 0x20, f < 0x80, l > 0x20, l < 0x80 { return s }
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}

@inline(__always) func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
