using System.Runtime.InteropServices;

namespace DataPrep.Stages.Dedup.Substring;

/// <summary>A run of whole documents of one shard's text whose suffix array is built at once (it fits the memory budget).</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct SuffixBlock(long Start, long Length);
