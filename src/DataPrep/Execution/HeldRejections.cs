using DataPrep.Pipeline;

namespace DataPrep.Execution;

/// <summary>
/// Keeps the rejections made while a worker thread processes one batch, so that <see cref="OrderedParallel"/> can pass
/// them on when the batch's turn comes: the rejects file then follows input order, not thread timing.
/// Outside a batch (sequential stages, code using stages directly) rejections go straight to their sink.
/// </summary>
internal static class HeldRejections
{
    [ThreadStatic]
    private static List<(IRejectionSink Sink, Rejection Rejection)>? t_held;

    /// <summary>Sends <paramref name="rejection"/> to <paramref name="sink"/>, or holds it when a batch is being processed on this thread.</summary>
    internal static void Send(IRejectionSink sink, Rejection rejection)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (t_held is { } held)
        {
            held.Add((sink, rejection));
            return;
        }
        sink.Reject(rejection);
    }

    /// <summary>Starts holding this thread's rejections; <see cref="End"/> returns them.</summary>
    internal static void Begin() => t_held = [];

    /// <summary>Stops holding and returns what was held (null when nothing was).</summary>
    internal static List<(IRejectionSink Sink, Rejection Rejection)>? End()
    {
        var held = t_held;
        t_held = null;
        return held is { Count: > 0 } ? held : null;
    }

    /// <summary>Passes held rejections on, in the order they were made.</summary>
    internal static void Release(List<(IRejectionSink Sink, Rejection Rejection)>? held)
    {
        if (held is null)
        {
            return;
        }
        foreach (var (sink, rejection) in held)
        {
            sink.Reject(rejection);
        }
    }
}
