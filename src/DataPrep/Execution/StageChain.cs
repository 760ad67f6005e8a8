using DataPrep.Configuration;
using DataPrep.Documents;
using DataPrep.Pipeline;

namespace DataPrep.Execution;

/// <summary>
/// Builds the flow of documents through a sequence of stages, the one way the file-based runner and
/// <see cref="StreamingPipeline"/> both use: consecutive per-document stages run together on all cores
/// (<see cref="OrderedParallel"/>, which keeps the order and whose stage base counts and times each document), and
/// every other stage runs in order on the ordered stream, counted on the way in and out (<see cref="StreamCounting"/>)
/// and timed by the stage itself around its own work, so a slow reader upstream is never charged to it.
/// </summary>
internal sealed class StageChain
{
    private readonly List<(DocumentStage Stage, StageContext Context)> _parallel = [];
    private readonly ExecutionOptions _execution;
    private readonly ShardSpec _shard;
    private readonly CancellationToken _cancellationToken;
    private IAsyncEnumerable<Document> _current;

    /// <summary>Starts a chain over <paramref name="source"/> for <paramref name="shard"/>.</summary>
    public StageChain(IAsyncEnumerable<Document> source, ShardSpec shard, ExecutionOptions execution, CancellationToken cancellationToken)
    {
        _current = source;
        _shard = shard;
        _execution = execution;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Appends <paramref name="stage"/>: to the current parallel group when it is per-document, else after it.</summary>
    public StageChain Then(IStage stage, StageContext context)
    {
        if (stage is DocumentStage documentStage)
        {
            _parallel.Add((documentStage, context));
            return this;
        }
        return ThenInOrder(stage.Id, context, stage.RunAsync);
    }

    /// <summary>Appends the observe pass of a corpus-wide stage, which sees the ordered stream like any stateful stage.</summary>
    public StageChain ThenObserve(IGlobalStage stage, StageContext context) => ThenInOrder(stage.Id, context, stage.ObserveAsync);

    /// <summary>The documents that leave the last stage, in input order.</summary>
    public IAsyncEnumerable<Document> Build()
    {
        FlushParallel();
        return _current;
    }

    private StageChain ThenInOrder(string stageId, StageContext context,
        Func<IAsyncEnumerable<Document>, StageContext, CancellationToken, IAsyncEnumerable<Document>> run)
    {
        FlushParallel();
        var counted = StreamCounting.Counted(_current, context.Stats, StageStats.DocsIn, StageStats.BytesIn);
        _current = StreamCounting.Counted(run(counted, context, _cancellationToken), context.Stats, StageStats.DocsOut, StageStats.BytesOut, stageId, _shard);
        return this;
    }

    // Input that arrives as unopened batches goes through the parallel section even without stages, so it is parsed
    // on the workers rather than on the thread that consumes it.
    private void FlushParallel()
    {
        if (_parallel.Count == 0 && _current is not BatchedDocuments)
        {
            return;
        }
        var group = _parallel.ToList();
        _parallel.Clear();
        _current = OrderedParallel.RunAsync(_current, group, _execution, _cancellationToken);
    }
}
