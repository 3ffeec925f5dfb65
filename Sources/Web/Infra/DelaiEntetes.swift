import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Closes a connection whose next request has not arrived whole — its line and headers — within `delai` of the
/// connection being ready for it (opened, or the previous response sent). A client that trickles its headers one
/// byte at a time (slowloris) holds a connection for seconds, not forever; an idle keep-alive connection is closed
/// after the same time. One instance per connection.
public final class DelaiEntetes: ChannelDuplexHandler, RemovableChannelHandler {
    public typealias InboundIn = HTTPRequestPart
    public typealias InboundOut = HTTPRequestPart
    public typealias OutboundIn = HTTPResponsePart
    public typealias OutboundOut = HTTPResponsePart

    public static let delaiParDefaut = TimeAmount.seconds(15)
    let delai: TimeAmount
    private var minuterie: Scheduled<Void>?

    public init(delai: TimeAmount = DelaiEntetes.delaiParDefaut) { self.delai = delai }

    public func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { armer(context) }
    }

    public func channelActive(context: ChannelHandlerContext) {
        armer(context)
        context.fireChannelActive()
    }

    public func handlerRemoved(context: ChannelHandlerContext) { desarmer() }

    public func channelInactive(context: ChannelHandlerContext) {
        desarmer()
        context.fireChannelInactive()
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { desarmer() }
        context.fireChannelRead(data)
    }

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { armer(context) }
        context.write(data, promise: promise)
    }

    private func armer(_ context: ChannelHandlerContext) {
        desarmer()
        let contexte = NIOLoopBound(context, eventLoop: context.eventLoop)
        minuterie = context.eventLoop.scheduleTask(in: delai) { contexte.value.close(promise: nil) }
    }

    private func desarmer() {
        minuterie?.cancel()
        minuterie = nil
    }
}
