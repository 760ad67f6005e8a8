using DataPrep.Pipeline;

namespace DataPrep.Execution;

/// <summary>
/// The rejections made while a worker processes one batch, held until the batch's turn comes in
/// <see cref="OrderedParallel"/>: the rejects file then follows input order, not thread timing. The batch's stage
/// contexts report into <see cref="Holding"/> sinks (through <see cref="StageContext.WithRejections"/>), so stages and
/// readers never see this type. One batch is processed by one thread, so no lock is needed.
/// </summary>
internal sealed class BatchRejections
{
    private List<(IRejectionSink Target, Rejection Rejection)>? _held;

    /// <summary>A sink that holds what it receives for <paramref name="target"/> until <see cref="Release"/>.</summary>
    public IRejectionSink Holding(IRejectionSink target) => new HoldingSink(this, target);

    /// <summary>Passes the held rejections on to their sinks, in the order they were made.</summary>
    public void Release()
    {
        if (_held is null)
        {
            return;
        }
        foreach (var (target, rejection) in _held)
        {
            target.Reject(rejection);
        }
        _held = null;
    }

    private sealed class HoldingSink(BatchRejections batch, IRejectionSink target) : IRejectionSink
    {
        public void Reject(Rejection rejection) => (batch._held ??= []).Add((target, rejection));
    }
}
