import Domain
import Logging

/// Everything a handler may use, passed in by the composition root (`App`): the store, the clock, the logger.
public struct Dependances: Sendable {
    public let store: any Store
    public let horloge: Horloge
    public let logger: Logger

    public init(store: any Store, horloge: Horloge = .live, logger: Logger = Logger(label: "tdb")) {
        self.store = store
        self.horloge = horloge
        self.logger = logger
    }
}
