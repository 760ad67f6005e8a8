using DataPrep.Stages.Dedup;
using DataPrep.Tests.Support;

namespace DataPrep.Tests.Stages.Dedup;

public sealed class ExternalSorterTests
{
    [Fact]
    public void RecordsOverTheBudgetAreSpilledToSortedRunsAndMergedInOrderAndTheRunsDeleted()
    {
        var folder = TestPaths.NewTempDirectory();
        var random = new Random(11);
        var values = Enumerable.Range(0, 100_000).Select(_ => (ulong)random.NextInt64()).ToList();
        values.AddRange(values.Take(500)); // duplicates survive the merge

        using (var sorter = new ExternalSorter<ulong>(folder, memoryBudgetBytes: 64 * 1024))
        {
            foreach (var value in values)
            {
                sorter.Add(value);
            }

            Assert.Equal(values.Order().ToList(), sorter.Sorted().ToList());
            Assert.True(sorter.SpilledRuns >= 10, $"{sorter.SpilledRuns} runs");
            Assert.Equal(values.Count, sorter.Count);
        }
        Assert.Empty(Directory.GetFiles(folder));
    }
}
