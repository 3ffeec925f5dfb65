/// zod's default e-mail rule: `^(?!\.)(?!.*\.\.)([A-Z0-9_'+\-\.]*)[A-Z0-9_+-]@([A-Z0-9][A-Z0-9\-]*\.)+[A-Z]{2,}$`/i.
enum Email {
    static func estValide(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard let at = b.firstIndex(of: UInt8(ascii: "@")), at > 0, b.first != UInt8(ascii: "."),
            !zip(b, b.dropFirst()).contains(where: { $0 == UInt8(ascii: ".") && $1 == UInt8(ascii: ".") })
        else { return false }
        let local = b[..<at]
        guard let lastLocal = local.last, local.allSatisfy({ isAlnum($0) || "_'+-.".utf8.contains($0) }),
            isAlnum(lastLocal) || "_+-".utf8.contains(lastLocal)
        else { return false }
        let labels = b[(at + 1)...].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2, let tld = labels.last, tld.count >= 2, tld.allSatisfy(isLetter) else { return false }
        return labels.dropLast().allSatisfy { label in
            guard let first = label.first, isAlnum(first) else { return false }
            return label.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "-") }
        }
    }

    private static func isLetter(_ c: UInt8) -> Bool { (65...90).contains(c) || (97...122).contains(c) }
    private static func isAlnum(_ c: UInt8) -> Bool { isLetter(c) || isDigit(c) }
}
