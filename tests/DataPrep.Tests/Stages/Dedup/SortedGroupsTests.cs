using DataPrep.Stages.Dedup;

namespace DataPrep.Tests.Stages.Dedup;

public sealed class SortedGroupsTests
{
    private static readonly DocumentKey[] Sorted =
    [
        new(1, 5, OrderKey: 10, Gid: 100),
        new(1, 5, OrderKey: 11, Gid: 101),
        new(1, 5, OrderKey: 12, Gid: 102),
        new(1, 6, OrderKey: 3, Gid: 103),
        new(2, 5, OrderKey: 1, Gid: 104),
        new(2, 5, OrderKey: 2, Gid: 105),
    ];

    [Fact]
    public void EqualKeysFormOneGroupEachStartingWithItsFirstSeenDocument()
    {
        var groups = SortedGroups.Of(Sorted, DocumentKey.SameKey, holdMembers: true, CancellationToken.None)
            .Select(g => (g.First.Gid, g.Count, Members: g.Members.Select(m => m.Gid).ToList()))
            .ToList();

        Assert.Equal(3, groups.Count);
        Assert.Equal((100L, 3L), (groups[0].Gid, groups[0].Count));
        Assert.Equal([100L, 101L, 102L], groups[0].Members);
        Assert.Equal((103L, 1L), (groups[1].Gid, groups[1].Count));
        Assert.Equal([103L], groups[1].Members);
        Assert.Equal((104L, 2L), (groups[2].Gid, groups[2].Count));
        Assert.Equal([104L, 105L], groups[2].Members);
    }

    [Fact]
    public void WithoutHeldMembersGroupsAreCountedButHoldNothing()
    {
        var hashes = new ulong[] { 7, 7, 7, 7, 8, 9, 9 };

        var groups = SortedGroups.Of(hashes, static (a, b) => a == b, holdMembers: false, CancellationToken.None)
            .Select(g => (g.First, g.Count, Held: g.Members.Count))
            .ToList();

        Assert.Equal([(7UL, 4L, 0), (8UL, 1L, 0), (9UL, 2L, 0)], groups);
    }

    [Fact]
    public void AnEmptyStreamHasNoGroup() =>
        Assert.Empty(SortedGroups.Of(Array.Empty<ulong>(), static (a, b) => a == b, holdMembers: true, CancellationToken.None));

    [Fact]
    public void CancellationStopsBetweenGroups()
    {
        using var cancellation = new CancellationTokenSource();
        var seen = 0;

        Assert.Throws<OperationCanceledException>(() =>
        {
            foreach (var _ in SortedGroups.Of(Sorted, DocumentKey.SameKey, holdMembers: true, cancellation.Token))
            {
                seen++;
                cancellation.Cancel();
            }
        });
        Assert.Equal(1, seen);
    }

    [Fact]
    public void KeysSortByKeyThenByFirstSeen()
    {
        DocumentKey[] keys = [new(2, 0, 1, 0), new(1, 9, 5, 1), new(1, 9, 4, 2), new(1, 8, 9, 3)];

        Assert.Equal([3L, 2L, 1L, 0L], keys.Order().Select(k => k.Gid));
    }
}
