import Domain
import Foundation
import Hummingbird
import ZIPFoundation

/// A table to download: a header row and typed cells, written as CSV (UTF-8 with BOM, `;`, as French spreadsheet
/// software expects) or as an XLSX workbook (SpreadsheetML in a ZIP, with real dates and numbers and a bold,
/// frozen header row on each sheet). The CSV holds the first sheet.
struct Classeur {
    enum Cellule {
        case texte(String?)
        case nombre(Int)
        case date(Jour?)
    }

    struct Feuille {
        let nom: String
        let entetes: [String]
        let lignes: [[Cellule]]
    }

    let feuilles: [Feuille]

    init(feuilles: [Feuille]) { self.feuilles = feuilles }

    init(nomFeuille: String, entetes: [String], lignes: [[Cellule]]) {
        self.init(feuilles: [Feuille(nom: nomFeuille, entetes: entetes, lignes: lignes)])
    }

    var entetes: [String] { feuilles.first?.entetes ?? [] }
    var lignes: [[Cellule]] { feuilles.first?.lignes ?? [] }

    /// The file to download (`csv` or `xlsx`), never cached: named data.
    func telechargement(format: String, nom: String) throws -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: format == "csv"
                    ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                .contentDisposition: "attachment; filename=\"\(nom)\"", .cacheControl: "no-store",
            ], body: .init(byteBuffer: ByteBuffer(bytes: format == "csv" ? csv() : try xlsx())))
    }

    // MARK: - CSV

    func csv() -> Data {
        var s = "\u{FEFF}" + entetes.map(Self.champCSV).joined(separator: ";") + "\r\n"
        for l in lignes {
            s +=
                l.map { c -> String in
                    switch c {
                    case .texte(let t): return Self.champCSV(t ?? "")
                    case .nombre(let n): return String(n)
                    case .date(let j): return j.map { Self.dateFrancaise($0) } ?? ""
                    }
                }.joined(separator: ";") + "\r\n"
        }
        return Data(s.utf8)
    }

    /// Quoted when needed; a leading `=`, `+`, `-` or `@` is neutralised so that no spreadsheet runs it as a formula.
    static func champCSV(_ t: String) -> String {
        var v = t
        if let premier = v.first, "=+-@".contains(premier) { v = "'" + v }
        if v.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            v = "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }

    static func dateFrancaise(_ j: Jour) -> String {
        let (y, m, d) = j.components
        return String(format: "%02d/%02d/%04d", d, m, y)
    }

    // MARK: - XLSX

    func xlsx() throws -> Data {
        let archive = try Archive(accessMode: .create)
        func ajouter(_ chemin: String, _ texte: String) throws {
            let data = Data(texte.utf8)
            try archive.addEntry(
                with: chemin, type: .file, uncompressedSize: Int64(data.count),
                modificationDate: Date(timeIntervalSince1970: 1_700_000_000),
                compressionMethod: .deflate
            ) { position, taille in
                data.subdata(in: Int(position)..<min(data.count, Int(position) + taille))
            }
        }
        let entete = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        let typeFeuille = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
        let lienFeuille = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
        let surcharges = feuilles.indices.map {
            "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"\(typeFeuille)\"/>"
        }.joined()
        let relations = feuilles.indices.map {
            "<Relationship Id=\"rId\($0 + 1)\" Type=\"\(lienFeuille)\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
        }.joined()
        let noms = feuilles.enumerated().map { k, f in
            "<sheet name=\"\(Self.xml(Self.nomDeFeuille(f.nom)))\" sheetId=\"\(k + 1)\" r:id=\"rId\(k + 1)\"/>"
        }.joined()
        try ajouter(
            "[Content_Types].xml",
            entete + """
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                <Default Extension="xml" ContentType="application/xml"/>\
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
                \(surcharges)\
                <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
                </Types>
                """)
        try ajouter(
            "_rels/.rels",
            entete + """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
                </Relationships>
                """)
        try ajouter(
            "xl/workbook.xml",
            entete + """
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                <sheets>\(noms)</sheets></workbook>
                """)
        try ajouter(
            "xl/_rels/workbook.xml.rels",
            entete + """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                \(relations)\
                <Relationship Id="rId\(feuilles.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
                </Relationships>
                """)
        // Style 0: default; 1: bold (header); 2: date dd/mm/yyyy.
        try ajouter(
            "xl/styles.xml",
            entete + """
                <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
                <numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>\
                <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
                <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
                <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
                <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
                <cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
                <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
                <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
                <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
                </styleSheet>
                """)
        for (numero, f) in feuilles.enumerated() {
            var feuille =
                entete + """
                    <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
                    <sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>\
                    <sheetData>
                    """
            feuille +=
                "<row r=\"1\">"
                + f.entetes.enumerated().map { k, t in
                    "<c r=\"\(Self.colonne(k))1\" t=\"inlineStr\" s=\"1\"><is><t>\(Self.xml(t))</t></is></c>"
                }.joined() + "</row>"
            for (n, l) in f.lignes.enumerated() {
                let r = n + 2
                feuille += "<row r=\"\(r)\">"
                for (k, c) in l.enumerated() {
                    let ref = "\(Self.colonne(k))\(r)"
                    switch c {
                    case .texte(let t?):
                        feuille +=
                            "<c r=\"\(ref)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(Self.xml(t))</t></is></c>"
                    case .nombre(let v): feuille += "<c r=\"\(ref)\"><v>\(v)</v></c>"
                    case .date(let j?): feuille += "<c r=\"\(ref)\" s=\"2\"><v>\(Int(j.rawValue) + 25_569)</v></c>"
                    default: break
                    }
                }
                feuille += "</row>"
            }
            feuille += "</sheetData></worksheet>"
            try ajouter("xl/worksheets/sheet\(numero + 1).xml", feuille)
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    /// A sheet name as spreadsheets accept it: 31 characters, none of `[]:*?/\\`.
    static func nomDeFeuille(_ nom: String) -> String {
        String(nom.filter { !"[]:*?/\\".contains($0) }.prefix(31))
    }

    /// `A`, `B`, … `Z`, `AA`…
    static func colonne(_ k: Int) -> String {
        var n = k + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    /// Escapes XML text and drops the characters XML 1.0 cannot hold.
    static func xml(_ t: String) -> String {
        var r = ""
        for u in t.unicodeScalars {
            switch u {
            case "&": r += "&amp;"
            case "<": r += "&lt;"
            case ">": r += "&gt;"
            case "\"": r += "&quot;"
            default:
                if u.value < 0x20 && u != "\t" && u != "\n" && u != "\r" { continue }
                if u.value == 0xFFFE || u.value == 0xFFFF { continue }
                r.unicodeScalars.append(u)
            }
        }
        return r
    }
}
