import CommonMark
import Dispatch
import Synchronization

/// Hands top-level blocks from the thread that copies them out of cmark's tree (the producer) to
/// the thread that writes them (the consumer), and the written blocks back, so that on a large
/// document copying and writing run at the same time.
///
/// The written blocks go back so that the producer frees them: its allocator arena is theirs, and
/// a consumer freeing them would contend with the producer's allocations on the arena's lock
/// (that made the pipeline slower than one thread). Freed between copies, their memory is also
/// what the next copies reuse, still in cache.
///
/// The producer calls ``send(_:)`` for each block and ``finish()`` at the end; the consumer calls
/// ``receive()`` until it returns nil, and ``giveBack(_:)`` with what it has written. Blocks queue
/// up without bound: at worst the queue holds the document, which is what writing from a whole
/// ``MarkdownDocument`` holds anyway.
final class BlockPipeline: Sendable {
    private struct State {
        var blocks: [MarkdownNode] = []
        var written: [[MarkdownNode]] = []
        var finished = false
        var consumerIsWaiting = false
    }

    private let state = Mutex(State())
    /// How many blocks wake a waiting consumer.
    static let batchSize = 64
    /// Signalled when the consumer waits and a block or the end arrives.
    private let wakeConsumer = DispatchSemaphore(value: 0)

    /// Queues `block` for the consumer; frees, here, the blocks the consumer has given back.
    func send(_ block: MarkdownNode) {
        var written: [[MarkdownNode]] = []
        let wake = state.withLock { state -> Bool in
            state.blocks.append(block)
            swap(&written, &state.written)
            // Waking the consumer costs two context switches: let a batch gather first.
            guard state.consumerIsWaiting && state.blocks.count >= Self.batchSize else { return false }
            state.consumerIsWaiting = false
            return true
        }
        if wake { wakeConsumer.signal() }
        // `written` is released here, on the producer's thread.
    }

    /// Says that no more blocks will come.
    func finish() {
        let wake = state.withLock { state -> Bool in
            state.finished = true
            defer { state.consumerIsWaiting = false }
            return state.consumerIsWaiting
        }
        if wake { wakeConsumer.signal() }
    }

    /// The blocks sent since the last call, in order, waiting for at least one; nil once the
    /// producer has finished and every block has been received.
    func receive() -> [MarkdownNode]? {
        while true {
            let (blocks, finished) = state.withLock { state -> ([MarkdownNode], Bool) in
                var taken: [MarkdownNode] = []
                swap(&taken, &state.blocks)
                if taken.isEmpty && !state.finished { state.consumerIsWaiting = true }
                return (taken, state.finished)
            }
            if !blocks.isEmpty { return blocks }
            if finished { return nil }
            wakeConsumer.wait()
        }
    }

    /// Hands written blocks back for the producer to free.
    func giveBack(_ blocks: [MarkdownNode]) {
        state.withLock { $0.written.append(blocks) }
    }

    /// Blocks given back that no `send` has freed yet; the producer takes them once the consumer is done.
    func takeWritten() -> [[MarkdownNode]] {
        state.withLock { state in
            var taken: [[MarkdownNode]] = []
            swap(&taken, &state.written)
            return taken
        }
    }
}
