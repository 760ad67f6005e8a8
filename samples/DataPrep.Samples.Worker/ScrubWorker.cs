using DataPrep.Hosting;
using DataPrep.Pipeline;

namespace DataPrep.Samples.Worker;

/// <summary>
/// A hosted job that takes documents from a queue, normalises them, drops exact duplicates, scrubs PII and
/// hands the result on — DataPrep stages embedded in someone else's service, logging through the host.
/// </summary>
public sealed class ScrubWorker(DataPrepFactory dataPrep, DocumentQueue queue, IHostApplicationLifetime lifetime, ILogger<ScrubWorker> log,
    IConfiguration configuration) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var input = configuration["input"] ?? "sample-data/docs.jsonl";
        IStage[] stages =
        [
            dataPrep.CreateStage("Normalize"),
            dataPrep.CreateStage("StreamingExactDedup"),
            dataPrep.CreateStage("PiiScrub"),
        ];
        var stats = new List<StageStats>();
        var producer = queue.FillFromJsonlAsync(input, stoppingToken);
        var kept = 0;
        await foreach (var document in dataPrep.RunAsync(queue.ReadAllAsync(stoppingToken), stages, stats: stats, cancellationToken: stoppingToken))
        {
            kept++; // a real job would publish the document here
        }
        await producer;
        foreach (var stage in stats)
        {
            log.LogInformation("{Stage}: {In} in, {Out} out, {Rejected} rejected", stage.StageId, stage.Get(StageStats.DocsIn),
                stage.Get(StageStats.DocsOut), stage.Get(StageStats.DocsRejected));
        }
        log.LogInformation("Done: {Kept} documents passed on", kept);
        lifetime.StopApplication();
    }
}
