namespace DataPrep.Pipeline;

/// <summary>A sink that forgets rejections (they are still counted in <see cref="StageStats"/>).</summary>
public sealed class NullRejectionSink : IRejectionSink
{
    /// <summary>The shared instance.</summary>
    public static NullRejectionSink Instance { get; } = new();

    /// <inheritdoc />
    public void Reject(Rejection rejection)
    {
    }
}
