using System.Diagnostics;
using System.Runtime.CompilerServices;
using DataPrep.Configuration;
using DataPrep.Documents;
using DataPrep.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataPrep.Tests.Hosting;

public class DataPrepFactoryTests
{
    private static DataPrepFactory Factory()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddDataPrep();
        return services.BuildServiceProvider().GetRequiredService<DataPrepFactory>();
    }

    [Fact]
    public async Task StagesBuiltByNameRunOverAStream()
    {
        var dataPrep = Factory();
        var stages = new[] { dataPrep.CreateStage("Normalize"), dataPrep.CreateStage("StreamingExactDedup"), dataPrep.CreateStage("PiiScrub", "{ action: mask }") };
        var input = new[] { new Document("a", "메일은 kim@example.com 입니다."), new Document("b", "메일은  kim@example.com 입니다.") }.ToAsyncEnumerable();
        var kept = await dataPrep.RunAsync(input, stages).ToListAsync();
        var document = Assert.Single(kept);
        Assert.DoesNotContain("kim@example.com", document.Text);
    }

    [Fact]
    public void AnInvalidStageOptionIsAConfigError()
    {
        var error = Assert.Throws<PipelineConfigException>(() => Factory().CreateStage("Normalize", "{ maxConsecutiveNewlines: -3 }"));
        Assert.Contains("maxConsecutiveNewlines", error.Message);
    }

    [Fact]
    public async Task CancellationStopsAnEndlessStreamPromptly()
    {
        var dataPrep = Factory();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in dataPrep.RunAsync(Endless(), [dataPrep.CreateStage("Normalize")], cancellationToken: cts.Token))
            {
                seen++;
            }
        });
        Assert.True(seen > 0);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    private static async IAsyncEnumerable<Document> Endless([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; ; i++)
        {
            yield return new Document($"d{i}", $"문서 {i}");
            if (i % 1000 == 0)
            {
                await Task.Yield();
            }
        }
    }
}
