using DataPrep.Documents;
using Serilog;
using Serilog.Core;

namespace DataPrep.Pipeline;

/// <summary>
/// What a stage gets from the runner for one shard: the shard, its statistics, a logger already
/// enriched with the stage id and rank, where rejected documents go, and a work folder for stages
/// that hand data over through files.
/// </summary>
public sealed class StageContext
{
    /// <summary>Creates a context; the runner makes one per stage per shard.</summary>
    public StageContext(
        string stageId,
        ShardSpec shard,
        StageStats? stats = null,
        ILogger? log = null,
        IRejectionSink? rejections = null,
        string? workDirectory = null)
    {
        StageId = stageId;
        Shard = shard;
        Stats = stats ?? new StageStats(stageId);
        Log = (log ?? Logger.None).ForContext("Stage", stageId).ForContext("Rank", shard.Rank);
        Rejections = rejections ?? NullRejectionSink.Instance;
        WorkDirectory = workDirectory;
    }

    private StageContext(StageContext other, IRejectionSink rejections)
    {
        StageId = other.StageId;
        Shard = other.Shard;
        Stats = other.Stats;
        Log = other.Log;
        Threads = other.Threads;
        Rejections = rejections;
        WorkDirectory = other.WorkDirectory;
    }

    /// <summary>The same context (stats, logger, shard, work folder) sending rejections to <paramref name="rejections"/>:
    /// how the runner gives each parallel batch a buffer that passes its rejections on in input order.</summary>
    public StageContext WithRejections(IRejectionSink rejections)
    {
        ArgumentNullException.ThrowIfNull(rejections);
        return new StageContext(this, rejections);
    }

    /// <summary>Id of the stage this context belongs to.</summary>
    public string StageId { get; }

    /// <summary>The shard being processed.</summary>
    public ShardSpec Shard { get; }

    /// <summary>The stage's statistics on this shard.</summary>
    public StageStats Stats { get; }

    /// <summary>Logger enriched with <c>Stage</c> and <c>Rank</c>. Never log document text.</summary>
    public ILogger Log { get; }

    /// <summary>Threads a stage may use for its own parallel work (a corpus-wide stage's observe pass); the run's
    /// <c>execution.threads</c>, all cores by default.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Where rejected documents go.</summary>
    public IRejectionSink Rejections { get; }

    /// <summary>A folder private to this stage, shared by all shards of one run; <c>null</c> when the
    /// stage runs outside a pipeline run (then stages that need it throw).</summary>
    public string? WorkDirectory { get; }

    /// <summary>Counts a rejection and sends it to the sink.</summary>
    public void Reject(Document document, Verdict verdict)
    {
        var reason = verdict.Reason ?? throw new ArgumentException("A keep verdict is not a rejection.", nameof(verdict));
        Stats.Increment(StageStats.DocsRejected);
        Stats.Increment(StageStats.RejectedPrefix + reason.Code);
        Rejections.Reject(new Rejection(StageId, reason, document.Id, document.Source, verdict.Detail, verdict.DuplicateOf, document));
    }

    /// <summary>The work folder, created on first use.</summary>
    /// <exception cref="InvalidOperationException">The stage runs without a work folder.</exception>
    public string RequireWorkDirectory()
    {
        if (WorkDirectory is null)
        {
            throw new InvalidOperationException(
                $"Stage '{StageId}' needs a work folder; run it inside a pipeline with an output folder.");
        }
        Directory.CreateDirectory(WorkDirectory);
        return WorkDirectory;
    }
}
