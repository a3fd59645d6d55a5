package io.sluice.broker.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.protocol.SendBuilder;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: parses request frames, hands them to the API's handler and writes the
 * responses back in request order, whatever order the handlers finish in (clients pipeline up
 * to five requests and match responses by order as well as correlation id).
 *
 * <p>Confined to the channel's event loop. A frame that cannot be parsed closes this connection
 * only, with the reason in the log.
 */
final class KafkaConnection extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaConnection.class);
    /** Requests waiting for their turn to be answered before the connection stops reading. */
    private static final int MAX_QUEUED = 64;

    private final ApiRouter router;
    private final ArrayDeque<Slot> queue = new ArrayDeque<>();
    private ChannelHandlerContext ctx;

    KafkaConnection(ApiRouter router) {
        this.router = router;
    }

    /** A request in flight: answered when done and every earlier request has been answered. */
    private static final class Slot {
        final RequestHeader header;
        boolean done;
        ApiMessage response;

        Slot(RequestHeader header) {
            this.header = header;
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        super.channelActive(ctx);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            dispatch(toNio(frame));
        } catch (RuntimeException e) {
            LOG.warn("closing connection from {}: malformed request ({})", ctx.channel().remoteAddress(),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            ctx.close();
        } finally {
            frame.release();
        }
    }

    private static ByteBuffer toNio(ByteBuf frame) {
        if (frame.nioBufferCount() == 1) {
            return frame.nioBuffer();
        }
        ByteBuffer copy = ByteBuffer.allocate(frame.readableBytes());
        frame.getBytes(frame.readerIndex(), copy);
        return copy.flip();
    }

    private void dispatch(ByteBuffer buf) {
        short apiKeyId = buf.getShort(0);
        short version = buf.getShort(2);
        if (!ApiKeys.hasId(apiKeyId)) {
            throw new IllegalArgumentException("unknown API key " + apiKeyId);
        }
        ApiKeys apiKey = ApiKeys.forId(apiKeyId);
        ApiHandler<ApiMessage> handler = router.handler(apiKey);
        if (apiKey == ApiKeys.API_VERSIONS && !apiKey.isVersionSupported(version)) {
            answerUnsupportedApiVersions(buf);
            return;
        }
        if (handler == null) {
            throw new IllegalArgumentException("API " + apiKey + " is not served by this broker");
        }
        if (!apiKey.isVersionSupported(version)) {
            throw new IllegalArgumentException(apiKey + " version " + version + " is not supported");
        }
        RequestHeader header = RequestHeader.parse(buf);
        AbstractRequest request = AbstractRequest.parseRequest(apiKey, version, new ByteBufferAccessor(buf)).request;
        Slot slot = new Slot(header);
        queue.add(slot);
        if (queue.size() >= MAX_QUEUED) {
            ctx.channel().config().setAutoRead(false);
        }
        RequestContext rc = new RequestContext(header, ctx.channel().remoteAddress(), ctx.channel().eventLoop());
        CompletionStage<ApiMessage> stage;
        try {
            stage = handler.handle(rc, request.data());
        } catch (RuntimeException e) {
            LOG.error("{} v{} from {} failed", apiKey, version, rc.client(), e);
            stage = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((response, error) -> {
            ApiMessage body = error == null ? response : errorResponse(request, apiKey, error);
            if (ctx.executor().inEventLoop()) {
                complete(slot, body);
            } else {
                ctx.executor().execute(() -> complete(slot, body));
            }
        });
    }

    private static ApiMessage errorResponse(AbstractRequest request, ApiKeys apiKey, Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (Errors.forException(cause) == Errors.UNKNOWN_SERVER_ERROR) {
            LOG.error("{} failed", apiKey, cause);
        }
        return request.getErrorResponse(0, cause).data();
    }

    private void complete(Slot slot, ApiMessage response) {
        slot.done = true;
        slot.response = response;
        boolean wrote = false;
        while (!queue.isEmpty() && queue.peek().done) {
            Slot head = queue.poll();
            if (head.response != null) {
                write(head.header.toResponseHeader(), head.response, head.header.apiVersion());
                wrote = true;
            }
        }
        if (wrote) {
            ctx.flush();
        }
        if (queue.size() < MAX_QUEUED / 2 && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void write(ResponseHeader header, ApiMessage body, short version) {
        try {
            NettySendSink.write(ctx, SendBuilder.buildResponseSend(header, body, version));
        } catch (IOException | RuntimeException e) {
            LOG.warn("closing connection to {}: could not write response ({})", ctx.channel().remoteAddress(),
                    e.toString());
            ctx.close();
        }
    }

    /**
     * A client newer than this broker opens with an ApiVersions version we don't know: answer in
     * v0 with UNSUPPORTED_VERSION and our versions, so it retries with one we do (KIP-511).
     */
    private void answerUnsupportedApiVersions(ByteBuffer buf) {
        int correlationId = buf.getInt(4);
        ApiVersionsResponseData data = new ApiVersionsResponseData()
                .setErrorCode(Errors.UNSUPPORTED_VERSION.code())
                .setApiKeys(router.apiVersions());
        Slot slot = new Slot(new RequestHeader(ApiKeys.API_VERSIONS, (short) 0, null, correlationId));
        queue.add(slot);
        complete(slot, data);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            LOG.warn("closing connection from {}: request frame too large ({})", ctx.channel().remoteAddress(),
                    cause.getMessage());
        } else if (cause instanceof IOException) {
            LOG.debug("connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else if (cause instanceof UnsupportedVersionException) {
            LOG.warn("closing connection from {}: {}", ctx.channel().remoteAddress(), cause.getMessage());
        } else {
            LOG.warn("closing connection from {}", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
