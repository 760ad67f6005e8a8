using System.Numerics;
using System.Runtime.InteropServices;

namespace DataPrep.Stages.Dedup.Substring;

/// <summary>A run of consecutive window starts (offsets in a shard's text) whose window is cut.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct MarkRun(long Start, long Length)
{
    /// <summary>Writes the runs of set bits of a bitmap (bit i = offset i), skipping empty words.</summary>
    public static void WriteRuns(Stream output, ulong[] bitmap)
    {
        long runStart = -1;
        for (var w = 0; w < bitmap.Length; w++)
        {
            var word = bitmap[w];
            var bit = 0;
            while (bit < 64)
            {
                if (runStart < 0)
                {
                    var rest = word >> bit;
                    if (rest == 0)
                    {
                        break;
                    }
                    bit += BitOperations.TrailingZeroCount(rest);
                    runStart = ((long)w << 6) + bit;
                }
                else
                {
                    // Zeros of the word from this bit up; none means the run goes on into the next word.
                    var rest = ~word >> bit;
                    if (rest == 0)
                    {
                        break;
                    }
                    bit += BitOperations.TrailingZeroCount(rest);
                    RecordFile.Write(output, new MarkRun(runStart, ((long)w << 6) + bit - runStart));
                    runStart = -1;
                }
            }
        }
        if (runStart >= 0)
        {
            RecordFile.Write(output, new MarkRun(runStart, ((long)bitmap.Length << 6) - runStart));
        }
    }
}
