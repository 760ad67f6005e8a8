using System.Runtime.InteropServices;

namespace DataPrep.Stages.Dedup;

/// <summary>
/// One 128-bit key of one document (a text hash; a band and its hash), as the observe pass writes it for a reduce step
/// that groups equal keys: sorted by key, then by order key, so each group of <see cref="SortedGroups"/> starts with
/// the first seen document. <see cref="Gid"/> finds the document again.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct DocumentKey(ulong High, ulong Low, long OrderKey, long Gid) : IComparable<DocumentKey>
{
    /// <summary>Whether two entries have the same key (whatever their documents).</summary>
    public static bool SameKey(DocumentKey first, DocumentKey other) => first.High == other.High && first.Low == other.Low;

    public int CompareTo(DocumentKey other)
    {
        var c = High.CompareTo(other.High);
        if (c != 0)
        {
            return c;
        }
        c = Low.CompareTo(other.Low);
        return c != 0 ? c : OrderKey.CompareTo(other.OrderKey);
    }
}
