using System.Numerics;

namespace DataPrep.Pipeline;

/// <summary>
/// A counter that many threads add to at once: each thread adds into one of several cells that sit on different
/// cache lines, and reading sums the cells. Per-document stages count every document on every core; with one shared
/// field the cores spent their time handing that cache line to each other instead of working.
/// </summary>
internal sealed class StripedCounter
{
    // 16 longs = 128 bytes between cells: never two cells on one cache line (or an adjacent-line prefetch pair).
    private const int Spacing = 16;

    private static readonly int Stripes = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount * 2, 2, 32));

    private readonly long[] _cells = new long[Stripes * Spacing];

    public void Add(long by) =>
        Interlocked.Add(ref _cells[(Environment.CurrentManagedThreadId & (Stripes - 1)) * Spacing], by);

    public long Value
    {
        get
        {
            long sum = 0;
            for (var i = 0; i < _cells.Length; i += Spacing)
            {
                sum += Interlocked.Read(ref _cells[i]);
            }
            return sum;
        }
    }
}
