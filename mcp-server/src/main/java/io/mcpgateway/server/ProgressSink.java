package io.mcpgateway.server;

/**
 * Where the pipeline reports progress of a call that takes a while (a call held for approval).
 * The MCP adapter turns reports into {@code notifications/progress} when the client asked for
 * them with a progress token; otherwise they go nowhere.
 */
@FunctionalInterface
interface ProgressSink {

    /** Reports nothing (the client sent no progress token, or the transport has no client). */
    ProgressSink NONE = (progress, total, message) -> {
    };

    /**
     * Reports progress.
     *
     * @param progress how far along, increasing with every report (seconds waited)
     * @param total    where it ends at most (seconds the call will wait)
     * @param message  a sentence saying what the call waits for
     */
    void report(double progress, double total, String message);
}
