using System.Runtime.InteropServices;

namespace DataPrep.Stages.Dedup.Substring;

/// <summary>Where one document's UTF-8 text lies in its shard's text file, and its global order key
/// (which occurrence of a repeat is "first" does not depend on the sharding).</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct DocExtent(long OrderKey, long Start, long Length);
