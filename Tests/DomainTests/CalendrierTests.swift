import Domain
import Foundation
import TestSupport
import Testing

struct CalendrierTests {
    @Test(arguments: [("1970-01-01", 0), ("2000-02-29", 11016), ("2024-09-02", 19968), ("1969-12-31", -1)])
    func daysSinceEpoch(_ iso: String, _ raw: Int32) {
        #expect(Jour(iso: iso)?.rawValue == raw)
        #expect(Jour(rawValue: raw).description == iso)
    }

    @Test func everyDayIsWrittenWithFourDigitYearAndTwoDigitMonthAndDay() {
        for raw in stride(from: Int32(-719_528), through: 2_932_896, by: 997) {
            let j = Jour(rawValue: raw)
            let (y, m, d) = j.components
            #expect(j.description == String(format: "%04d-%02d-%02d", y, m, d))
            #expect(Jour(iso: j.description) == j)
        }
    }

    @Test func dayOverflowRollsOverAsJavaScript() {
        #expect(Jour(iso: "2024-02-30")?.description == "2024-03-01")
        #expect(Jour(iso: "2024-13-01") == nil)
        #expect(Jour(iso: "2024-9-1") == nil)
    }

    @Test(arguments: [("2021-07-31", "2020-2021"), ("2021-08-01", "2021-2022"), ("2025-01-15", "2024-2025")])
    func schoolYearOfADay(_ day: String, _ annee: String) {
        #expect(AnneeScolaire.scolaire(de: j(day)).description == annee)
    }

    @Test func yearsCountedByIndicators() {
        #expect(
            AnneeScolaire.annees(pourIndicateursA: j("2025-03-06")).map(\.description) == ["2025-2025", "2024-2025"])
        #expect(AnneeScolaire.anneesActives(a: j("2025-09-15")).map(\.description) == ["2025-2026", "2024-2025"])
    }

    @Test func yearsOverlappingARange() {
        let annees = AnneeScolaire.annees(du: j("2025-01-01"), au: j("2026-01-02")).map(\.description)
        #expect(annees == ["2024-2025", "2025-2025", "2025-2026", "2026-2026"])
    }

    @Test(arguments: [
        ("2024-2025", "2024-2025"), ("2024/2025", "2024-2025"), (" 2024 - 2025 ", "2024-2025"),
        ("2024-2024", "2024-2024"),
    ])
    func anneeScolaireAccepted(_ raw: String, _ normalised: String) {
        #expect(AnneeScolaire(raw)?.description == normalised)
    }

    @Test(arguments: ["2024-2026", "2025-2024", "3024-3025", "24-25", "2024", ""])
    func anneeScolaireRejected(_ raw: String) {
        #expect(AnneeScolaire(raw) == nil)
    }

    @Test func dayOfAnInstantIsUTC() {
        #expect(Jour(Date(timeIntervalSince1970: 86_400 * 19968 + 86_399)).description == "2024-09-02")
    }

    /// Any day has its school year and calendar year, whatever its year: computed years never trap.
    @Test func everyDayHasItsYearsEvenFarOutsideTheRulesYears() {
        for texte in ["0001-01-01", "0999-12-31", "3000-01-01", "9999-12-31"] {
            let jour = j(texte)
            let s = AnneeScolaire.scolaire(de: jour)
            #expect(s.fin == s.debut + 1 && s.premierJour <= jour && jour <= s.dernierJour, "\(texte)")
            #expect(AnneeScolaire.civile(de: jour).debut == jour.year)
            #expect(AnneeScolaire.anneesActives(a: jour).count == 2)
            #expect(AnneeScolaire.annees(du: jour, au: jour.adding(days: 400)).count >= 3)
        }
    }

    @Test func requestDatesArePlausibleDays() {
        #expect(Jour(parametre: "1900-01-01") == j("1900-01-01"))
        #expect(Jour(parametre: "2100-12-31") == j("2100-12-31"))
        for refusee in [
            "1899-12-31", "2101-01-01", "0001-01-01", "9999-12-31", "3000-01-01", "2024-1-01", "2024-01-01T00:00", "",
        ] {
            #expect(Jour(parametre: refusee) == nil, "\(refusee)")
        }
    }
}
