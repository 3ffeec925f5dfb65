import Foundation

/// Reads the CSV reference lists shipped with the package (comment lines start with `#`).
enum Ressources {
    static func csv(_ name: String) -> [[String: String]] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Resources"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { preconditionFailure("ressource manquante : \(name).csv") }
        let lines = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.hasPrefix("#") }
        guard let header = lines.first.map(CSV.champs) else { return [] }
        return lines.dropFirst().map { line in
            let values = CSV.champs(line)
            var row: [String: String] = [:]
            for (i, h) in header.enumerated() { row[h] = i < values.count ? values[i] : "" }
            return row
        }
    }
}

/// A minimal RFC 4180 reader for one line (quoted fields, doubled quotes); the separator is configurable.
public enum CSV {
    public static func champs(_ line: String) -> [String] { champs(line, separateur: ",") }

    public static func champs(_ line: String, separateur: Character) -> [String] {
        var result: [String] = []
        var current = ""
        var inQuotes = false
        var chars = line.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    if let next = chars.next() {
                        if next == "\"" {
                            current.append("\"")
                        } else {
                            inQuotes = false
                            pending = next
                        }
                    } else {
                        inQuotes = false
                    }
                } else {
                    current.append(c)
                }
            } else if c == "\"" {
                inQuotes = true
            } else if c == separateur {
                result.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        result.append(current)
        return result
    }
}

/// SIFA code lists accepted by the API.
enum ReferentielSIFA {
    static let dernieresSituations: Set<Int> = Set(
        Ressources.csv("sifa_derniere_situation").compactMap { Int($0["code"] ?? "") }.filter { $0 != 0 })
    static let typesCfa: Set<String> = Set((1...10).map { $0 < 10 ? "0\($0)" : "\($0)" })
}
