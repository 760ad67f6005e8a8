using System.Runtime.InteropServices;

namespace DataPrep.Stages.Dedup.Substring;

/// <summary>
/// Step <c>suffixes</c> for one shard's text: splits it into blocks of whole documents that fit the memory
/// budget, builds each block's suffix array (SA-IS, blocks side by side on the stage's threads) and writes it
/// with the count of suffixes per 2-byte prefix, which later tells every merge slice where its range starts in
/// each block without a search.
/// </summary>
internal static unsafe class SuffixBlockBuilder
{
    /// <summary>Number of 2-byte prefixes (first byte × 256 + second byte; 0 past the end of a block).</summary>
    public const int PrefixCount = 1 << 16;

    /// <summary>Bytes of memory per byte of text while a block is built: 4 for the suffix array, 1 for the mapped text
    /// itself, ≈ 3 for level 0's LMS keys (8 bytes per LMS position, ≈ 0.34 positions per byte of Korean text; a
    /// worker keeps them for its next block and drops them with the step), and 1 for the type bits (one bit per
    /// position) and the recursion's pooled counts and buffers (the reduced text lives in the suffix array). By the array
    /// sizes the last part is nearer 2 on a 14.9 MB Korean block (level 2's 1 M names: counts, buckets and the shortened
    /// recursion's buffer, rounded up by the pool), so the real figure is ≈ 10; a text with an LMS position every other
    /// byte (the most there can be) needs up to 1 more for its keys.</summary>
    public const int BytesPerTextByte = 9;

    /// <summary>Splits the documents into blocks of at most <paramref name="maxBlockBytes"/> (a longer document is a block alone).</summary>
    public static List<SuffixBlock> Plan(ReadOnlySpan<DocExtent> documents, long maxBlockBytes)
    {
        var blocks = new List<SuffixBlock>();
        long start = 0, length = 0;
        foreach (var document in documents)
        {
            var size = document.Length + 1;
            if (length > 0 && length + size > maxBlockBytes)
            {
                blocks.Add(new SuffixBlock(start, length));
                start += length;
                length = 0;
            }
            length += size;
        }
        if (length > 0)
        {
            blocks.Add(new SuffixBlock(start, length));
        }
        return blocks;
    }

    /// <summary>Smallest block: below it the per-block files and merge cursors cost more than they save.</summary>
    public const long MinBlockBytes = 64 << 10;

    /// <summary>Builds and writes every block of one shard; returns the number of suffixes sorted and of blocks.</summary>
    public static (long Suffixes, int Blocks) Build(string folder, int rank, int worldSize, long maxBlockBytes, int threads, CancellationToken cancellationToken)
    {
        var documents = SubstringFiles.ReadExtents(folder, rank, worldSize);
        var blocks = Plan(documents, maxBlockBytes);
        var prefixes = new int[blocks.Count][];
        using (var text = new MappedFile(SubstringFiles.Of(folder, SubstringFiles.Text, rank, worldSize)))
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads), CancellationToken = cancellationToken };
            // Each worker keeps its build's largest working arrays for its next block and drops them with the step.
            Parallel.For(0, blocks.Count, options, () => new SuffixArrayScratch(), (b, _, scratch) =>
            {
                var block = blocks[b];
                var bytes = new ReadOnlySpan<byte>(text.Pointer + block.Start, checked((int)block.Length));
                var suffixes = GC.AllocateUninitializedArray<int>(bytes.Length);
                SuffixArray.Build(bytes, suffixes, scratch);
                using (var output = WorkFiles.Create(SubstringFiles.Suffixes(folder, rank, worldSize, b)))
                {
                    output.Write(MemoryMarshal.AsBytes(suffixes.AsSpan()));
                    output.Commit();
                }
                prefixes[b] = CountPrefixes(bytes);
                return scratch;
            }, _ => { });
        }
        using (var output = WorkFiles.Create(SubstringFiles.Of(folder, SubstringFiles.Prefixes, rank, worldSize)))
        {
            foreach (var counts in prefixes)
            {
                output.Write(MemoryMarshal.AsBytes(counts.AsSpan()));
            }
            output.Commit();
        }
        // Written last: the index of blocks is what the next step trusts.
        using (var output = WorkFiles.Create(SubstringFiles.Of(folder, SubstringFiles.Blocks, rank, worldSize)))
        {
            RecordFile.WriteAll<SuffixBlock>(output, CollectionsMarshal.AsSpan(blocks));
            output.Commit();
        }
        long total = 0;
        foreach (var block in blocks)
        {
            total += block.Length;
        }
        return (total, blocks.Count);
    }

    /// <summary>Reads the prefix counts of every block of one shard.</summary>
    public static int[][] ReadPrefixes(string folder, int rank, int worldSize, int blockCount)
    {
        var result = new int[blockCount][];
        using var input = WorkFiles.OpenRead(WorkFiles.Require(SubstringFiles.Of(folder, SubstringFiles.Prefixes, rank, worldSize)));
        for (var b = 0; b < blockCount; b++)
        {
            result[b] = new int[PrefixCount];
            input.ReadExactly(MemoryMarshal.AsBytes(result[b].AsSpan()));
        }
        return result;
    }

    private static int[] CountPrefixes(ReadOnlySpan<byte> bytes)
    {
        var counts = new int[PrefixCount];
        if (bytes.IsEmpty)
        {
            return counts;
        }
        var previous = (int)bytes[0];
        for (var i = 1; i < bytes.Length; i++)
        {
            var current = (int)bytes[i];
            counts[(previous << 8) | current]++;
            previous = current;
        }
        counts[previous << 8]++;
        return counts;
    }
}
