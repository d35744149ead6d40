package io.pendule.executors.control;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;

/** Streams a response body into a {@link TailBuffer}, so that a huge body never sits whole in memory. */
final class TailSubscriber implements Flow.Subscriber<List<ByteBuffer>> {

    private final TailBuffer into;
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;

    TailSubscriber(TailBuffer into) {
        this.into = into;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (cancelled) {
            subscription.cancel();
        } else {
            subscription.request(Long.MAX_VALUE); // the buffer is bounded, so no need to pace the sender
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        buffers.forEach(into::append);
    }

    @Override
    public void onError(Throwable throwable) {
        // The response future reports it.
    }

    @Override
    public void onComplete() {
        // The response future reports it.
    }

    /** Stops reading, which closes the connection of a body that trickles past the timeout. */
    void cancel() {
        cancelled = true;
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
    }
}
