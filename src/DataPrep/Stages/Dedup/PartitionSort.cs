namespace DataPrep.Stages.Dedup;

/// <summary>
/// The first half of a reduce part of the corpus-wide dedup stages: reads this part's partition from every rank's
/// observe file into an <see cref="ExternalSorter{T}"/> within the memory budget (spilling sorted runs above it).
/// </summary>
internal static class PartitionSort
{
    /// <summary>A sorter holding every record of this part's partition; read it once with <see cref="ExternalSorter{T}.Sorted"/>.</summary>
    public static ExternalSorter<T> Load<T>(DedupLayout layout, string kind, int memoryBudgetMb) where T : unmanaged, IComparable<T>
    {
        var sorter = new ExternalSorter<T>(layout.SpillFolder, (long)memoryBudgetMb << 20);
        try
        {
            foreach (var path in layout.PartitionFilesOfAllRanks(kind))
            {
                foreach (var record in RecordFile.ReadAll<T>(path))
                {
                    sorter.Add(record);
                }
            }
            return sorter;
        }
        catch
        {
            sorter.Dispose();
            throw;
        }
    }
}
