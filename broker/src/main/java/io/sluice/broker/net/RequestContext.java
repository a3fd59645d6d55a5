package io.sluice.broker.net;

import io.netty.channel.EventLoop;
import java.net.SocketAddress;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * What a handler knows of the request besides its body.
 *
 * @param header    the parsed request header (api key, version, correlation id, client id)
 * @param client    the peer's address, for logs
 * @param eventLoop the connection's event loop; asynchronous handlers may schedule on it
 */
public record RequestContext(RequestHeader header, SocketAddress client, EventLoop eventLoop) {

    public short apiVersion() {
        return header.apiVersion();
    }
}
