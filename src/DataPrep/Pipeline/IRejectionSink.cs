namespace DataPrep.Pipeline;

/// <summary>Receives every rejected document. Implementations must be thread-safe.</summary>
public interface IRejectionSink
{
    /// <summary>Records a rejection.</summary>
    void Reject(Rejection rejection);
}
