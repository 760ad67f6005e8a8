namespace DataPrep.Stages.Dedup;

/// <summary>
/// Cuts a sorted stream into groups of records with the same key (same hash, same band bucket): the second half of a
/// reduce part, after <see cref="PartitionSort"/>. Checks for cancellation between groups.
/// </summary>
internal static class SortedGroups
{
    /// <summary>The groups of <paramref name="sorted"/>: <paramref name="sameGroup"/> tells whether a record belongs to
    /// the group that starts with its first argument. Pass <paramref name="holdMembers"/> false when only
    /// <see cref="SortedGroup{T}.First"/> and <see cref="SortedGroup{T}.Count"/> are needed: a key repeated millions of
    /// times then costs no memory.</summary>
    public static IEnumerable<SortedGroup<T>> Of<T>(
        IEnumerable<T> sorted, Func<T, T, bool> sameGroup, bool holdMembers, CancellationToken cancellationToken)
    {
        var members = new List<T>();
        T first = default!;
        long count = 0;
        foreach (var record in sorted)
        {
            if (count > 0 && sameGroup(first, record))
            {
                count++;
                if (holdMembers)
                {
                    members.Add(record);
                }
                continue;
            }
            if (count > 0)
            {
                yield return new SortedGroup<T>(first, count, members);
                cancellationToken.ThrowIfCancellationRequested();
                members.Clear();
            }
            first = record;
            count = 1;
            if (holdMembers)
            {
                members.Add(record);
            }
        }
        if (count > 0)
        {
            yield return new SortedGroup<T>(first, count, members);
        }
    }
}
