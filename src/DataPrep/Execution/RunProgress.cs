namespace DataPrep.Execution;

/// <summary>A progress snapshot: what has been read and written so far in the current phase.</summary>
/// <param name="Phase">The phase's name.</param>
/// <param name="DocumentsRead">Records read from the input.</param>
/// <param name="BytesRead">UTF-8 bytes of text read.</param>
/// <param name="DocumentsWritten">Documents that reached the end of the phase.</param>
/// <param name="Elapsed">Time since the phase started.</param>
public sealed record RunProgress(string Phase, long DocumentsRead, long BytesRead, long DocumentsWritten, TimeSpan Elapsed);
