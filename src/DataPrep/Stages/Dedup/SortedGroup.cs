namespace DataPrep.Stages.Dedup;

/// <summary>
/// One group of equal keys from a sorted stream (<see cref="SortedGroups"/>): its first record, how many records it
/// has, and, when held, all of them in sorted order. <see cref="Members"/> is reused for the next group: read it, never keep it.
/// </summary>
internal readonly record struct SortedGroup<T>(T First, long Count, List<T> Members);
