namespace DataPrep.Pipeline;

/// <summary>Count, sum, min and max of an observed quantity; merges by combining.</summary>
public sealed class Distribution
{
    private readonly object _gate = new();

    /// <summary>Number of observations.</summary>
    public long Count { get; private set; }

    /// <summary>Sum of the observed values.</summary>
    public double Sum { get; private set; }

    /// <summary>Smallest value observed (0 when none).</summary>
    public double Min { get; private set; }

    /// <summary>Largest value observed (0 when none).</summary>
    public double Max { get; private set; }

    /// <summary>Mean of the observed values (0 when none).</summary>
    public double Mean => Count == 0 ? 0 : Sum / Count;

    /// <summary>Adds one observation.</summary>
    public void Observe(double value) => Add(1, value, value, value);

    /// <summary>Adds many observations at once (what merging does).</summary>
    public void Add(long count, double sum, double min, double max)
    {
        if (count == 0)
        {
            return;
        }
        lock (_gate)
        {
            if (Count == 0)
            {
                Min = min;
                Max = max;
            }
            else
            {
                Min = Math.Min(Min, min);
                Max = Math.Max(Max, max);
            }
            Count += count;
            Sum += sum;
        }
    }
}
