using DataPrep.Documents;
using DataPrep.Pipeline;
using DataPrep.Stages.Dedup;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Stages.Dedup;

public sealed class ObservePassTests
{
    [Fact]
    public async Task EveryDocumentIsObservedInBatchesWithItsPositionAndYieldedUnchangedInOrder()
    {
        var documents = Enumerable.Range(0, 7).Select(i => Some.Document($"text {i}", $"d{i}")).ToList();
        var context = new StageContext("test.observe", ShardSpec.Single, workDirectory: TestPaths.NewTempDirectory());
        var observer = new RecordingObserver();

        var yielded = new List<Document>();
        await foreach (var document in ObservePass.RunAsync(documents.ToAsyncEnumerable(), context, "test", _ => observer,
            batchSize: 3, countObserved: true, CancellationToken.None))
        {
            yielded.Add(document);
        }

        Assert.Equal(documents, yielded);
        Assert.Equal([(0L, 3), (3L, 3), (6L, 1)], observer.Batches);
        Assert.True(observer.Committed);
        Assert.True(observer.Disposed);
        Assert.Equal(7, context.Stats.Get("docs.observed"));
        Assert.Equal(7, DedupLayout.Of(context, "test").ObservedCount());
    }

    [Fact]
    public async Task WithoutCountObservedTheStatsGetNoObservedCounterButTheDecisionPassStillGetsTheCount()
    {
        var context = new StageContext("test.observe", ShardSpec.Single, workDirectory: TestPaths.NewTempDirectory());

        await foreach (var _ in ObservePass.RunAsync(new[] { Some.Document("a"), Some.Document("b") }.ToAsyncEnumerable(), context, "test",
            _ => new RecordingObserver(), batchSize: 1, countObserved: false, CancellationToken.None))
        {
        }

        Assert.Equal(0, context.Stats.Get("docs.observed"));
        Assert.Equal(2, DedupLayout.Of(context, "test").ObservedCount());
    }

    [Fact]
    public async Task APassStoppedHalfWayCommitsNothingAndRecordsNoCount()
    {
        var documents = Enumerable.Range(0, 5).Select(i => Some.Document($"text {i}")).ToList();
        var context = new StageContext("test.observe", ShardSpec.Single, workDirectory: TestPaths.NewTempDirectory());
        var observer = new RecordingObserver();

        await foreach (var _ in ObservePass.RunAsync(documents.ToAsyncEnumerable(), context, "test", _ => observer,
            batchSize: 1, countObserved: true, CancellationToken.None))
        {
            break;
        }

        Assert.False(observer.Committed);
        Assert.True(observer.Disposed);
        Assert.Equal(-1, DedupLayout.Of(context, "test").ObservedCount());
    }

    [Fact]
    public void NothingIsCreatedForAPassThatIsBuiltButNeverRun()
    {
        var context = new StageContext("test.observe", ShardSpec.Single, workDirectory: TestPaths.NewTempDirectory());
        var created = false;

        _ = ObservePass.RunAsync(new[] { Some.Document("a") }.ToAsyncEnumerable(), context, "test",
            _ => { created = true; return new RecordingObserver(); }, batchSize: 1, countObserved: true, CancellationToken.None);

        Assert.False(created);
    }

    private sealed class RecordingObserver : IDedupObserver
    {
        public List<(long FirstLocal, int Count)> Batches { get; } = [];

        public bool Committed { get; private set; }

        public bool Disposed { get; private set; }

        public void Observe(List<Document> documents, long firstLocal) => Batches.Add((firstLocal, documents.Count));

        public void Commit() => Committed = true;

        public void Dispose() => Disposed = true;
    }
}
