import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Outils

/// The JSON edges of the API: each endpoint answers an `Encodable` value. Written by `EncodeurJSON`, which keeps
/// the fields in the order the type declares them (Foundation's `JSONEncoder` on Linux does not: the answers and
/// their tests would change order from one process to the next), with the field names of its `CodingKeys`, slashes
/// unescaped and numbers as JavaScript writes them — the same text as the national API's.
enum EncodeurJSON {
    static func texte(_ valeur: some Encodable) throws -> String { JSONTexte.ecrire(try noeud(valeur)) }

    static func noeud(_ valeur: some Encodable) throws -> JSONTexte.Noeud {
        let racine = Construction()
        try valeur.encode(to: Encodeur(construction: racine, codingPath: []))
        return racine.noeud
    }

    /// A value being built: a leaf, or an object or list whose members are still being built.
    final class Construction {
        enum Etat {
            case vide
            case valeur(JSONTexte.Noeud)
            case objet([(String, Construction)])
            case liste([Construction])
        }

        var etat = Etat.vide

        var noeud: JSONTexte.Noeud {
            switch etat {
            case .vide: .valeur(.null)
            case .valeur(let n): n
            case .objet(let membres): .objet(membres.map { ($0.0, $0.1.noeud) })
            case .liste(let items): .liste(items.map(\.noeud))
            }
        }

        func membre(_ cle: String) -> Construction {
            let c = Construction()
            if case .objet(var membres) = etat {
                membres.append((cle, c))
                etat = .objet(membres)
            } else {
                etat = .objet([(cle, c)])
            }
            return c
        }

        func item() -> Construction {
            let c = Construction()
            if case .liste(var items) = etat {
                items.append(c)
                etat = .liste(items)
            } else {
                etat = .liste([c])
            }
            return c
        }

        var nombreItems: Int { if case .liste(let items) = etat { items.count } else { 0 } }

        func ecrire(_ valeur: some Encodable, codingPath: [any CodingKey]) throws {
            switch valeur {
            case let s as String: etat = .valeur(.texte(s))
            case let b as Bool: etat = .valeur(.booleen(b))
            case let n as Int: etat = .valeur(.entier(n))
            case let n as Double: etat = .valeur(.valeur(.number(n)))
            case let n as any BinaryInteger: etat = .valeur(.valeur(.number(Double(n))))
            case let n as Float: etat = .valeur(.valeur(.number(Double(n))))
            default: try valeur.encode(to: Encodeur(construction: self, codingPath: codingPath))
            }
        }
    }

    struct Cle: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    struct Encodeur: Encoder {
        let construction: Construction
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if case .objet = construction.etat {} else { construction.etat = .objet([]) }
            return KeyedEncodingContainer(Objet<Key>(construction: construction, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            if case .liste = construction.etat {} else { construction.etat = .liste([]) }
            return Liste(construction: construction, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            Valeur(construction: construction, codingPath: codingPath)
        }
    }

    struct Objet<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let construction: Construction
        let codingPath: [any CodingKey]

        func encodeNil(forKey key: Key) throws { construction.membre(key.stringValue).etat = .valeur(.valeur(.null)) }

        func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try ecrire(value, key) }

        private func ecrire(_ value: some Encodable, _ key: Key) throws {
            try construction.membre(key.stringValue).ecrire(value, codingPath: codingPath + [key])
        }

        func encode(_ value: Bool, forKey key: Key) throws { try ecrire(value, key) }
        func encode(_ value: String, forKey key: Key) throws { try ecrire(value, key) }
        func encode(_ value: Double, forKey key: Key) throws { try ecrire(value, key) }
        func encode(_ value: Float, forKey key: Key) throws { try ecrire(value, key) }
        func encode(_ value: Int, forKey key: Key) throws { try ecrire(value, key) }
        func encode(_ value: Int8, forKey key: Key) throws { try ecrire(value, key) }
        func encode(_ value: Int16, forKey key: Key) throws { try ecrire(value, key) }
        func encode(_ value: Int32, forKey key: Key) throws { try ecrire(value, key) }
        func encode(_ value: Int64, forKey key: Key) throws { try ecrire(value, key) }
        func encode(_ value: UInt, forKey key: Key) throws { try ecrire(value, key) }
        func encode(_ value: UInt8, forKey key: Key) throws { try ecrire(value, key) }
        func encode(_ value: UInt16, forKey key: Key) throws { try ecrire(value, key) }
        func encode(_ value: UInt32, forKey key: Key) throws { try ecrire(value, key) }
        func encode(_ value: UInt64, forKey key: Key) throws { try ecrire(value, key) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey>
        {
            Encodeur(construction: construction.membre(key.stringValue), codingPath: codingPath + [key])
                .container(keyedBy: keyType)
        }

        func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            Encodeur(construction: construction.membre(key.stringValue), codingPath: codingPath + [key])
                .unkeyedContainer()
        }

