import Domain
import Foundation
import Testing

struct AnalyseurJSONTests {
    @Test func parsesWhatFoundationParses() throws {
        let text = #"[{"a":"é\"\\\/\n\u00e9\ud83d\ude00","b":-1.5e3,"c":[true,false,null],"d":{},"e":0,"a2":12345678901234}]"#
        let mine = try AnalyseurJSON.analyser(text)
        let foundation = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(mine == foundation)
    }

    @Test func duplicateKeysKeepTheLast() throws {
        #expect(try AnalyseurJSON.analyser(#"{"a":1,"a":2}"#) == .object(["a": .number(2)]))
    }

    @Test(arguments: ["", "[", "[1,]", "{\"a\" 1}", "01", "1.", "-", "[1] x", "\"a", "nul", "{'a':1}", "\"\u{01}\"", "[1e]"])
    func rejectsInvalidJSON(_ text: String) {
        #expect(throws: AnalyseurJSON.Erreur.self) { try AnalyseurJSON.analyser(text) }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let text = String(repeating: "[", count: 100_000)
        #expect(throws: AnalyseurJSON.Erreur.self) { try AnalyseurJSON.analyser(text) }
    }

    @Test func writerEscapesAndRoundTrips() throws {
        let v = JSONValue.object(["k": .string("a\"b\\c\nd\u{01}é"), "n": .number(3), "x": .array([.null, .bool(true)])])
        let text = JSONTexte.ecrire(.valeur(v))
        #expect(try AnalyseurJSON.analyser(text) == v)
    }
}
