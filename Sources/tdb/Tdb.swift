import App
import ArgumentParser

@main
struct Tdb: AsyncParsableCommand {
    static let configuration = TdbCommande.configuration
}