        func superEncoder() -> any Encoder {
            Encodeur(construction: construction.membre("super"), codingPath: codingPath)
        }

        func superEncoder(forKey key: Key) -> any Encoder {
            Encodeur(construction: construction.membre(key.stringValue), codingPath: codingPath + [key])
        }
    }

    struct Liste: UnkeyedEncodingContainer {
        let construction: Construction
        let codingPath: [any CodingKey]
        var count: Int { construction.nombreItems }

        func encodeNil() throws { construction.item().etat = .valeur(.valeur(.null)) }

        func encode<T: Encodable>(_ value: T) throws { try ecrire(value) }

        private func ecrire(_ value: some Encodable) throws {
            try construction.item().ecrire(value, codingPath: codingPath)
        }

        func encode(_ value: Bool) throws { try ecrire(value) }
        func encode(_ value: String) throws { try ecrire(value) }
        func encode(_ value: Double) throws { try ecrire(value) }
        func encode(_ value: Float) throws { try ecrire(value) }
        func encode(_ value: Int) throws { try ecrire(value) }
        func encode(_ value: Int8) throws { try ecrire(value) }
        func encode(_ value: Int16) throws { try ecrire(value) }
        func encode(_ value: Int32) throws { try ecrire(value) }
        func encode(_ value: Int64) throws { try ecrire(value) }
        func encode(_ value: UInt) throws { try ecrire(value) }
        func encode(_ value: UInt8) throws { try ecrire(value) }
        func encode(_ value: UInt16) throws { try ecrire(value) }
        func encode(_ value: UInt32) throws { try ecrire(value) }
        func encode(_ value: UInt64) throws { try ecrire(value) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey>
        {
            Encodeur(construction: construction.item(), codingPath: codingPath).container(keyedBy: keyType)
        }

        func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            Encodeur(construction: construction.item(), codingPath: codingPath).unkeyedContainer()
        }

        func superEncoder() -> any Encoder { Encodeur(construction: construction.item(), codingPath: codingPath) }
    }

    struct Valeur: SingleValueEncodingContainer {
        let construction: Construction
        let codingPath: [any CodingKey]

        func encodeNil() throws { construction.etat = .valeur(.valeur(.null)) }

        func encode<T: Encodable>(_ value: T) throws { try ecrire(value) }

        private func ecrire(_ value: some Encodable) throws { try construction.ecrire(value, codingPath: codingPath) }

        func encode(_ value: Bool) throws { try ecrire(value) }
        func encode(_ value: String) throws { try ecrire(value) }
        func encode(_ value: Double) throws { try ecrire(value) }
        func encode(_ value: Float) throws { try ecrire(value) }
        func encode(_ value: Int) throws { try ecrire(value) }
        func encode(_ value: Int8) throws { try ecrire(value) }
        func encode(_ value: Int16) throws { try ecrire(value) }
        func encode(_ value: Int32) throws { try ecrire(value) }
        func encode(_ value: Int64) throws { try ecrire(value) }
        func encode(_ value: UInt) throws { try ecrire(value) }
        func encode(_ value: UInt8) throws { try ecrire(value) }
        func encode(_ value: UInt16) throws { try ecrire(value) }
        func encode(_ value: UInt32) throws { try ecrire(value) }
        func encode(_ value: UInt64) throws { try ecrire(value) }
    }
}

extension Response {
    /// A JSON response from an `Encodable` value.
    static func json(_ valeur: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws
        -> Response
    {
        json(try EncodeurJSON.texte(valeur), status: status, headers: headers)
    }
}

/// An optional written `null` when absent, as the API always has (a synthesized `Encodable` leaves the key out).
@propertyWrapper
struct OuNull<Valeur: Encodable & Sendable>: Encodable, Sendable {
    var wrappedValue: Valeur?

    init(wrappedValue: Valeur?) { self.wrappedValue = wrappedValue }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if let v = wrappedValue { try c.encode(v) } else { try c.encodeNil() }
    }
}

/// An object whose keys are data (one per capability, say), written in the order given.
struct ObjetOrdonne<Valeur: Encodable>: Encodable {
    let membres: [(String, Valeur)]

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: EncodeurJSON.Cle.self)
        for (cle, valeur) in membres { try c.encode(valeur, forKey: EncodeurJSON.Cle(stringValue: cle)) }
    }
}
