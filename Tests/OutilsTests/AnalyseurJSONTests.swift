import Foundation
import Outils
import Testing

struct AnalyseurJSONTests {
    @Test func parsesWhatFoundationParses() throws {
        let text =
            #"[{"a":"é\"\\\/\n\u00e9\ud83d\ude00","b":-1.5e3,"c":[true,false,null],"d":{},"e":0,"a2":12345678901234}]"#
        let mine = try AnalyseurJSON.analyser(text)
        let foundation = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(mine == foundation)
    }

    @Test func duplicateKeysKeepTheLast() throws {
        #expect(try AnalyseurJSON.analyser(#"{"a":1,"a":2}"#) == .object(["a": .number(2)]))
    }

    @Test(arguments: [
        "", "[", "[1,]", "{\"a\" 1}", "01", "1.", "-", "[1] x", "\"a", "nul", "{'a':1}", "\"\u{01}\"", "[1e]",
    ])
    func rejectsInvalidJSON(_ text: String) {
        #expect(throws: AnalyseurJSON.Erreur.self) { try AnalyseurJSON.analyser(text) }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let text = String(repeating: "[", count: 100_000)
        #expect(throws: AnalyseurJSON.Erreur.self) { try AnalyseurJSON.analyser(text) }
    }

    @Test func writerEscapesAndRoundTrips() throws {
        let v = JSONValue.object([
            "k": .string("a\"b\\c\nd\u{01}é"), "n": .number(3), "x": .array([.null, .bool(true)]),
        ])
        let text = JSONTexte.ecrire(.valeur(v))
        #expect(try AnalyseurJSON.analyser(text) == v)
    }
}

struct AnalyseurJSONParalleleTests {
    /// Elements whose text holds brackets, commas and escaped quotes inside strings, nested values and bare words.
    static func liste(_ n: Int) -> String {
        let elements = (0..<n).map { k -> String in
            switch k % 5 {
            case 0: return #"{"id":"\#(k)","s":"a ] } , [ { \" \\","n":[1,[2,{"x":null}]],"v":-1.5e3}"#
            case 1: return "  \(k).25 "
            case 2: return #""chaîne \"\#(k)\" ]""#
            case 3: return "[true,false,null,{}]"
            default: return "{}"
            }
        }
        return "[\n" + elements.joined(separator: ",\n") + "\n]"
    }

    @Test(arguments: [0, 1, 2, 7, 450, 2000])
    func parsesAnArrayLikeThePlainParser(_ n: Int) throws {
        let texte = Self.liste(n)
        #expect(try AnalyseurJSON.analyserEnParallele(Array(texte.utf8)) == AnalyseurJSON.analyser(texte))
    }

    @Test(arguments: ["{\"a\":1}", "\"x\"", "12", "  [ ]  ", "[1,2] [3]"])
    func anythingElseIsTheSameToo(_ texte: String) {
        #expect((try? AnalyseurJSON.analyserEnParallele(Array(texte.utf8))) == (try? AnalyseurJSON.analyser(texte)))
    }

    /// A bad element anywhere in a big batch gives the plain parser's error, with its position in the whole text.
    @Test(arguments: [
        #"{"a":1,}"#, #"{"a" 1}"#, "01", "[1,]", "\"\u{01}\"", #"{"a":"\u00zz"}"#, "tru", "{'a':1}", "[1e]", "\"a",
        String(repeating: "[", count: 256) + String(repeating: "]", count: 256),
    ])
    func errorsAreThoseOfThePlainParser(_ mauvais: String) throws {
        var elements = (0..<600).map { #"{"id":"\#($0)","t":"]}\"["}"# }
        elements[417] = mauvais
        let texte = "[" + elements.joined(separator: ",") + "]"
        var plain: AnalyseurJSON.Erreur?
        do { _ = try AnalyseurJSON.analyser(texte) } catch { plain = error }
        var parallele: AnalyseurJSON.Erreur?
        do { _ = try AnalyseurJSON.analyserEnParallele(Array(texte.utf8)) } catch { parallele = error }
        #expect(plain != nil)
        #expect(parallele == plain)
    }

    @Test func aNestingJustWithinTheLimitIsAccepted() throws {
        let element = String(repeating: "[", count: 255) + String(repeating: "]", count: 255)
        let texte = "[" + Array(repeating: element, count: 300).joined(separator: ",") + "]"
        #expect(try AnalyseurJSON.analyserEnParallele(Array(texte.utf8)) == AnalyseurJSON.analyser(texte))
    }
}
